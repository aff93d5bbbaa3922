/**
 * Interface words that take no options, remembered per translation function: i18next's `t` costs
 * microseconds a call (key resolution, nesting and interpolation passes), which views re-rendered on
 * every slider move (the deal builder) would otherwise pay dozens of times per move.
 */
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

const remembered = new WeakMap<TFunction, Map<string, string>>();

/** `t(key)`, remembered for this `t` (react-i18next gives each component one per language). */
export function word(t: TFunction, key: string): string {
  let words = remembered.get(t);
  if (!words) remembered.set(t, (words = new Map()));
  let found = words.get(key);
  if (found === undefined) words.set(key, (found = t(key)));
  return found;
}

/** `t` and `w`, where `w(key)` is `word(t, key)`: the same words, without translating them again at every render. */
export function useWords(): { t: TFunction; w: (key: string) => string } {
  const { t } = useTranslation();
  return useMemo(() => ({ t, w: (key: string) => word(t, key) }), [t]);
}
