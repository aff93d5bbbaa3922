/** The evidence behind a number: its quotes with their sources and notes, its range and note. */
import { useTranslation } from "react-i18next";
import type { Citation, Label, Quantity, Scenario } from "../../../src/scenario/types.js";
import { fmt, useLabel } from "../format.js";

export function Citations({ scenario, citations }: { scenario: Scenario; citations: readonly Citation[] }) {
  const label = useLabel();
  const { t } = useTranslation();
  if (citations.length === 0) return null;
  return (
    <ul className="citations">
      {citations.map((c, k) => {
        const source = scenario.sources.find((s) => s.id === c.source);
        return (
          <li key={k}>
            <blockquote lang={source?.language ?? undefined}>{c.quote}</blockquote>
            {c.note && <p className="note">{label(c.note)}</p>}
            <p className="source">
              {t("evidence.source")}: {source ? label(source.title) : c.source}
              {source?.date ? ` (${source.date})` : ""}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/** One number with its range, evidence and note. */
export function QuantityEvidence({ scenario, title, quantity, shown, extraNote, quietWhenEmpty }: { scenario: Scenario; title: string; quantity: Quantity | undefined; shown?: string; extraNote?: Label | undefined; quietWhenEmpty?: boolean }) {
  const label = useLabel();
  const { t } = useTranslation();
  if (!quantity) return null;
  const none = quantity.evidence.length === 0 && !quantity.note && !extraNote;
  return (
    <section className="quantity">
      <h4>
        {title}: <strong>{shown ?? fmt(quantity.value, 2)}</strong>
        {quantity.range && (
          <span className="range">
            {" "}
            {t("evidence.range")} {fmt(quantity.range[0], 2)}–{fmt(quantity.range[1], 2)}
          </span>
        )}
      </h4>
      {quantity.note && <p className="note">{label(quantity.note)}</p>}
      <Citations scenario={scenario} citations={quantity.evidence} />
      {extraNote && <p className="note">{label(extraNote)}</p>}
      {none && !quietWhenEmpty && <p className="muted">{t("evidence.none")}</p>}
    </section>
  );
}
