/** `parley show FILE`: the scenario as a readable summary, every number with its evidence. */
import { text, type Language } from "../../scenario/label.js";
import type { Citation, Label, Quantity, Scenario } from "../../scenario/types.js";
import { formatNumber, table } from "../format.js";
import { EXIT, type CliIo } from "../io.js";

export function showCommand(scenario: Scenario, language: Language | undefined, io: CliIo): number {
  io.out(describeScenario(scenario, language ?? scenario.language));
  return EXIT.ok;
}

/** Numbers carry footnote marks [n]; the footnotes list the quotes and notes behind them. */
class Footnotes {
  readonly entries: string[] = [];
  constructor(private readonly language: Language) {}

  mark(evidence: readonly Citation[], note?: Label): string {
    if (evidence.length === 0 && note === undefined) return "";
    const lines = evidence.map((c) => `«${c.quote}» (${c.source})${c.note ? ` — ${text(c.note, this.language)}` : ""}`);
    if (note !== undefined) lines.push(text(note, this.language));
    this.entries.push(lines.join("\n     "));
    return ` [${this.entries.length}]`;
  }

  quantity(q: Quantity, extra: readonly Citation[] = [], note?: Label): string {
    const range = q.range ? ` (${formatNumber(q.range[0])}–${formatNumber(q.range[1])})` : "";
    return `${formatNumber(q.value)}${range}${this.mark([...q.evidence, ...extra], q.note ?? note)}`;
  }
}

export function describeScenario(s: Scenario, language: Language): string {
  const zh = language === "zh";
  const notes = new Footnotes(language);
  const out: string[] = [`${text(s.title, language)}${s.date ? ` (${s.date})` : ""}`, ""];
  if (s.description) out.push(text(s.description, language), "");

  if (s.sources.length > 0) {
    out.push(zh ? "来源" : "Sources");
    for (const src of s.sources) {
      out.push(`  ${src.id}: ${text(src.title, language)}${src.authors.length ? ` — ${src.authors.join(", ")}` : ""}${src.publisher ? `, ${src.publisher}` : ""}${src.date ? `, ${src.date}` : ""}`);
    }
    out.push("");
  }

  out.push(zh ? "行为体" : "Actors");
  out.push(
    table(
      [zh ? "编号" : "id", zh ? "名称" : "name", zh ? "能力" : "capability"],
      s.actors.map((a) => {
        const byIssue = Object.entries(a.capabilityByIssue).map(([issue, q]) => `; ${issue}: ${notes.quantity(q)}`).join("");
        return [a.id, text(a.name, language), notes.quantity(a.capability) + byIssue];
      }),
    ),
    "",
  );

  out.push(zh ? "议题" : "Issues");
  for (const issue of s.issues) {
    const reference = issue.reference
      ? `; ${zh ? "现状" : "status quo"} ${issue.reference.option ?? formatNumber(issue.reference.value)}${notes.mark(issue.reference.evidence, issue.reference.note)}`
      : "";
    out.push(`  ${issue.id}: ${text(issue.name, language)} (${formatNumber(issue.min)}–${formatNumber(issue.max)}${reference})`);
    for (const anchor of issue.anchors) out.push(`      ${formatNumber(anchor.value).padStart(5)}  ${text(anchor.label, language)}`);
  }
  out.push("");

  out.push(zh ? "立场(立场 / 重要性)" : "Stances (position / salience)");
  const rows = s.actors.map((actor) => [
    actor.id,
    ...s.issues.map((issue) => {
      const stance = s.stances[actor.id]?.[issue.id];
      if (!stance) return "—";
      const position = stance.position.option ?? formatNumber(stance.position.value);
      return `${position} / ${formatNumber(stance.salience.value)}${notes.mark([...stance.evidence, ...stance.position.evidence, ...stance.salience.evidence], stance.note ?? stance.position.note ?? stance.salience.note)}`;
    }),
  ]);
  out.push(table(["", ...s.issues.map((i) => i.id)], rows), "");

  if (notes.entries.length > 0) {
    out.push(zh ? "证据" : "Evidence");
    notes.entries.forEach((entry, i) => out.push(`[${i + 1}]  ${entry}`));
  }
  return out.join("\n");
}
