import { describe, expect, it } from "vitest";
import { parseRule } from "../../src/rules/index.js";
import { mustFail, pointedAt, schema } from "./fixtures.js";

/** The single diagnostic of `text`, with the text it points at. */
function onlyError(text: string): { at: string; offset: number; message: string } {
  const errors = mustFail(text);
  expect(errors).toHaveLength(1);
  const [error] = errors;
  if (!error) throw new Error("no diagnostic");
  return { at: pointedAt(text, error), offset: error.offset, message: error.message };
}

describe("unknown names, with suggestions", () => {
  it("unknown issue", () => {
    expect(onlyError("verfication >= 60")).toEqual({ at: "verfication", offset: 0, message: "unknown issue 'verfication' — did you mean 'verification'?" });
  });

  it("unknown issue as a function argument", () => {
    const error = onlyError("moved(sanction) > 2");
    expect(error.at).toBe("sanction");
    expect(error.message).toBe("unknown issue 'sanction' — did you mean 'sanctions'?");
  });

  it("unknown actor, suggested case-insensitively, or listed when nothing is close", () => {
    expect(onlyError("accepts(rok)").message).toBe("unknown actor 'rok' — did you mean 'ROK'?");
    expect(onlyError("accepts(Russia)").message).toBe("unknown actor 'Russia'; the actors are USA, DPRK, ROK, CHN, JPN");
  });

  it("unknown option of an option issue, on either side", () => {
    const error = onlyError("definition == agred");
    expect(error).toMatchObject({ at: "agred", offset: 14 });
    expect(error.message).toBe("'agred' is not an option of 'definition' (options: agreed, partial, none) — did you mean 'agreed'?");
    expect(onlyError("agred == definition").at).toBe("agred");
    expect(onlyError("definition in [agreed, partal]").at).toBe("partal");
  });

  it("unknown function", () => {
    expect(onlyError("salince(ROK, sanctions) > 1")).toMatchObject({ at: "salince", message: "unknown function 'salince' — did you mean 'salience'?" });
  });

  it("an option id used without a comparison", () => {
    expect(onlyError("icbm_only").message).toBe("'icbm_only' is an option of 'missiles'; compare with it, e.g. missiles == icbm_only");
  });

  it("a function name used without brackets", () => {
    expect(onlyError("gain > 1").message).toContain("'gain' is a function; call it with brackets");
  });

  it("unknown names in a quantifier list", () => {
    expect(onlyError("any a in [ROK, JPM]: accepts(a)")).toMatchObject({ at: "JPM", message: "unknown actor or issue 'JPM' — did you mean 'JPN'?" });
  });
});

describe("arity and argument kinds", () => {
  it("wrong number of arguments", () => {
    const error = onlyError("salience(ROK) > 1");
    expect(error.at).toBe("salience(ROK)");
    expect(error.message).toBe("'salience' takes 2 argument(s) (actor, issue); found 1");
    expect(onlyError("capability() > 1").message).toBe("'capability' takes 1 or 2 argument(s) (actor[, issue]); found 0");
    expect(onlyError("min(1) > 1").message).toBe("'min' takes at least 2 argument(s) (number, number, …); found 1");
  });

  it("actor where an issue is expected, and the reverse", () => {
    expect(onlyError("moved(ROK) > 1")).toMatchObject({ at: "ROK", message: "'moved' expects an issue here, but 'ROK' is an actor" });
    expect(onlyError("utility(sanctions) > 1")).toMatchObject({ at: "sanctions", message: "'utility' expects an actor here, but 'sanctions' is an issue" });
  });

  it("an expression where an actor or issue is expected", () => {
    expect(onlyError("utility(1 + 2) > 1").message).toContain("'utility' expects an actor here");
    expect(onlyError("deal(roadmap + 1) > 1").message).toContain("'deal' expects an issue here");
  });

  it("actor ids and actor variables are not values", () => {
    expect(onlyError("ROK > 1")).toMatchObject({ at: "ROK", message: expect.stringContaining("'ROK' is an actor") });
    expect(onlyError("any a in actors: a > 1")).toMatchObject({ at: "a", offset: 17 });
  });

  it("variables of the wrong kind", () => {
    expect(onlyError("any i in issues: accepts(i)").message).toBe("'accepts' expects an actor here, but 'i' is an issue variable");
    expect(onlyError("any a in actors: moved(a) > 1").message).toBe("'moved' expects an issue here, but 'a' is an actor variable");
  });
});

describe("type errors", () => {
  it("comparing an option issue with a number", () => {
    expect(onlyError("definition > 3")).toMatchObject({
      at: "definition > 3",
      message: "'definition' is an option issue: compare it with ==, != or 'in' and one of its options (agreed, partial, none), not with '>'",
    });
    expect(onlyError("definition == 3").message).toBe("'definition' is an option issue: compare it with one of its options (agreed, partial, none), not with a number");
    expect(onlyError("definition in [1]").message).toContain("list its options");
  });

  it("a numeric issue compared with a name", () => {
    expect(onlyError("roadmap == agreed").message).toBe("'agreed' is an option of 'definition'; compare with it, e.g. definition == agreed");
    expect(onlyError("roadmap in [agreed]").message).toContain("expected a number in this list");
  });

  it("options of different issues", () => {
    expect(onlyError("definition == missiles").message).toBe("cannot compare an option of 'definition' with an option of 'missiles'");
  });

  it("arithmetic on options or conditions", () => {
    expect(onlyError("definition + 1 > 2").message).toBe("'+' needs a number, but this is an option of 'definition'");
    expect(onlyError("accepts(USA) * 2 > 1").message).toBe("'*' needs a number, but this is a true/false condition");
  });

  it("a rule that is not a condition", () => {
    expect(onlyError("roadmap + 1").message).toBe("a rule must be a true/false condition, but this is a number; add a comparison, e.g. '>= 60'");
    expect(onlyError("definition").message).toContain("compare it with one of its options, e.g. definition == agreed");
    expect(onlyError("roadmap > 1 and 3").message).toContain("each side of 'and' must be a true/false condition");
    expect(onlyError("not 3").message).toContain("what follows 'not' must be");
  });

  it("an issue variable whose issues are not all numeric", () => {
    expect(onlyError("any i in issues: i > 50").message).toContain("it ranges over option issue(s) 'missiles', 'definition'");
    expect(mustParse("any i in [roadmap, sanctions]: i > 50")).toBe(true);
  });

  it("count compared inside its own condition gets a hint", () => {
    const errors = mustFail("count a in actors: accepts(a) >= 4");
    expect(errors.map((error) => error.message)).toContain(
      "'>=' compares numbers, but one side is a true/false condition; to compare a count, put the count in brackets: (count a in actors: accepts(a)) >= 4",
    );
  });
});

describe("quantifier errors", () => {
  it("variable names that clash", () => {
    expect(onlyError("any ROK in actors: accepts(ROK)").message).toContain("'ROK' is already the name of an actor");
    expect(onlyError("any a in actors, a in issues: accepts(a)").message).toBe("variable 'a' is already in use here; choose another name");
    expect(onlyError("any gain in actors: accepts(gain)").message).toContain("a function");
  });

  it("lists mixing actors and issues, numbers, or nothing", () => {
    expect(onlyError("any x in [ROK, sanctions]: x > 1").message).toBe("a quantifier list must hold only actors or only issues, not both");
    expect(onlyError("any x in [1]: 1 > 0").message).toContain("a quantifier list holds actors or issues");
    expect(onlyError("any x in []: 1 > 0").message).toContain("the list is empty");
    expect(onlyError("roadmap in []").message).toContain("the list is empty");
  });

  it("too many combinations", () => {
    const text = "all a in actors, b in actors, c in actors, d in actors, e in actors, f in actors: accepts(a)";
    expect(onlyError(text)).toMatchObject({ offset: 0, message: "this quantifier, with those around it, would check 15625 combinations; the limit is 10000" });
  });
});

describe("syntax errors", () => {
  it("unclosed bracket points at the opening bracket", () => {
    expect(onlyError("(roadmap > 1")).toEqual({ at: "(", offset: 0, message: "'(' at offset 0 is not closed: expected ')' but found the end of the rule" });
    expect(onlyError("accepts(USA")).toMatchObject({ at: "(", offset: 7 });
  });

  it("unterminated list", () => {
    expect(onlyError("definition in [agreed, partial")).toEqual({
      at: "[",
      offset: 14,
      message: "list '[' at offset 14 is not closed: expected ']' but found the end of the rule",
    });
  });

  it("a list out of place", () => {
    expect(onlyError("[agreed] == definition").message).toContain("a list [ … ] can only follow 'in'");
  });

  it("missing operand and trailing tokens", () => {
    expect(onlyError("roadmap >")).toMatchObject({ offset: 9, message: "expected a number, a name, a function call or '('; found the end of the rule" });
    expect(onlyError("roadmap > 1 declaration")).toMatchObject({ at: "declaration", message: expect.stringContaining("expected an operator such as 'and'") });
    expect(onlyError("roadmap > 1 AND declaration > 1").message).toContain("keywords are written in lower case: 'and'");
  });

  it("chained comparisons", () => {
    expect(onlyError("1 < roadmap < 80")).toMatchObject({ at: "<", offset: 12, message: expect.stringContaining("comparisons cannot be chained") });
  });

  it("operators from programming languages, with the rule-language spelling", () => {
    const text = "roadmap = 1 && !accepts(USA) || sanctions > 1";
    const errors = mustFail(text);
    expect(errors.map((error) => [pointedAt(text, error), error.message])).toEqual([
      ["=", "write '==' to test equality"],
      ["&&", "write 'and' instead of '&&'"],
      ["!", "write 'not' instead of '!'"],
      ["||", "write 'or' instead of '||'"],
    ]);
  });

  it("malformed quantifiers", () => {
    expect(onlyError("any in actors: 1 > 0").message).toContain("expected a variable name after 'any'");
    expect(onlyError("any a actors: 1 > 0").message).toContain("expected 'in' after the variable 'a'");
    expect(onlyError("any a in people: 1 > 0").message).toContain("expected 'actors', 'issues' or a list");
    expect(onlyError("roadmap in 3").message).toBe("expected a list such as [agreed, partial] after 'in'; found number 3");
    expect(onlyError("any a in actors accepts(a)").message).toContain("expected ':' before the condition of 'any'");
  });

  it("keywords where an operand is expected", () => {
    expect(onlyError("roadmap > 1 and or 2").message).toContain("'or' is a keyword");
  });

  it("numbers running into names, quoted names left open or empty", () => {
    expect(onlyError("70roadmap > 1")).toMatchObject({ at: "70roadmap", message: expect.stringContaining("names may not start with a digit") });
    expect(mustFail("'roadmap > 1")[0]?.message).toContain("quoted name is not closed");
    expect(mustFail("'' > 1")[0]?.message).toBe("a quoted name cannot be empty");
  });

  it("empty text", () => {
    expect(onlyError("   ").message).toContain("the rule is empty");
  });
});

describe("all errors are reported together", () => {
  it("reports every name and type error, in text order, each located", () => {
    const text = "verfication > 3 and salience(ROC, sanctions) > 2 and definition == agred and definition > 3 and foo(1)";
    const errors = mustFail(text);
    expect(errors.map((error) => pointedAt(text, error))).toEqual(["verfication", "ROC", "agred", "definition > 3", "foo"]);
  });

  it("reports name errors after a syntax error", () => {
    const text = "verfication > 3 and (roadmap > 1";
    expect(mustFail(text).map((error) => pointedAt(text, error))).toEqual(["verfication", "("]);
  });

  it("caps the number of diagnostics", () => {
    const text = Array.from({ length: 30 }, (_, index) => `x${index} > 1`).join(" and ");
    const errors = mustFail(text);
    expect(errors).toHaveLength(21);
    expect(errors[20]?.message).toBe("10 more problem(s) not shown; fix the ones above first");
  });
});

/** True when `text` parses against the test schema. */
function mustParse(text: string): boolean {
  return parseRule(text, schema).ok;
}
