/**
 * The exchange model's trades in the forecast view: per round, who moved on which issue in return for
 * whose move on which other issue, and each side's gain; the sentences come from `src/report/exchanges.ts`,
 * built from the run's numbers.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ForecastResult } from "../../../src/forecast.js";
import { exchangeSentence, tradeSentence, tradesOf } from "../../../src/report/exchanges.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { useLanguage } from "../format.js";

/** Exchanges listed per round before "show all". */
const SHOWN = 10;

export function ExchangeTrades({ scenario, results }: { scenario: Scenario; results: readonly ForecastResult[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const result = results.find((r) => r.model === "exchange");
  const played = (result?.rounds ?? []).filter((r) => (r.exchanges?.length ?? 0) > 0);
  const [round, setRound] = useState(1);
  const [all, setAll] = useState(false);
  if (!result) return null;
  const chosen = played.find((r) => r.round === round) ?? played[0];
  const exchanges = chosen?.exchanges ?? [];
  const trades = tradesOf(result).slice(0, 5);
  return (
    <section className="exchange-trades" data-testid="exchange-trades">
      <h3>{t("trades.title")}</h3>
      {played.length === 0 ? (
        <p className="hint">{t("trades.none")}</p>
      ) : (
        <>
          <p className="hint">{t("trades.largest")}</p>
          <ul>
            {trades.map((trade) => (
              <li key={`${trade.actors.join()}|${trade.issues.join()}`}>{tradeSentence(trade, scenario, language)}</li>
            ))}
          </ul>
          <label className="inline">
            {t("trades.round")}{" "}
            <select value={chosen?.round ?? 1} onChange={(e) => setRound(Number(e.target.value))}>
              {played.map((r) => (
                <option key={r.round} value={r.round}>
                  {r.round} ({r.exchanges!.length})
                </option>
              ))}
            </select>
          </label>
          <ol className="exchange-list">
            {(all ? exchanges : exchanges.slice(0, SHOWN)).map((exchange, k) => (
              <li key={k}>{exchangeSentence(exchange, scenario, language)}</li>
            ))}
          </ol>
          {exchanges.length > SHOWN && (
            <button type="button" onClick={() => setAll(!all)}>
              {all ? t("trades.fewer") : t("trades.all", { count: exchanges.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
