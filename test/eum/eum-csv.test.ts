import { describe, expect, it } from "vitest";
import { detectEumCsv, parseEumCsv } from "../../src/importers/eum-csv.js";
import { ImportError } from "../../src/importers/errors.js";
import { EUM_REFERENCE, readReference } from "./reference.js";

function importError(text: string): ImportError {
  try {
    parseEumCsv(text, "ExampleActors.csv");
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("EUM CSV importer", () => {
  it.skipIf(!EUM_REFERENCE)("parses the reference example", () => {
    const { actors } = parseEumCsv(readReference("eum/ExampleActors.csv"), "ExampleActors.csv");
    expect(actors).toHaveLength(10);
    expect(actors[0]).toEqual({ name: "Netherlands", capability: 0.08, position: 4, salience: 0.8 });
    expect(actors[8]).toEqual({ name: "Denmark", capability: 0.05, position: 4, salience: 1 });
  });
  it("finds columns by name in any order, ignores extra columns, BOM, blank lines and CRLF", () => {
    const text = "\uFEFFsalience,Note,POSITION,Actor,Capability\r\n0.5,x,14.20,\"Big, Inc\",1.05\r\n\r\n1,,3,Small,0\r\n";
    expect(parseEumCsv(text, "t.csv").actors).toEqual([
      { name: "Big, Inc", capability: 1.05, position: 14.2, salience: 0.5 },
      { name: "Small", capability: 0, position: 3, salience: 1 },
    ]);
  });
  it("reports a missing column on the header line", () => {
    const error = importError("Actor,Capability,Position\nA,1,2\n");
    expect(error.message).toMatch(/^ExampleActors\.csv.*1.*missing column "Salience"/);
    expect(error).toMatchObject({ file: "ExampleActors.csv", line: 1, column: 1, field: "Salience" });
  });
  it("reports a non-number with file, line and column", () => {
    const error = importError("Actor,Capability,Position,Salience\nA,0.1,4,0.8\nB,lots,5,0.5\n");
    expect(error.message).toMatch(/^ExampleActors\.csv.*3.*Capability: expected a number ≥ 0, got lots$/);
    expect(error).toMatchObject({ line: 3, column: 3, field: "Capability" });
    expect(error.message).toBe("ExampleActors.csv:3:3: Capability: expected a number ≥ 0, got lots");
  });
  it("reports a salience out of range", () => {
    const text = "Actor,Capability,Position,Salience\nA,0.1,4,0.8\nB,0.1,5,0.5\nC,0.1,6,1.7\n";
    const error = importError(text);
    expect(error.message).toMatch(/^ExampleActors\.csv.*4.*Salience: expected a number between 0 and 1, got 1\.7$/);
    expect(error).toMatchObject({ file: "ExampleActors.csv", line: 4, column: 9, field: "Salience" });
  });
  it("reports empty cells, short rows, empty files and broken quoting", () => {
    expect(importError("Actor,Capability,Position,Salience\nA,0.1,,0.8\n")).toMatchObject({ line: 2, column: 7, field: "Position" });
    expect(importError("Actor,Capability,Position,Salience\nA,0.1,,0.8\n").message).toMatch(/Position: expected a number, got an empty cell/);
    expect(importError("Actor,Capability,Position,Salience\nA,0.1,4\n")).toMatchObject({ line: 2, column: 8 });
    expect(importError("Actor,Capability,Position,Salience\nA,0.1,4,0.5,9\n")).toMatchObject({ line: 2, column: 13 });
    expect(importError("Actor,Capability,Position,Salience,capability\nA,0.1,4,0.5,9\n")).toMatchObject({ line: 1, column: 36, field: "Capability" });
    expect(importError("Actor,Capability,Position,Salience\nA,0.1,4\n").message).toMatch(/expected 4 fields/);
    expect(importError("").message).toMatch(/empty/);
    expect(importError("Actor,Capability,Position,Salience\n").message).toMatch(/no actors/);
    expect(importError('Actor,Capability,Position,Salience\n"A,0.1,4,0.8\n')).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/not valid CSV: this quoted cell is never closed/) });
    expect(importError('Actor,Capability,Position,Salience\n"A" B,0.1,4,0.8\n')).toMatchObject({ line: 2, column: 5, message: expect.stringMatching(/not valid CSV: unexpected text after a closing quote/) });
  });
  it("detects the format by its header", () => {
    expect(detectEumCsv("Actor,Capability,Position,Salience\nA,1,2,0.5\n")).toBe(true);
    expect(detectEumCsv('"Salience","Actor","Position","Capability"\n')).toBe(true);
    expect(detectEumCsv("Actor,Capability,Position\n")).toBe(false);
    expect(detectEumCsv("")).toBe(false);
  });
});
