import { describe, expect, it } from "vitest";
import { run } from "./fixtures.js";

describe("analyst examples", () => {
  it("substantive criterion: reports the first failing conjunct", () => {
    const result = run("roadmap >= 70 and declaration >= 80 and verification >= 60 and definition == agreed");
    expect(result).toEqual({ value: false, why: "Declaration is 50, below 80" });
  });

  it("substantive criterion: true lists every conjunct", () => {
    const result = run("roadmap >= 70 and declaration >= 80 and definition == agreed", (data) => {
      data.deal["declaration"] = 85;
    });
    expect(result).toEqual({ value: true, why: "Roadmap is 75, at least 70; declaration is 85, at least 80; definition is agreed" });
  });

  it("ally-concession trap names the first witness", () => {
    const result = run("any a in [ROK, JPN], i in issues: salience(a, i) >= 60 and against(a, i)");
    expect(result).toEqual({
      value: true,
      why: "ROK on sanctions: the salience of sanctions to ROK is 70, at least 60; the deal moves sanctions away from ROK (status quo 100 → 20; ROK at 90)",
    });
  });

  it("icbm-only trap", () => {
    const result = run("missiles == icbm_only and (salience(CHN, missiles) >= 60 or salience(JPN, missiles) >= 60)");
    expect(result).toEqual({ value: true, why: "Missiles is icbm_only; the salience of missiles to JPN is 80, at least 60" });
  });

  it("threat-declared-over trap", () => {
    expect(run("denuclearization < 50 and normalization >= 70")).toEqual({
      value: true,
      why: "Denuclearization is 40, below 50; normalization is 80, at least 70",
    });
  });

  it("moved, abs of a difference, gain", () => {
    expect(run("moved(sanctions) > 20")).toEqual({ value: false, why: "The move on sanctions is -80 (from 100 to 20), not above 20" });
    expect(run("abs(deal(verification) - reference(verification)) < 10")).toEqual({
      value: true,
      why: "|verification − the status quo on verification| is 5 (verification is 65; the status quo on verification is 60), below 10",
    });
    expect(run("gain(USA) > 0")).toEqual({ value: true, why: "USA's gain is 15 (utility 60.000 − walk-away 45.000), above 0" });
  });

  it("all actors accept / count of accepting actors", () => {
    expect(run("all a in actors: accepts(a)")).toEqual({
      value: false,
      why: "Fails for DPRK: DPRK does not accept (utility 30.000 < walk-away 45.000)",
    });
    expect(run("(count a in actors: accepts(a)) >= 4")).toEqual({ value: false, why: "The number of qualifying cases among every actor is 3 (USA, ROK and CHN), below 4" });
    expect(run("(count a in actors: accepts(a)) >= 3").value).toBe(true);
  });
});

describe("functions", () => {
  it("deal(issue) equals the bare issue name", () => {
    expect(run("deal(roadmap) == roadmap").value).toBe(true);
    expect(run("deal(definition) == agreed")).toEqual({ value: true, why: "Definition is agreed" });
  });

  it("reference and position on numeric and option issues", () => {
    expect(run("reference(sanctions) == 100").value).toBe(true);
    expect(run("reference(definition) == none").value).toBe(true);
    expect(run("position(USA, definition) == definition")).toEqual({
      value: true,
      why: "USA's position on definition is agreed, equal to definition (agreed)",
    });
    expect(run("position(ROK, sanctions) > sanctions").value).toBe(true);
  });

  it("salience and capability, with and without an issue", () => {
    expect(run("salience(ROK, sanctions) == 70").value).toBe(true);
    expect(run("capability(USA) == 100 and capability(USA, sanctions) == 90")).toEqual({
      value: true,
      why: "USA's capability is 100, equal to 100; USA's capability on sanctions is 90, equal to 90",
    });
  });

  it("toward and against on a numeric issue", () => {
    expect(run("toward(DPRK, sanctions)")).toEqual({
      value: true,
      why: "The deal moves sanctions toward DPRK (status quo 100 → 20; DPRK at 0)",
    });
    expect(run("against(DPRK, sanctions)")).toEqual({
      value: false,
      why: "The deal does not move sanctions away from DPRK (status quo 100 → 20; DPRK at 0)",
    });
  });

  it("toward and against are strict: no movement is neither", () => {
    const unchanged = (data: { deal: Record<string, number | string> }): void => {
      data.deal["sanctions"] = 100;
    };
    expect(run("toward(ROK, sanctions)", unchanged).value).toBe(false);
    expect(run("against(ROK, sanctions)", unchanged).value).toBe(false);
  });

  it("toward on an option issue uses option places", () => {
    expect(run("toward(JPN, missiles)")).toEqual({
      value: true,
      why: "The deal moves missiles toward JPN (status quo none → icbm_only; JPN at all_ranges)",
    });
  });

  it("moved on an option issue uses option places", () => {
    expect(run("moved(definition) == 100")).toEqual({
      value: true,
      why: "The move on definition is 100 (from none to agreed), equal to 100",
    });
  });

  it("utility, reservation, gain, accepts", () => {
    expect(run("utility(USA) - reservation(USA) == gain(USA)").value).toBe(true);
    expect(run("accepts(USA)")).toEqual({ value: true, why: "USA accepts (utility 60.000 ≥ walk-away 45.000)" });
    expect(run("accepts(DPRK)")).toEqual({ value: false, why: "DPRK does not accept (utility 30.000 < walk-away 45.000)" });
  });

  it("accepts holds at exactly the reservation", () => {
    expect(run("accepts(DPRK)", (data) => (data.utility["DPRK"] = 45)).value).toBe(true);
  });

  it("abs, min, max", () => {
    expect(run("abs(moved(sanctions)) == 80").value).toBe(true);
    expect(run("min(roadmap, 3, declaration) == 3").value).toBe(true);
    expect(run("max(roadmap, declaration) == 75")).toEqual({
      value: true,
      why: "Max(roadmap, declaration) is 75 (roadmap is 75; declaration is 50), equal to 75",
    });
  });
});

describe("arithmetic and logic", () => {
  it("respects precedence and unary minus", () => {
    expect(run("2 + 3 * 4 == 14").value).toBe(true);
    expect(run("(2 + 3) * 4 == 20").value).toBe(true);
    expect(run("10 - 4 - 3 == 3").value).toBe(true);
    expect(run("-roadmap == -75").value).toBe(true);
    expect(run("- -2 == 2").value).toBe(true);
    expect(run("roadmap / 3 > 25 - 0.5").value).toBe(true);
  });

  it("accepts the typographic operators ≥ ≤ ≠ and the minus sign", () => {
    expect(run("roadmap ≥ 75 and declaration ≤ 50 and sanctions ≠ 21 and 1 − 1 == 0").value).toBe(true);
  });

  it("or reports the first true disjunct, or every false one", () => {
    expect(run("roadmap < 10 or declaration > 40")).toEqual({ value: true, why: "Declaration is 50, above 40" });
    expect(run("roadmap < 10 or declaration > 60")).toEqual({
      value: false,
      why: "Roadmap is 75, not below 10; declaration is 50, not above 60",
    });
  });

  it("not inverts and keeps the deciding explanation", () => {
    expect(run("not accepts(DPRK)")).toEqual({ value: true, why: "DPRK does not accept (utility 30.000 < walk-away 45.000)" });
    expect(run("not not accepts(USA)").value).toBe(true);
    expect(run("not roadmap > 70").value).toBe(false);
  });

  it("and binds tighter than or", () => {
    expect(run("roadmap > 100 and declaration > 0 or sanctions == 20").value).toBe(true);
    expect(run("roadmap > 100 and (declaration > 0 or sanctions == 20)").value).toBe(false);
  });

  it("equality tolerates floating-point noise", () => {
    expect(run("0.1 + 0.2 == 0.3").value).toBe(true);
  });

  it("division by zero is unknown, so the comparison is false", () => {
    expect(run("roadmap / 0 > 1")).toEqual({
      value: false,
      why: "Roadmap ÷ 0 is unknown (division by zero), so the condition is false",
    });
  });
});

describe("option issues and lists", () => {
  it("== and != against option ids", () => {
    expect(run("definition == agreed").value).toBe(true);
    expect(run("definition != agreed")).toEqual({ value: false, why: "Definition is agreed" });
    expect(run("definition == partial")).toEqual({ value: false, why: "Definition is agreed, not partial" });
    expect(run("agreed == definition").value).toBe(true);
  });

  it("in and not in", () => {
    expect(run("definition in [agreed, partial]")).toEqual({ value: true, why: "Definition is agreed, one of agreed and partial" });
    expect(run("definition not in [agreed, partial]").value).toBe(false);
    expect(run("sanctions in [10, 20, 30]").value).toBe(true);
    expect(run("sanctions not in [-20, 30]").value).toBe(true);
  });

  it("an option id shared by two issues means the option of the issue it is compared with", () => {
    expect(run("missiles != none and reference(missiles) == none").value).toBe(true);
    expect(run("definition == none").value).toBe(false);
  });

  it("quoted names reach ids that are keywords or contain other characters", () => {
    const result = run("'roadmap' > 1 and \"definition\" == 'agreed'");
    expect(result.value).toBe(true);
  });
});

describe("quantifiers", () => {
  it("any over issues names the witness", () => {
    expect(run("any i in issues: moved(i) > 30")).toEqual({
      value: true,
      why: "Denuclearization: the move on denuclearization is 40 (from 0 to 40), above 30",
    });
  });

  it("any that fails summarises the cases checked", () => {
    expect(run("any a in [ROK, JPN]: gain(a) > 50")).toEqual({
      value: false,
      why: "No case qualifies among the 2 of ROK and JPN",
    });
  });

  it("all that holds summarises; all that fails gives the counterexample", () => {
    expect(run("all i in [roadmap, normalization]: i >= 70")).toEqual({
      value: true,
      why: "Holds in all 2 cases of roadmap and normalization",
    });
    expect(run("all i in [roadmap, declaration]: i >= 70")).toEqual({
      value: false,
      why: "Fails for declaration: declaration is 50, below 70",
    });
  });

  it("count yields a number usable in arithmetic", () => {
    expect(run("(count i in issues: moved(i) != 0) + 1 == 10")).toMatchObject({ value: true });
    expect(run("(count a in actors: gain(a) > 100) == 0")).toEqual({ value: true, why: "The number of qualifying cases among every actor is 0, equal to 0" });
  });

  it("nested quantifiers see the outer variable", () => {
    expect(run("any a in actors: all i in [sanctions]: salience(a, i) >= 60").value).toBe(true);
  });

  it("quantifier bodies extend to the end unless bracketed", () => {
    expect(run("(any a in actors: accepts(a)) and roadmap > 100").value).toBe(false);
    expect(run("any a in actors: accepts(a) and roadmap > 70").value).toBe(true);
  });

  it("a mixed-argument call inside a quantifier keeps its full label", () => {
    expect(run("any a in [ROK]: salience(a, sanctions) > 60")).toEqual({
      value: true,
      why: "ROK: the salience of sanctions to ROK is 70, above 60",
    });
  });
});

describe("missing data", () => {
  it("salience of an absent stance is 0, and the explanation says so", () => {
    expect(run("salience(USA, exercises) == 0")).toEqual({
      value: true,
      why: "The salience of exercises to USA is 0 (USA takes no stance on exercises), equal to 0",
    });
  });

  it("capability not given is 0", () => {
    expect(run("capability(ROK) == 0").value).toBe(true);
  });

  it("an unknown position makes comparisons false, either way round", () => {
    const why = "ROK's position on roadmap is unknown (ROK takes no position on roadmap), so the condition is false";
    expect(run("position(ROK, roadmap) > 3")).toEqual({ value: false, why });
    expect(run("position(ROK, roadmap) <= 3").value).toBe(false);
    expect(run("position(ROK, roadmap) in [1, 2]").value).toBe(false);
  });

  it("toward/against cannot be judged without a position, reference or option place", () => {
    expect(run("toward(CHN, sanctions)")).toEqual({
      value: false,
      why: "Whether the deal moves sanctions toward CHN cannot be judged (CHN takes no position on sanctions), so the condition is false",
    });
    expect(run("against(ROK, sanctions)", (data) => delete data.reference["sanctions"]).value).toBe(false);
    expect(run("toward(JPN, missiles)", (data) => delete data.places["missiles/icbm_only"]).why).toContain(
      "option “icbm_only” of missiles has no place on the scale",
    );
  });

  it("moved without a reference is unknown", () => {
    expect(run("moved(sanctions) < 0", (data) => delete data.reference["sanctions"]).why).toBe(
      "The move on sanctions is unknown (sanctions has no status quo), so the condition is false",
    );
  });

  it("non-finite numbers from the caller are treated as missing", () => {
    expect(run("roadmap > 0", (data) => (data.deal["roadmap"] = Number.NaN)).value).toBe(false);
    expect(run("accepts(USA)", (data) => (data.utility["USA"] = Number.POSITIVE_INFINITY)).why).toContain("USA's utility is unknown (not a number)");
  });

  it("a wrongly typed deal value is unknown, not a crash", () => {
    expect(run("definition == agreed", (data) => (data.deal["definition"] = 3)).value).toBe(false);
    expect(run("roadmap > 1", (data) => (data.deal["roadmap"] = "high")).value).toBe(false);
  });
});
