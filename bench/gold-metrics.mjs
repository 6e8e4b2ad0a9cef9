// Agreement of a coding with the gold coding: per-theme Cohen's kappa, precision and recall, category
// kappa, polarity agreement on the themes both found, and the share of meta notes given a theme.
import { CATEGORIES, THEMES } from "./gold.mjs";

/**
 * Cohen's kappa of two binary ratings; `undefined` when it is not defined (both raters constant and equal).
 * @param {boolean[]} a
 * @param {boolean[]} b
 * @returns {number | undefined}
 * @example binaryKappa([true, false], [true, false]) // 1
 */
export function binaryKappa(a, b) {
  const n = a.length;
  if (n === 0) return undefined;
  let po = 0, pa = 0, pb = 0;
  for (let i = 0; i < n; i++) { po += a[i] === b[i] ? 1 : 0; pa += a[i] ? 1 : 0; pb += b[i] ? 1 : 0; }
  po /= n; pa /= n; pb /= n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return pe === 1 ? undefined : (po - pe) / (1 - pe);
}

/**
 * The themes of a coded note with their polarity (`helpful`, `barrier`, `both`).
 * @param {{ codes: { code: string, polarity: string }[] }} coded
 * @returns {Map<string, string>}
 * @example themesOf(coded).get("time") // "barrier"
 */
export function themesOf(coded) {
  const out = new Map();
  for (const c of coded.codes) {
    if (!THEMES.includes(c.code)) continue;
    const before = out.get(c.code);
    out.set(c.code, before === undefined || before === c.polarity ? c.polarity : "both");
  }
  return out;
}

const mean = (xs) => { const d = xs.filter((x) => x !== undefined); return d.length === 0 ? undefined : d.reduce((s, x) => s + x, 0) / d.length; };

/**
 * Compares predictions with the gold on the given note ids.
 * @param {Map<string, Map<string, string>>} predicted note id -> theme -> polarity
 * @param {Map<string, object>} gold note id -> gold record
 * @param {string[]} ids the notes to compare on
 * @returns {object} the figures
 * @example evaluate(predicted, gold, ids).meanKappa
 */
export function evaluate(predicted, gold, ids) {
  const themes = {};
  for (const t of THEMES) {
    const g = ids.map((id) => t in gold.get(id).themes);
    const p = ids.map((id) => predicted.get(id)?.has(t) ?? false);
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < ids.length; i++) { if (g[i] && p[i]) tp++; else if (p[i]) fp++; else if (g[i]) fn++; }
    themes[t] = { gold: tp + fn, predicted: tp + fp, tp, fp, fn, precision: tp + fp === 0 ? undefined : tp / (tp + fp), recall: tp + fn === 0 ? undefined : tp / (tp + fn), kappa: binaryKappa(g, p) };
  }
  const categories = {};
  for (const [category, members] of Object.entries(CATEGORIES)) {
    const g = ids.map((id) => members.some((t) => t in gold.get(id).themes));
    const p = ids.map((id) => members.some((t) => predicted.get(id)?.has(t) ?? false));
    categories[category] = binaryKappa(g, p);
  }
  let both = 0, same = 0;
  for (const id of ids) {
    const g = gold.get(id).themes;
    const p = predicted.get(id) ?? new Map();
    for (const [t, polarity] of p) if (t in g) { both++; if (g[t] === polarity) same++; }
  }
  const meta = ids.filter((id) => gold.get(id).voice === "meta");
  const metaCoded = meta.filter((id) => (predicted.get(id)?.size ?? 0) > 0).length;
  return {
    notes: ids.length,
    themes,
    meanKappa: mean(THEMES.map((t) => themes[t].kappa)),
    categories,
    categoryKappa: mean(Object.values(categories)),
    polarity: { both, same, agreement: both === 0 ? undefined : same / both },
    meta: { notes: meta.length, coded: metaCoded, share: meta.length === 0 ? undefined : metaCoded / meta.length },
  };
}
