/** The control under every chart (PlotFigure): download it as SVG or as PNG. */
import { useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { download } from "../download.js";
import { fileName } from "../exports.js";
import { chartSize, chartSvg, standaloneSvg, svgToPng } from "./chartExport.js";

export function ChartExport({ host, label, name }: { host: RefObject<HTMLElement | null>; label: string; name?: string | undefined }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const save = async (format: "svg" | "png") => {
    setError(undefined);
    const svg = host.current ? chartSvg(host.current) : undefined;
    if (!svg) return;
    const file = fileName(name ?? label) + `.${format}`;
    try {
      const text = standaloneSvg(svg, label);
      if (format === "svg") download(file, text, "image/svg+xml");
      else download(file, await svgToPng(text, chartSize(svg)), "image/png");
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="chart-export no-print" role="group" aria-label={t("share.chartDownload", { chart: label })}>
      <span className="muted small-text" aria-hidden="true">
        {t("share.download")}
      </span>
      {(["svg", "png"] as const).map((format) => (
        <button key={format} type="button" className="linkish small-text" data-testid={`chart-${format}`} aria-label={t("share.chartAs", { chart: label, format: format.toUpperCase() })} onClick={() => void save(format)}>
          {format.toUpperCase()}
        </button>
      ))}
      {error && (
        <span role="alert" className="error small-text">
          {error}
        </span>
      )}
    </div>
  );
}
