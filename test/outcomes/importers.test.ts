/** GENIUS XML, GeniusWeb JSON and NegoLog parsers: semantics on inline files, and errors. */
import { describe, expect, it } from "vitest";
import { ImportError } from "../../src/importers/errors.js";
import {
  detectGeniusFormat,
  discretiseReal,
  importGeniusWeb,
  importGeniusXml,
  importNegoLog,
  parseGeniusDomain,
  parseGeniusWebDomain,
  roundHalfUp,
} from "../../src/importers/genius/index.js";
import { analyzeSpace } from "../../src/outcomes/analyze.js";
import { outcomeFromRecord } from "../../src/outcomes/space.js";
import { evaluateUtility } from "../../src/outcomes/utility.js";

const domainXml = `<negotiation_template><utility_space number_of_issues="3">
<objective index="0" name="root" type="objective" etype="objective">
  <issue index="1" name="colour" type="discrete" etype="discrete" vtype="discrete">
    <item index="1" value="red"/><item index="2" value="blue"/>
  </issue>
  <issue index="2" name="price" type="integer" etype="integer" vtype="integer" lowerbound="0" upperbound="4"/>
  <issue index="3" name="x" type="real" etype="real" vtype="real"><range lowerbound="0" upperbound="1"/></issue>
</objective></utility_space></negotiation_template>`;

const profileXml = (realEvaluator: string, weights = [0.5, 0.3, 0.2], extra = ""): string => `<utility_space>
<objective index="0" name="root" type="objective" etype="objective">
  <issue index="1" name="colour" type="discrete"><item index="1" value="red" evaluation="2"/><item index="2" value="blue" evaluation="8"/></issue>
  <issue index="2" name="price" type="integer" lowerbound="0" upperbound="4"><evaluator ftype="linear" slope="0.3" offset="0.2"/></issue>
  <issue index="3" name="x" type="real"><range lowerbound="0" upperbound="1"/>${realEvaluator}</issue>
  ${weights.map((w, i) => `<weight index="${i + 1}" value="${w}"/>`).join("")}
</objective>${extra}
<reservation value="0.25"/></utility_space>`;

describe("GENIUS XML", () => {
  it("discretises real issues into 21 evenly spaced values by default (GENIUS IssueReal), or as asked", () => {
    const domain = parseGeniusDomain(domainXml, "d.xml");
    expect(domain.space.issues[2]!.values).toHaveLength(21);
    expect(domain.space.issues[2]!.values[1]).toBe(0.05);
    expect(domain.space.issues[2]!.values[20]).toBe(1);
    expect(parseGeniusDomain(domainXml, "d.xml", { realSteps: 5 }).space.issues[2]!.values).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(discretiseReal(2, 2, 21)).toEqual([2]);
  });

  it("applies the discrete, integer and real evaluators and the min(1, ·) cap", () => {
    const imported = importGeniusXml({ text: domainXml, file: "d.xml" }, [
      { text: profileXml(`<evaluator ftype="linear" parameter0="0.1" parameter1="0.5"/>`), file: "dir/buyer.xml" },
      { text: profileXml(`<evaluator ftype="triangular" parameter0="0.2" parameter1="1" parameter2="0.6"/>`, [0.6, 0.6, 0.6]), file: "seller.xml", name: "Seller" },
    ]);
    expect(imported.parties).toEqual(["buyer", "Seller"]);
    const outcome = outcomeFromRecord(imported.space, { colour: "red", price: 2, x: 0.4 });
    // buyer: 0.5·(2/8) + 0.3·clip(0.3·2 + 0.2) + 0.2·clip(0.5·0.4 + 0.1)
    expect(evaluateUtility(imported.utilities[0]!, outcome)).toBeCloseTo(0.5 * 0.25 + 0.3 * 0.8 + 0.2 * 0.3, 12);
    // seller: 0.6·0.25 + 0.6·0.8 + 0.6·0.5 = 0.93; and capped at 1 for blue.
    expect(evaluateUtility(imported.utilities[1]!, outcome)).toBeCloseTo(0.6 * 0.25 + 0.6 * 0.8 + 0.6 * 0.5, 12);
    expect(evaluateUtility(imported.utilities[1]!, outcomeFromRecord(imported.space, { colour: "blue", price: 4, x: 0.6 }))).toBe(1);
    expect(imported.utilities[0]!.reservation).toBe(0.25);
    expect(imported.discounts).toEqual([1, 1]);
  });

  it("gives an issue without a weight no evaluator (it contributes 0)", () => {
    const text = profileXml(`<evaluator ftype="constant" parameter0="0.7"/>`).replace(/<weight index="3"[^>]*\/>/, "");
    const imported = importGeniusXml({ text: domainXml, file: "d.xml" }, [{ text, file: "p.xml" }]);
    const utility = imported.utilities[0]!;
    expect(utility.kind === "additive" && utility.weights[2]).toBe(0);
  });

  it("reads ANAC-2014 non-linear hyperRectangle profiles as general utilities", () => {
    const domain = `<negotiation_template><utility_space><objective index="0" name="root" type="objective">
      <issue index="1" name="a" type="integer" lowerbound="1" upperbound="3"/><issue index="2" name="b" type="integer" lowerbound="1" upperbound="3"/>
    </objective></utility_space></negotiation_template>`;
    const profile = `<utility_space type="nonlinear"><utility maxutility="10"><ufun type="PlainUfun" weight="1" aggregation="sum">
      <hyperRectangle utility="6"><INCLUDES index="1" min="2" max="3"/></hyperRectangle>
      <hyperRectangle utility="4"><INCLUDES index="2" min="1" max="1"/><EXCLUDES index="1" min="3" max="3"/></hyperRectangle>
    </ufun></utility><reservation value="0.1"/></utility_space>`;
    expect(detectGeniusFormat(profile)).toBe("genius-nonlinear-profile");
    const imported = importGeniusXml({ text: domain, file: "d.xml" }, [{ text: profile, file: "p.xml" }]);
    const u = (a: number, b: number): number => evaluateUtility(imported.utilities[0]!, outcomeFromRecord(imported.space, { a, b }));
    expect([u(1, 1), u(2, 1), u(3, 1), u(3, 2), u(1, 2)]).toEqual([0.4, 1, 0.6, 0.6, 0]);
    const analysis = analyzeSpace(imported.space, [...imported.utilities, ...imported.utilities]);
    expect(analysis.pareto.algorithm).toBe("enumeration");
    expect(analysis.maxWelfare.outcomes).toEqual([{ a: 2, b: 1 }]);
  });

  it("rejects malformed input with an ImportError naming the file and element", () => {
    const fails = (run: () => unknown): ImportError => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        return error as ImportError;
      }
      throw new Error("expected an ImportError");
    };
    const syntax = fails(() => parseGeniusDomain("<negotiation_template>\n<utility_space>\n</negotiation_template>", "broken.xml"));
    expect(syntax.file).toBe("broken.xml");
    expect(syntax.line).toBeGreaterThan(0);
    expect(fails(() => parseGeniusDomain("<foo/>", "d.xml")).field).toBe("negotiation_template");
    expect(fails(() => parseGeniusDomain(domainXml.replace('type="integer" etype="integer" vtype="integer"', 'type="money"'), "d.xml")).field).toBe("issue@type");
    const badWeight = fails(() => importGeniusXml({ text: domainXml, file: "d.xml" }, [{ text: profileXml("", [0.5, 0.3, Number.NaN]), file: "p.xml" }]));
    expect(badWeight.message).toMatch(/value/);
    const missingItem = profileXml(`<evaluator ftype="linear" parameter0="0" parameter1="1"/>`).replace(/<item index="2"[^>]*\/>/, "");
    expect(fails(() => importGeniusXml({ text: domainXml, file: "d.xml" }, [{ text: missingItem, file: "p.xml" }])).message).toMatch(/blue/);
    const badFtype = profileXml(`<evaluator ftype="sigmoid"/>`);
    expect(fails(() => importGeniusXml({ text: domainXml, file: "d.xml" }, [{ text: badFtype, file: "p.xml" }])).field).toBe("evaluator@ftype");
  });
});

const geniusWebDomain = {
  name: "party",
  issuesValues: { Food: { values: ["Chips and Nuts", "Finger-Food", "Catering"] }, Guests: { range: { low: 10, high: 30, step: 10 } } },
};
const geniusWebProfile = (wrapper: "discreteutils" | "DiscreteValueSetUtilities", weights = { Food: 0.4, Guests: 0.6 }): string =>
  JSON.stringify({
    LinearAdditiveUtilitySpace: {
      name: "host",
      issueUtilities: {
        Food: { [wrapper]: { valueUtilities: { "Chips and Nuts": 0.25, "Finger-Food": 1 } } },
        Guests: { numberutils: { lowValue: 10, lowUtility: 0.1, highValue: 40, highUtility: 0.9 } },
      },
      issueWeights: weights,
      domain: geniusWebDomain,
      reservationBid: { issuevalues: { Food: "Finger-Food" } },
    },
  });

describe("GeniusWeb JSON", () => {
  it("reads discrete and number utilities with both wrapper spellings, and the reservation bid", () => {
    for (const wrapper of ["discreteutils", "DiscreteValueSetUtilities"] as const) {
      const imported = importGeniusWeb([{ text: geniusWebProfile(wrapper), file: "host.json" }]);
      expect(imported.space.issues[1]!.values).toEqual([10, 20, 30]);
      const u = (food: string, guests: number): number => evaluateUtility(imported.utilities[0]!, outcomeFromRecord(imported.space, { Food: food, Guests: guests }));
      // Guests 20: 0.1 + (10/30)·0.8 = 0.36666666666… → rounded half-up to 8 decimals.
      expect(u("Finger-Food", 20)).toBeCloseTo(0.4 + 0.6 * 0.36666667, 12);
      expect(u("Catering", 10)).toBeCloseTo(0.6 * 0.1, 12);
      expect(imported.utilities[0]!.reservation).toBeCloseTo(0.4, 12);
    }
    expect(parseGeniusWebDomain(JSON.stringify(geniusWebDomain), "d.json").issues.map((issue) => issue.name)).toEqual(["Food", "Guests"]);
    expect(importGeniusWeb([{ text: geniusWebProfile("discreteutils"), file: "p.json" }], { text: JSON.stringify(geniusWebDomain), file: "d.json" }).space.issues).toHaveLength(2);
  });

  it("rounds half-up to 8 decimals on the printed decimal value", () => {
    expect(roundHalfUp(0.123456785, 8)).toBe(0.12345679);
    expect(roundHalfUp(0.5, 0)).toBe(1);
    expect(roundHalfUp(1 / 3, 8)).toBe(0.33333333);
  });

  it("rejects weights that do not sum to 1 and missing utilities", () => {
    expect(() => importGeniusWeb([{ text: geniusWebProfile("discreteutils", { Food: 0.5, Guests: 0.6 }), file: "p.json" }])).toThrow(ImportError);
    expect(() => importGeniusWeb([{ text: "{\"LinearAdditiveUtilitySpace\": {}}", file: "p.json" }])).toThrow(/domain/);
    expect(() => importGeniusWeb([{ text: "{ not json", file: "p.json" }])).toThrow(ImportError);
  });
});

describe("NegoLog JSON", () => {
  const profile = (weights: number[], utilities: number[], reservation = 0.1): string =>
    JSON.stringify({ reservationValue: reservation, issueWeights: { a: weights[0], b: weights[1] }, issues: { a: { x: utilities[0], y: utilities[1] }, b: { x: utilities[2], y: utilities[3] } } });

  it("implies the space from the profiles", () => {
    const imported = importNegoLog([{ text: profile([0.5, 0.5], [0, 1, 1, 0]), file: "profileA.json" }, { text: profile([0.3, 0.7], [1, 0, 0, 1]), file: "profileB.json" }]);
    expect(imported.parties).toEqual(["profileA", "profileB"]);
    expect(imported.space.issues.map((issue) => issue.values)).toEqual([["x", "y"], ["x", "y"]]);
    expect(evaluateUtility(imported.utilities[1]!, [0, 1])).toBeCloseTo(1, 12);
    expect(imported.utilities[0]!.reservation).toBe(0.1);
  });

  it("rejects a profile that does not rate every value", () => {
    const partial = JSON.stringify({ issueWeights: { a: 1 }, issues: { a: { x: 1 } } });
    const full = JSON.stringify({ issueWeights: { a: 1 }, issues: { a: { x: 1, y: 0 } } });
    expect(() => importNegoLog([{ text: full, file: "A.json" }, { text: partial, file: "B.json" }])).toThrow(/issues\.a\.y/);
  });
});

describe("detectGeniusFormat", () => {
  it("recognises every supported format", () => {
    expect(detectGeniusFormat(domainXml)).toBe("genius-domain");
    expect(detectGeniusFormat(profileXml(""))).toBe("genius-profile");
    expect(detectGeniusFormat(geniusWebProfile("discreteutils"))).toBe("geniusweb-profile");
    expect(detectGeniusFormat(JSON.stringify(geniusWebDomain))).toBe("geniusweb-domain");
    expect(detectGeniusFormat(JSON.stringify({ issueWeights: {}, issues: {} }))).toBe("negolog-profile");
    expect(detectGeniusFormat("0.5, 0.7\n0.6, 0.6")).toBe("unknown");
    expect(detectGeniusFormat("{ broken")).toBe("unknown");
  });
});
