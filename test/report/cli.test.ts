import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseClaim, reportFormat } from "../../src/cli/commands/report.js";
import { loadScenario } from "../../src/files/load.js";
import { runCli } from "../helpers.js";

const HANOI = "scenarios/hanoi-2019.yaml";
const folder = () => mkdtempSync(join(tmpdir(), "parley-report-"));

describe("parley report", () => {
  it("writes a self-contained HTML briefing with every model to -o, atomically, saying so on stderr", async () => {
    const out = join(folder(), "hanoi.html");
    const run = await runCli("report", HANOI, "-o", out, "--claim", "CHN,DPRK,ROK@alliance");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("HTML briefing, 9 issues, 5 deals");
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("EUM (eum)");
    expect(html).toContain("not borne out by the numbers");
    expect(html).not.toMatch(/<script/i);
    expect(readdirSync(dirname(out))).toEqual(["hanoi.html"]); // no temporary file left behind
  });

  it("prints Markdown to stdout with --format md, in Chinese with --lang zh", async () => {
    const run = await runCli("report", HANOI, "--format", "md", "--lang", "zh", "-m", "compromise,median");
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("# 2019年2月美朝河内峰会\n")).toBe(true);
    expect(run.stdout).toContain("## 谁与谁站在一起");
    expect(run.stdout).toContain("| 折中模型 | 35.3 |");
    expect(run.stdout).toContain("| 加权中位数 |");
    expect(run.stdout).not.toContain("| 纳什议价解 |");
    expect(run.stdout).toContain("所用模型:折中模型(compromise)、加权中位数(median)。");
    // No model is named in English in the Chinese briefing.
    expect(run.stdout).not.toMatch(/Compromise|Weighted median|\| (compromise|median) \|/);
  });

  it("takes the format from the output's extension and refuses to overwrite without --force", async () => {
    const out = join(folder(), "brief.md");
    expect((await runCli("report", HANOI, "-m", "compromise", "-o", out)).code).toBe(0);
    expect(readFileSync(out, "utf8").startsWith("# US–DPRK summit in Hanoi")).toBe(true);
    const again = await runCli("report", HANOI, "-m", "compromise", "-o", out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists; use --force");
    expect((await runCli("report", HANOI, "-m", "compromise", "-o", out, "--force", "--format", "html")).code).toBe(0);
    expect(readFileSync(out, "utf8").startsWith("<!DOCTYPE html>")).toBe(true);
  });

  it("exits 2 on bad usage or input", async () => {
    const bad = async (...args: string[]) => {
      const run = await runCli("report", ...args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      return run.stderr;
    };
    expect(await bad(HANOI, "--claim", "CHN,XYZ@alliance")).toContain('unknown actor "XYZ"');
    expect(await bad(HANOI, "--claim", "CHN@alliance")).toContain("--claim expects");
    expect(await bad(HANOI, "--claim", "CHN,DPRK@nope")).toContain('unknown issue "nope"');
    expect(await bad(HANOI, "--model", "nope")).toContain('unknown model "nope"');
    expect(await bad(HANOI, "--format", "pdf")).toContain("pdf");
    expect(await bad("no/such/file.yaml")).toContain("file not found");
    const invalid = join(folder(), "bad.yaml");
    writeFileSync(invalid, "parley: 1\nid: x\n");
    expect(await bad(invalid)).toContain("bad.yaml");
  });

  it("parses claims and picks formats", () => {
    const hanoi = loadScenario(HANOI);
    expect(parseClaim(hanoi, "CHN,DPRK,ROK@alliance")).toEqual({ actors: ["CHN", "DPRK", "ROK"], issue: "alliance" });
    expect(parseClaim(hanoi, "USA+JPN")).toEqual({ actors: ["USA", "JPN"] });
    expect(reportFormat(undefined, undefined)).toBe("html");
    expect(reportFormat(undefined, "x.MD")).toBe("md");
    expect(reportFormat("html", "x.md")).toBe("html");
  });
});

describe("parley report --runs", () => {
  it("adds the forecasts' Monte Carlo distributions and deal acceptance shares, reproducibly", async () => {
    const args = ["report", HANOI, "--format", "md", "--runs", "40", "--seed", "3", "-m", "compromise,nbs"];
    const first = await runCli(...args);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("From a Monte Carlo run of 40 samples");
    expect(first.stdout).toContain("Share of samples in which each actor accepts each deal");
    expect((await runCli(...args)).stdout).toBe(first.stdout);
    expect((await runCli("report", HANOI, "--runs", "0")).code).toBe(2);
  });
});
