/**
 * A list in words, the one way every message joins names: "A", "A and B", "A, B and C"; in Chinese
 * "A、B和C". Pure.
 */
export const listWords: Readonly<Record<"en" | "zh", (items: readonly string[]) => string>> = {
  en: (items) => (items.length <= 2 ? items.join(" and ") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`),
  zh: (items) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join("、")}和${items[items.length - 1]}`),
};
