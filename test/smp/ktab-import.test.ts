/** KTAB CSV/XML parsers: structure, parameters, accommodation, and errors that point at file, line and field. */
import { describe, expect, it } from "vitest";
import { ImportError } from "../../src/importers/errors.js";
import { detectKtab, foldSeed, parseKtabCsv, parseKtabXml } from "../../src/importers/ktab.js";
import { readFixture } from "../helpers.js";

const reference = (file: string): string => readFixture(`ktab/${file}`);

const CSV = [
  "Tiny,A small test,3,2,",
  "Actor,Description,Power,Tax Position,Tax Salience,Year Position,Year Salience,",
  "A,First,100,10,40,20,30,",
  "B,Second,50,50,20,60,20,",
  "C,Third,25,90,50,10,10,",
].join("\n");

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<Scenario>
  <name>Tiny</name>
  <desc>XML test</desc>
  <prngSeed>12345</prngSeed>
  <ModelParameters>
    <VotingRule>Proportional</VotingRule>
    <BigRAdjust>No</BigRAdjust>
  </ModelParameters>
  <Dimensions><dName>Tax</dName></Dimensions>
  <Actors>
    <Actor><name>A</name><description>a</description><capability>10</capability>
      <Position><dCoord>10</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>
    <Actor><name>B</name><description>b</description><capability>20</capability>
      <Position><dCoord>40</dCoord></Position><Salience><dSal>60</dSal></Salience></Actor>
    <Actor><name>C</name><description>c</description><capability>30</capability>
      <Position><dCoord>90</dCoord></Position><Salience><dSal>70</dSal></Salience></Actor>
  </Actors>
  <IdealAdjustment>
    <iaPair><adjustingIdeal>B</adjustingIdeal><referencePos>A</referencePos><adjust>0.2</adjust></iaPair>
  </IdealAdjustment>
</Scenario>`;

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("detectKtab", () => {
  it("recognises both formats by content", () => {
    expect(detectKtab(CSV)).toBe("csv");
    expect(detectKtab(XML)).toBe("xml");
    expect(detectKtab("\uFEFF" + XML)).toBe("xml");
    expect(detectKtab("name: hanoi\nactors: []")).toBeNull();
    expect(detectKtab("<html></html>")).toBeNull();
  });
});

describe("parseKtabCsv", () => {
  it("reads the title, the dimension names and the actors", () => {
    const scenario = parseKtabCsv(CSV, "tiny.csv");
    expect(scenario).toMatchObject({ name: "Tiny", description: "A small test", dimensions: ["Tax Position", "Year Position"] });
    expect(scenario.actors[1]).toEqual({ name: "B", description: "Second", capability: 50, position: [50, 60], salience: [20, 20] });
    expect(scenario.parameters).toEqual({});
  });

  it("reads KTAB's shipped examples", () => {
    const soe = parseKtabCsv(reference("SOE-Pol-Comp.csv"), "SOE-Pol-Comp.csv");
    expect(soe.actors).toHaveLength(13);
    expect(soe.dimensions).toEqual(["Policy Position", "Competitive Position"]);
    expect(soe.actors[4]).toMatchObject({ name: "LH", description: "Liu He - Deputy Director of DRC", capability: 40 });
  });

  it("says where the file is wrong", () => {
    const count = importError(() => parseKtabCsv(CSV.replace("Tiny,A small test,3", "Tiny,A small test,4"), "t.csv"));
    expect(count).toMatchObject({ file: "t.csv", line: 1, column: 19, field: "numActors" });
    expect(count.message).toMatch(/announces 4 actors but 3/);

    const capability = importError(() => parseKtabCsv(CSV.replace("B,Second,50", "B,Second,lots"), "t.csv"));
    expect(capability).toMatchObject({ line: 4, column: 10, field: "Power" });
    expect(capability.message).toBe('t.csv:4:10: expected capability (column "Power") to be a number ≥ 0, found "lots"');

    const columns = importError(() => parseKtabCsv(CSV.replace("C,Third,25,90,50,10,10,", "C,Third,25,90,50"), "t.csv"));
    // The first missing cell: just after the row's last one.
    expect(columns).toMatchObject({ line: 5, column: 17, field: "Year Position" });
    expect(columns.message).toMatch(/expected 7 columns/);

    expect(importError(() => parseKtabCsv(CSV.replace("A,First,100,10", "A,First,100,110"), "t.csv"))).toMatchObject({ line: 3, column: 13, field: "Tax Position" });
    // Blanks around cells are ignored: the column is the cell's first character.
    expect(importError(() => parseKtabCsv(CSV.replace("A,First,100,10", "A,First,  x,10"), "t.csv"))).toMatchObject({ line: 3, column: 11, field: "Power" });
    const quote = importError(() => parseKtabCsv(CSV.replace("A,First", 'A,"First"x'), "t.csv"));
    expect(quote).toMatchObject({ line: 3, column: 10 });
    expect(quote.message).toMatch(/unexpected text after a closing quote/);
    expect(importError(() => parseKtabCsv(CSV.replace("A,First", 'A,"First'), "t.csv"))).toMatchObject({ line: 3, column: 3 });
    expect(importError(() => parseKtabCsv("just one line", "t.csv")).message).toMatch(/title row and a header row/);
  });
});

describe("parseKtabXml", () => {
  it("reads parameters (schema spellings too), accommodation and the seed", () => {
    const scenario = parseKtabXml(XML, "tiny.xml");
    expect(scenario).toMatchObject({ name: "Tiny", description: "XML test", dimensions: ["Tax"], seed: 12345 });
    expect(scenario.parameters).toEqual({ VotingRule: "Prop", BigRAdjust: "None" });
    expect(scenario.accommodation).toEqual([{ adjusting: 1, reference: 0, adjust: 0.2 }]);
    expect(scenario.actors[2]).toEqual({ name: "C", description: "c", capability: 30, position: [90], salience: [70] });
  });

  it("reads KTAB's deterministic example", () => {
    const scenario = parseKtabXml(reference("smpExample-deterministic.xml"), "smpExample-deterministic.xml");
    expect(scenario.actors.map((a) => a.name)).toEqual(["Alice", "Bob", "Carol", "David", "Ellie"]);
    expect(scenario.parameters).toMatchObject({ PCEModel: "MarkovIncentive", VotingRule: "PropCbc" });
    expect(scenario.accommodation).toHaveLength(6);
    expect(scenario.seed).toBe(foldSeed("03507583219545544127", "x"));
  });

  it("says where the file is wrong", () => {
    const value = importError(() => parseKtabXml(XML.replace("<VotingRule>Proportional", "<VotingRule>Majority"), "t.xml"));
    expect(value).toMatchObject({ file: "t.xml", field: "VotingRule", line: 6 });
    expect(value.message).toMatch(/allowed values/);

    const malformed = importError(() => parseKtabXml(XML.replace("</Dimensions>", ""), "t.xml"));
    expect(malformed.line).toBeGreaterThan(1);

    const coordinate = importError(() => parseKtabXml(XML.replace("<dCoord>40</dCoord>", "<dCoord>140</dCoord>"), "t.xml"));
    expect(coordinate).toMatchObject({ field: "dCoord", line: 14 });

    const missing = importError(() => parseKtabXml(XML.replace("<dSal>60</dSal>", ""), "t.xml"));
    expect(missing.message).toMatch(/expected 1 each/);

    const unknown = importError(() => parseKtabXml(XML.replace("<referencePos>A<", "<referencePos>Zed<"), "t.xml"));
    expect(unknown).toMatchObject({ field: "referencePos", line: 20 });
  });
});
