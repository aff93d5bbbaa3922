/**
 * A chart as a file: a standalone SVG (every element's look as the page shows it written on the
 * element as presentation attributes, since the page's stylesheet does not travel with the file; a white background; the
 * chart's name as its title) and a PNG drawn from that SVG at twice its size. The SVG goes to the
 * image as a data: address, which the workbench's content security policy allows for images.
 */

/** The presentation properties copied from the page's computed style onto each exported element. */
const LOOK = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "opacity", "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "paint-order"] as const;

const SVG_NS = "http://www.w3.org/2000/svg";

/** The chart's main SVG in its host: the largest, when a figure holds more than one (a legend's swatches). */
export function chartSvg(host: Element): SVGSVGElement | undefined {
  const all = [...host.querySelectorAll("svg")];
  const area = (svg: SVGSVGElement) => svg.width.baseVal.value * svg.height.baseVal.value;
  return all.sort((a, b) => area(b) - area(a))[0];
}

/** The chart's own size in pixels (its width and height attributes, else its view box, else as drawn). */
export function chartSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  const width = Number(svg.getAttribute("width")) || box?.width || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute("height")) || box?.height || svg.getBoundingClientRect().height;
  return { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)) };
}

/** The text of a standalone SVG file of `svg` as the page shows it. */
export function standaloneSvg(svg: SVGSVGElement, title: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  // Written where it differs from what the element inherits (opacity is not inherited: from 1), or
  // where the element's own attribute may say otherwise, so the file stays about the chart's size.
  const looks = new Map<Element, CSSStyleDeclaration>();
  originals.forEach((element, k) => {
    const computed = getComputedStyle(element);
    looks.set(element, computed);
    const parent = element === svg ? undefined : looks.get(element.parentElement!);
    const inherited = (property: string) => (property === "opacity" ? "1" : parent?.getPropertyValue(property));
    const look = LOOK.map((property) => [property, computed.getPropertyValue(property)] as const).filter(
      ([property, value]) => value !== "" && (!parent || element.hasAttribute(property) || inherited(property) !== value),
    );
    // As presentation attributes: a style attribute set from script is what the page's CSP refuses.
    const copied = copies[k]!;
    copied.removeAttribute("style");
    copied.removeAttribute("class");
    for (const [property, value] of look) copied.setAttribute(property, value);
  });
  const { width, height } = chartSize(svg);
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  if (!copy.hasAttribute("viewBox")) copy.setAttribute("viewBox", `0 0 ${width} ${height}`);
  copy.removeAttribute("aria-hidden");
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  const name = document.createElementNS(SVG_NS, "title");
  name.textContent = title;
  copy.prepend(name, background);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** A PNG of an SVG file's text, `scale` pixels per SVG pixel (2: sharp on high-density screens). */
export async function svgToPng(svgText: string, size: { width: number; height: number }, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round(size.height * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser cannot draw on a canvas");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the chart could not be drawn as PNG"))), "image/png"));
}
