import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/validate.js";
import { dealIdProblem, dealQuery, linkedDeal, parseDealQuery, roundedDeal, sameValues, writtenValues, type BuiltDeal } from "../../web/src/dealLink.js";

const text = readFileSync(new URL("../../scenarios/hanoi-2019.yaml", import.meta.url), "utf8");
const result = validateScenario(text, { file: "hanoi-2019.yaml" });
if (!result.ok) throw new Error("the bundled Hanoi scenario does not validate");
const hanoi = result.scenario;
const singapore = hanoi.deals.find((d) => d.id === "singapore")!;

const built = (values: Record<string, number | string>): BuiltDeal => ({
  values: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, typeof v === "string" ? { value: hanoi.issues.find((i) => i.id === id)!.options.find((o) => o.id === v)!.place, option: v, evidence: [] } : { value: v, evidence: [] }])),
});

describe("the deal in the address", () => {
  it("writes nothing for the status quo, the values a built deal sets, and a named deal's id with its values", () => {
    expect(dealQuery({ values: {} })).toBe("");
    expect(dealQuery(built({ sanctions: 57.291666666666664, definition: "vague" }))).toBe("?values=sanctions:57.291666666666664,definition:vague");
    expect(dealQuery({ values: singapore.values, name: "singapore" })).toBe("?deal=singapore&values=denuclearization:10,definition:vague,alliance:50,normalization:25");
  });

  it("reads back the very deal: numbers in full, options by id, a named deal as named", () => {
    const deal = built({ sanctions: 57.291666666666664, definition: "vague", missiles: 0 });
    const read = linkedDeal(hanoi, parseDealQuery(dealQuery(deal))!);
    expect(read.problems).toEqual([]);
    expect(dealQuery(read.deal)).toBe(dealQuery(deal));
    expect(read.deal.values["sanctions"]!.value).toBe(57.291666666666664);
    const named = linkedDeal(hanoi, parseDealQuery(dealQuery({ values: singapore.values, name: "singapore" }))!);
    expect(named.deal.name).toBe("singapore");
    expect(named.deal.values).toBe(singapore.values);
  });

  it("keeps the values as built when the named deal has changed since, or is not there", () => {
    const changed = linkedDeal(hanoi, parseDealQuery("?deal=singapore&values=denuclearization:20")!);
    expect(changed.deal.name).toBeUndefined();
    expect(changed.deal.values["denuclearization"]!.value).toBe(20);
    const unsaved = linkedDeal(hanoi, parseDealQuery("?deal=not-stored-yet&values=sanctions:30")!);
    expect(unsaved).toEqual({ deal: { values: { sanctions: { value: 30, evidence: [] } } }, problems: [] });
  });

  it("opens a named deal from its id alone, and says so when the scenario has no such deal", () => {
    expect(linkedDeal(hanoi, parseDealQuery("?deal=singapore")!).deal.name).toBe("singapore");
    expect(linkedDeal(hanoi, parseDealQuery("?deal=nowhere")!)).toEqual({ deal: { values: {} }, problems: [{ kind: "no-deal", id: "nowhere" }] });
    expect(parseDealQuery("")).toBeUndefined();
    expect(parseDealQuery("?other=1")).toBeUndefined();
  });

  it("names every part of a link it cannot use and keeps the rest", () => {
    const read = linkedDeal(hanoi, parseDealQuery("?values=sanctions:500,definition:maybe,missiles:lots,nothere:3,alliance:40")!);
    expect(read.problems).toEqual([
      { kind: "outside", id: "sanctions", text: "500" },
      { kind: "not-option", id: "definition", text: "maybe" },
      { kind: "not-number", id: "missiles", text: "lots" },
      { kind: "no-issue", id: "nothere", text: "3" },
    ]);
    expect(Object.keys(read.deal.values)).toEqual(["alliance"]);
  });

  it("compares deals by their values in any order", () => {
    expect(sameValues(built({ sanctions: 1, definition: "vague" }).values, built({ definition: "vague", sanctions: 1 }).values)).toBe(true);
    expect(sameValues(built({ sanctions: 1 }).values, built({ sanctions: 2 }).values)).toBe(false);
  });
});

describe("a new named deal", () => {
  it("needs an id the scenario can use and does not have", () => {
    expect(dealIdProblem("", [])).toBe("empty");
    expect(dealIdProblem("2-for-1", [])).toBe("pattern");
    expect(dealIdProblem("freeze for relief", [])).toBe("pattern");
    expect(dealIdProblem("singapore", ["singapore"])).toBe("taken");
    expect(dealIdProblem("freeze-for-relief", ["singapore"])).toBeUndefined();
  });

  it("rounds a slider's number to four significant digits of the scale and writes options by id", () => {
    const rounded = roundedDeal(hanoi, built({ sanctions: 57.291666666666664, definition: "vague" }).values);
    expect(rounded["sanctions"]!.value).toBe(57.29);
    expect(writtenValues(rounded)).toEqual({ sanctions: 57.29, definition: "vague" });
  });
});
