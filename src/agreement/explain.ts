/** Why an outcome is an agreement or not (model.ts's AgreementReason), in words. Pure. */
import { reasonWords } from "../i18n/reasons.js";
import { explainAcceptance, ID_LABELS, type ReasonLabels, type ReasonLanguage } from "../rules/index.js";
import type { AgreementReason } from "./model.js";

export function explainAgreement(reason: AgreementReason, labels: ReasonLabels = ID_LABELS, language: ReasonLanguage = "en"): string {
  const words = reasonWords[language];
  const percent = (x: number): string => `${(100 * x).toFixed(0)}%`;
  const share = reason.kind !== "status-quo" && reason.share ? words.share(percent(reason.share.value), reason.share.reached, percent(reason.share.threshold)) : "";
  switch (reason.kind) {
    case "status-quo":
      return words.statusQuo;
    case "agreement": {
      const signed = reason.signatories.length > 0 ? words.signed(words.list(reason.signatories.map(labels.actor))) : "";
      return words.parts([signed, share].filter((part) => part !== ""));
    }
    case "no-agreement":
      if (reason.refusing.length === 0) return share;
      return words.parts(reason.refusing.map((r) => words.accepts(labels.actor(r.actor), false, explainAcceptance(r.acceptance, labels, language))));
  }
}
