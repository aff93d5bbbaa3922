/**
 * Mounts an Observable Plot figure. Plot draws SVG with attributes only, which the server's CSP
 * allows; its own `<style>` element is not needed (web/src/styles.css styles `.plot` figures).
 */
import { useEffect, useRef } from "react";

export function PlotFigure({ make, className, label, onMount }: { make: () => Element; className?: string; label: string; onMount?: (figure: Element) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const figure = make();
    figure.querySelectorAll("style").forEach((s) => s.remove());
    host.replaceChildren(figure);
    onMount?.(figure);
    return () => {
      figure.remove();
    };
  }, [make, onMount]);
  return <div ref={ref} className={`plot-host${className ? ` ${className}` : ""}`} role="img" aria-label={label} />;
}
