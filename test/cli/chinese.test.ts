/**
 * `--lang zh` says everything in Chinese (issue #13): the Monte Carlo header and its interrupted lines,
 * the chance of agreement above the forecasts, `parley analyze`'s labels. English stays as it was.
 */
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forecastRunsCommand } from "../../src/cli/commands/sampling.js";
import { sensitivityCommand } from "../../src/cli/commands/sensitivity.js";
import type { CliIo } from "../../src/cli/io.js";
import { loadInput } from "../../src/files/input.js";
import { diagnosticText } from "../../src/i18n/problems.js";
import { runCli } from "../helpers.js";
import { twoByTwo } from "../agreement/fixtures.js";

const HANOI = "scenarios/hanoi-2019.yaml";

/** A run's output captured, as `runCli` does, for commands called directly. */
function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { io: { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), isTty: false }, out: () => out, err: () => err };
}

function scenarioFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "parley-zh-")), "s.yaml");
  writeFileSync(file, text);
  return file;
}

/** Two actors whose red lines cannot both hold: no agreement, and the analysis says why. */
const CONFLICT = twoByTwo({
  a: "    redLines: [{id: high-x, name: {en: High x, zh: 高位x}, rule: x >= 60}]",
  b: "    redLines: [{id: low-x, name: {en: Low x, zh: 低位x}, rule: x <= 40}]",
}).replace("name: A\n", "name: {en: A, zh: 甲方}\n");

describe("the Monte Carlo header", () => {
  it("says the samples and seed in Chinese with --lang zh, in English otherwise", async () => {
    const zh = await runCli("forecast", HANOI, "--runs", "200", "--lang", "zh", "-m", "compromise", "--workers", "1");
    expect(zh.code).toBe(0);
    const header = zh.stdout.split("\n")[0]!;
    expect(header).toBe("2019年2月美朝河内峰会 — 蒙特卡洛预测 (200 个样本, 种子 0)");
    const en = await runCli("forecast", HANOI, "--runs", "200", "-m", "compromise", "--workers", "1");
    expect(en.stdout.split("\n")[0]).toBe("US–DPRK summit in Hanoi, February 2019 — Monte Carlo forecast (200 samples, seed 0)");
  });

  it("says an interrupted run is partial in Chinese, on stdout and stderr", async () => {
    const scenario = loadInput(HANOI);
    for (const [command, words] of [
      ["forecast", "摘要只涵盖"],
      ["sensitivity", "一阶指数只基于"],
    ] as const) {
      const run = capture();
      const options = { models: ["compromise"], json: false, runs: 200, workers: 1, top: 3, language: "zh" as const, signal: AbortSignal.abort() };
      const code = command === "forecast" ? await forecastRunsCommand(scenario, options, run.io) : await sensitivityCommand(scenario, options, run.io);
      expect(code).toBe(130);
      const header = run.out().split("\n")[0]!;
      expect(header, command).toMatch(/\(0 个样本, 种子 0\) — 不完整: 计划 200 个样本, 完成 0 个后中断$/);
      expect(run.err(), command).toBe(`已中断: ${words} 200 个样本中的 0 个\n`);
      expect(`${header}\n${run.err()}`, command).not.toMatch(/samples|seed|PARTIAL|interrupted|summary|indices/);
    }
  });
});

describe("the chance of agreement above the forecast table", () => {
  it("is in Chinese with --lang zh, naming the actors by their Chinese names", async () => {
    const zh = await runCli("forecast", HANOI, "--lang", "zh", "-m", "compromise");
    const [chance, conditional] = zh.stdout.split("\n");
    expect(chance).toBe("可以达成协议: 34992 种结果中有 599 种为美国和朝鲜所接受。");
    expect(conditional).toBe("以下预测给出谈判若达成协议将在何处达成(以达成协议为条件); 详见 `parley agreement`。");
    const en = await runCli("forecast", HANOI, "-m", "compromise");
    expect(en.stdout.split("\n").slice(0, 2)).toEqual([
      "An agreement is possible: 599 of 34992 outcomes are acceptable to USA and DPRK.",
      "The forecasts below say where talks settle if they agree (conditional on agreement); `parley agreement` says more.",
    ]);
  });

  it("gives the conflicting red lines by name in Chinese, by key in English", async () => {
    const file = scenarioFile(CONFLICT);
    const zh = await runCli("forecast", file, "--lang", "zh", "-m", "compromise");
    expect(zh.stdout.split("\n")[0]).toBe("无法达成协议: 按所写情景, 甲方的红线“高位x”和B的红线“低位x”无法同时成立。");
    const en = await runCli("forecast", file, "-m", "compromise");
    expect(en.stdout.split("\n")[0]).toBe("No agreement is possible: as written, red line A.high-x and red line B.low-x cannot all hold together.");
  });
});

describe("parley agreement --lang zh", () => {
  it("says the chance, the grid, the most likely agreement and each deal's reason in Chinese", async () => {
    const zh = await runCli("agreement", HANOI, "--lang", "zh");
    expect(zh.code).toBe(0);
    const lines = zh.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual(["2019年2月美朝河内峰会 — 能否达成协议?", "", "可以达成协议: 34992 种结果中有 599 种为美国和朝鲜所接受。", "决策规则: 否决方 USA, DPRK。网格: 34992 种结果 (锚点与参照点)。"]);
    expect(zh.stdout).toContain("最可能的协议 (可接受结果的纳什点):");
    expect(zh.stdout).toMatch(/新加坡联合声明\(2018年6月\)\s+是 {2}美国和朝鲜接受\n/);
    // Left in Latin letters: actor ids, option ids (vague), and KTAB in no line here.
    expect(zh.stdout.replace(/\b(USA|DPRK|vague)\b/g, "")).not.toMatch(/[A-Za-z]{3,}/);
    const en = await runCli("agreement", HANOI);
    expect(en.stdout.split("\n")[0]).toBe("US–DPRK summit in Hanoi, February 2019 — will they agree?");
    expect(en.stdout).toContain("Decision rule: veto players USA, DPRK. Grid: 34992 outcomes (anchors and reference points).");
  });

  it("says why not and what would have to change in Chinese", async () => {
    const zh = await runCli("agreement", scenarioFile(CONFLICT), "--step", "50", "--lang", "zh");
    expect(zh.stdout).toContain("为何不能: 无法同时成立的约束 (最小的在前)\n  - 红线 A.high-x (x >= 60); 红线 B.low-x (x <= 40)");
    expect(zh.stdout).toContain("需要改变什么\n  - 放弃红线 A.high-x: 可打开协议空间");
    expect(zh.stdout).toContain("甲方不接受（越过红线“高位x”");
  });
});

describe("parley deal's concerns", () => {
  it("name the issues, in the chosen language, not their ids", async () => {
    const zh = await runCli("deal", HANOI, "--deal", "singapore", "--lang", "zh");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("美国 — 趋近: 无核化范围、无核化的定义");
    const concerns = zh.stdout.slice(zh.stdout.indexOf("关切"));
    expect(concerns).not.toMatch(/[A-Za-z]{3,}/);
    const en = await runCli("deal", HANOI, "--deal", "singapore");
    expect(en.stdout).toContain("United States — toward: Scope of denuclearisation, Definition of denuclearisation");
  });
});

describe("parley analyze --lang", () => {
  /** Words of the English labels, none of which may be left in the Chinese output. */
  const ENGLISH =
    /\b(Space|agreements?|parties|Walk-away|Pareto|frontier|distinct|points|Opposition|solution|utilities|ties|outcomes?|first|Nash|Kalai|Smorodinsky|Egalitarian|Max|welfare|Agreement|better|improvement|Equal|gain|Decision|rule|unanimity|veto|capability|share|weigh|gains|cannot|hold|red line|would open|dropping|lowering|acceptable|status quo)\b/;

  it.each([
    ["Hanoi", [HANOI]],
    ["Hanoi, with an agreement to improve on", [HANOI, "--agreement", "dprk-offer"]],
    ["the coalition's capability threshold", ["scenarios/coalition-budget.yaml"]],
  ])("labels %s in Chinese", async (_, args) => {
    const zh = await runCli("analyze", ...args, "--lang", "zh");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("纳什解");
    expect(zh.stdout).toContain("帕累托前沿");
    // Outcomes are written with their issues' ids (`sanctions=0`), which are English words by design.
    const labels = zh.stdout.replace(/[\w-]+=[\w.-]+/g, "");
    expect(labels).not.toMatch(ENGLISH);
    const en = await runCli("analyze", ...args);
    expect(en.stdout).toContain("Kalai–Smorodinsky");
    expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("says why no outcome is an agreement, and what would open one, in Chinese", async () => {
    const zh = await runCli("analyze", scenarioFile(CONFLICT), "--step", "50", "--lang", "zh");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("9 种结果中没有一种为各方所接受: 红线 A.high-x和红线 B.low-x无法同时成立。");
    expect(zh.stdout).toContain("  可打开协议空间: 放弃红线 A.high-x");
    expect(zh.stdout).toContain("对立程度: — (没有结果为各签署方所接受)");
    expect(zh.stdout).not.toMatch(ENGLISH);
  });

  it("keeps the JSON in English and refuses a language it does not speak", async () => {
    const zh = await runCli("analyze", HANOI, "--json", "--lang", "zh");
    const en = await runCli("analyze", HANOI, "--json");
    expect(zh.stdout).toBe(en.stdout);
    expect((await runCli("analyze", HANOI, "--lang", "fr")).code).toBe(2);
  });
});

/** One scenario with a problem of most kinds the validator reports (two are warnings). */
const INVALID = `parley: 2
id: bad
title: Bad
actors:
  - {id: A, name: A, capability: -1, reservation: 1.5}
  - {id: A, name: A2, capability: 2, colour: red}
  - {id: C, name: C, capability: {value: 2, range: [3, 1]}}
issues:
  - {id: x, name: X, scale: {min: 10, max: 5}, reference: 3}
  - {id: z, name: Z, scale: {min: 0, max: 100}, reference: 500}
stances:
  A: {x: {position: 5, salience: 170}, w: {position: 1, salience: 2}}
  B: {x: {position: 5, salience: 10}}
  C: {z: {position: abc, salience: 20}}
decision: {kind: threshold, threshold: 2}
`;

describe("validation problems with --lang zh", () => {
  /** `file:line:column: path: ` of a printed problem, and its message. */
  const split = (line: string): [string, string] => {
    const at = /^(\S+?:\d+:\d+: (?:[\w.[\]]+: )?)(.*)$/.exec(line.replace(/^(warning|警告): /, ""))!;
    return [at[1]!, at[2]!];
  };

  it("are in Chinese, each at the same file, line, column and field as in English", async () => {
    const file = scenarioFile(INVALID);
    const en = await runCli("validate", file);
    const zh = await runCli("validate", file, "--lang", "zh");
    expect(zh.code).toBe(2);
    const [enLines, zhLines] = [en.stderr.trim().split("\n"), zh.stderr.trim().split("\n")];
    expect(zhLines).toHaveLength(enLines.length);
    expect(zhLines.at(-1)).toBe(`${file}: 无效 (16 个错误)`);
    expect(enLines.at(-1)).toBe(`${file}: invalid (16 errors)`);
    for (const [i, line] of zhLines.slice(0, -1).entries()) {
      const [place, message] = split(line);
      expect(place).toBe(split(enLines[i]!)[0]);
      // What is left in Latin letters are ids, keys and quoted values, never the validator's English words.
      expect(message, line).not.toMatch(/\b(expected|got|unknown|duplicate|is|must|missing|range|scale|out|of|number|issue|actor|stance|forecasts|at|least)\b/);
      expect(message, line).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(zh.stderr).toContain(`${file}:5:34: actors[0].capability: 能力必须大于 0, 实际为 -1`);
    expect(zh.stderr).toContain(`${file}:12:34: stances.A.x.salience: 重要性 170 超出范围; 应为 0 到 100 之间的数`);
    expect(zh.stderr).toContain(`${file}:6:38: actors[1].colour: 未知键“colour”; 应为以下之一: id, name, description, capability, reservation, capabilityByIssue, redLines, linkage`);
    expect(zh.stderr).toContain(`警告: ${file}:10:5: issues[1]: 议题“z”只有 1 个立场; 预测至少需要两个行为体`);
    expect(en.stderr).toContain(`${file}:12:34: stances.A.x.salience: salience 170 is out of range; expected a number from 0 to 100`);
  });

  it("are in Chinese when a command meets them, and a valid file is said valid in Chinese", async () => {
    const bad = scenarioFile(INVALID);
    const forecast = await runCli("forecast", bad, "--lang", "zh");
    expect(forecast.code).toBe(2);
    expect(forecast.stderr).toContain(`${bad}:12:34: stances.A.x.salience: 重要性 170 超出范围; 应为 0 到 100 之间的数`);
    expect((await runCli("forecast", bad)).stderr).toContain(`${bad}:12:34: stances.A.x.salience: salience 170 is out of range`);
    expect((await runCli("forecast", join(bad, "..", "missing.yaml"), "--lang", "zh")).stderr).toBe(`${join(bad, "..", "missing.yaml")}: 找不到文件\n`);
    const good = await runCli("validate", HANOI, "--lang", "zh");
    expect(good.stdout).toMatch(/^scenarios\/hanoi-2019\.yaml: 有效 — 5 个行为体, 9 个议题, \d+ 个立场, \d+ 条引文\n$/);
  });

  it("keep a message of no known shape in English whole, rather than half translated", () => {
    expect(diagnosticText("expected a number from 0 to 100, got 170", "zh")).toBe("应为 0 到 100 之间的数, 实际为 170");
    expect(diagnosticText("Flow sequence in block collection must be sufficiently indented and end with a ]", "zh")).toBe("Flow sequence in block collection must be sufficiently indented and end with a ]");
    expect(diagnosticText("salience 170 is out of range; expected something new", "zh")).toBe("salience 170 is out of range; expected something new");
    expect(diagnosticText("salience 170 is out of range; expected a number from 0 to 100", "en")).toBe("salience 170 is out of range; expected a number from 0 to 100");
  });
});
