/**
 * Mounts an Observable Plot figure, with the control to download it as SVG or PNG under it. Plot
 * draws SVG with attributes only, which the server's CSP allows; its own `<style>` element is not
 * needed (web/src/styles.css styles `.plot` figures; an export writes the look on each element).
 * Plot names each part of a chart for screen readers in English ("x-axis tick label", "dot"):
 * those names are put in the page's language.
 */
import type { TFunction } from "i18next";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ChartExport } from "./ChartExport.js";

const AXIS_PARTS = { tick: "tick", "tick label": "tickLabel", label: "label" } as const;
const MARKS = new Set(["area", "arrow", "bar", "cell", "dot", "frame", "line", "link", "rect", "rule", "text", "tick", "tip", "vector"]);

/** One of Plot's part names in the page's language; names Plot does not use by default stay as they are. */
export function plotPartName(name: string, t: TFunction): string {
  const axis = /^(fx|fy|x|y)-axis (tick label|tick|label)$/.exec(name);
  if (axis) return t("plotParts.axisPart", { axis: t(`plotParts.axes.${axis[1]}`), part: t(`plotParts.axisParts.${AXIS_PARTS[axis[2] as keyof typeof AXIS_PARTS]}`) });
  const grid = /^(fx|fy|x|y)-grid$/.exec(name);
  if (grid) return t("plotParts.grid", { axis: t(`plotParts.axes.${grid[1]}`) });
  return MARKS.has(name) ? t(`plotParts.marks.${name}`) : name;
}

export function PlotFigure({ make, className, label, onMount, fileName }: { make: () => Element; className?: string; label: string; onMount?: (figure: Element) => void; fileName?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const figure = make();
    figure.querySelectorAll("style").forEach((s) => s.remove());
    figure.querySelectorAll("[aria-label]").forEach((part) => part.setAttribute("aria-label", plotPartName(part.getAttribute("aria-label")!, t)));
    host.replaceChildren(figure);
    onMount?.(figure);
    return () => {
      figure.remove();
    };
  }, [make, onMount, t]);
  return (
    <div className={`plot-figure${className ? ` ${className}` : ""}`}>
      <div ref={ref} className="plot-host" role="img" aria-label={label} />
      <ChartExport host={ref} label={label} name={fileName} />
    </div>
  );
}
