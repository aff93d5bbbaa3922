/** Terminal tables of uncertainty reports: per issue and model mean [5%–95%], deal acceptance, tornado. */
import { formatNumber, table, truncate } from "../cli/format.js";
import { tableModelName } from "../cli/models.js";
import { skippedText } from "../i18n/problems.js";
import { messages } from "../i18n/report.js";
import { text, type Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";
import type { MonteCarloReport } from "./monte-carlo.js";
import type { SensitivityReport } from "./sensitivity.js";

const percent = (share: number): string => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : "–");

/** "12.3 [4.5–20.1]": mean with the 5% and 95% quantiles. */
function meanWithBand(mean: number, low: number, high: number): string {
  return Number.isFinite(mean) ? `${formatNumber(mean)} [${formatNumber(low)}–${formatNumber(high)}]` : "–";
}

/** The title with the samples and seed, and whether the run was interrupted. */
function header(report: { completed: number; runs: number; partial: boolean; seed: number }, title: string, language: Language): string {
  const t = messages(language).terminal;
  return `${title}${t.samples(report.completed, report.seed)}${report.partial ? t.partial(report.completed, report.runs) : ""}`;
}

/** Per issue a row per model: the point forecast, mean [5%–95%] and sd; then deal acceptance. */
export function monteCarloTable(scenario: Scenario, report: MonteCarloReport, language: Language): string {
  const zh = language === "zh";
  const blocks = [header(report, `${text(scenario.title, language)} — ${zh ? "蒙特卡洛预测" : "Monte Carlo forecast"}`, language)];
  blocks.push(zh ? `${report.inputs.length} 个不确定输入` : `${report.inputs.length} uncertain input(s) sampled`);
  for (const m of report.models) {
    if (m.failed > 0) blocks.push(`${tableModelName(m.model, language)}: ${m.failed} ${zh ? "个样本无法运行，已略去" : "sample(s) could not be run and are left out"}`);
  }
  scenario.issues.forEach((issue, i) => {
    const rows = report.models.map((m) => {
      const d = m.issues[i]!;
      return [tableModelName(m.model, language), formatNumber(d.forecast), meanWithBand(d.mean, d.quantiles["p5"]!, d.quantiles["p95"]!), formatNumber(d.sd)];
    });
    blocks.push(
      `\n${text(issue.name, language)} (${formatNumber(issue.min)}–${formatNumber(issue.max)})\n` +
        table([zh ? "模型" : "model", zh ? "点预测" : "as written", zh ? "均值 [5%–95%]" : "mean [5%–95%]", "sd"], rows, ["left", "right", "right", "right"]),
    );
  });
  if (report.deals.length > 0) {
    const rows = report.deals.map((d) => {
      const name = scenario.deals.find((x) => x.id === d.id)?.name;
      return [truncate(name ? text(name, language) : d.id, 40), ...scenario.actors.map((a) => percent(d.accept[a.id] ?? Number.NaN)), percent(d.all)];
    });
    blocks.push(
      `\n${zh ? "各方接受协议的概率" : "Probability that each actor accepts each deal"}\n` +
        table([zh ? "协议" : "deal", ...scenario.actors.map((a) => a.id), zh ? "全部" : "all"], rows, ["left", ...scenario.actors.map(() => "right" as const), "right"]),
    );
  } else if (report.dealsSkipped !== undefined) {
    blocks.push(`\n${zh ? "未评估协议" : "Deals not evaluated"}: ${skippedText(scenario, { message: report.dealsSkipped, problem: report.dealsProblem }, language)}`);
  }
  return blocks.join("\n");
}

/** Per model and issue, the `top` inputs by swing: low → high forecasts, swing, first-order index. */
export function sensitivityTable(scenario: Scenario, report: SensitivityReport, language: Language, top: number): string {
  const zh = language === "zh";
  const blocks = [header(report, `${text(scenario.title, language)} — ${zh ? "敏感性分析" : "sensitivity"}`, language)];
  blocks.push(
    zh
      ? "摆幅: 输入从低点到高点(其余输入保持原值)时预测的变化; S1: 一阶 Sobol 指数(分箱估计), 该输入单独解释的方差比例。"
      : "swing: how far the forecast moves as the input goes from its low to its high point, others as written;\n" +
          "S1: first-order Sobol index (binning estimate), the share of the forecast's variance the input explains alone.",
  );
  for (const m of report.models) {
    for (const [i, issue] of m.issues.entries()) {
      const name = text(scenario.issues[i]!.name, language);
      const rows = issue.inputs.slice(0, top).map((e, r) => [
        String(r + 1),
        e.input.replace(/^stances\./, "").replace(/^actors\./, ""),
        `${formatNumber(e.low)}…${formatNumber(e.high)}`,
        `${formatNumber(e.atLow)} → ${formatNumber(e.atHigh)}`,
        formatNumber(e.swing),
        Number.isFinite(e.firstOrder) ? e.firstOrder.toFixed(2) : "–",
      ]);
      const more = issue.inputs.length > top ? `\n… ${zh ? `另有 ${issue.inputs.length - top} 个` : `${issue.inputs.length - top} more`} (--top, --json)` : "";
      blocks.push(
        `\n${tableModelName(m.model, language)} · ${name}: ${zh ? "预测" : "forecast"} ${formatNumber(issue.forecast)}, sd ${formatNumber(issue.sd)}, ΣS1 ${Number.isFinite(issue.firstOrderSum) ? issue.firstOrderSum.toFixed(2) : "–"}\n` +
          table(["#", zh ? "输入" : "input", zh ? "低…高" : "low…high", zh ? "预测 低→高" : "forecast low → high", zh ? "摆幅" : "swing", "S1"], rows, ["right", "left", "right", "right", "right", "right"]) +
          more,
      );
    }
  }
  return blocks.join("\n");
}
