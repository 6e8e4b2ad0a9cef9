// Agreement of kodebok's actor dimension with the gold's `actors` labels, and of its theme→actor
// attributions with a hand-checked sample. Used by bench/validity.mjs.
import { binaryKappa } from "./gold-metrics.mjs";

/** The actors of the gold set (MANUAL.md step 4), in its order. */
export const ACTORS = ["nav", "gp", "psychiatrist", "psychologist", "dps", "rupo", "child_welfare", "voluntary", "private_provider", "municipal_other", "other"];

/** Actors with at least this many notes in the whole gold set count in the mean kappa (issue #15). */
export const MIN_ACTOR_NOTES = 10;

/**
 * The actors kodebok found in a coded note (its `dimensions.actors`).
 * @param {{ dimensions?: Record<string, { code: string }[]> }} coded
 * @returns {Set<string>}
 * @example actorsOf(coded).has("nav")
 */
export function actorsOf(coded) {
  return new Set((coded.dimensions?.actors ?? []).map((a) => a.code));
}

/**
 * The actors that count in the mean: those with at least {@link MIN_ACTOR_NOTES} notes in the gold.
 * @param {Map<string, object>} gold
 * @returns {string[]}
 * @example countedActors(gold) // ["nav", "gp", "dps", "child_welfare", "municipal_other", "other"]
 */
export function countedActors(gold) {
  return ACTORS.filter((a) => [...gold.values()].filter((g) => g.actors.includes(a)).length >= MIN_ACTOR_NOTES);
}

/**
 * Per-actor Cohen's kappa, precision and recall of predicted actors against the gold, on some notes.
 * @param {Map<string, Set<string>>} predicted note id -> actors
 * @param {Map<string, object>} gold note id -> gold record
 * @param {string[]} ids the notes
 * @param {string[]} counted the actors that count in the mean
 * @returns {{ notes: number, actors: Record<string, object>, meanKappa: number | undefined }}
 * @example evaluateActors(predicted, gold, ids, countedActors(gold)).meanKappa
 */
export function evaluateActors(predicted, gold, ids, counted) {
  const actors = {};
  for (const a of ACTORS) {
    const g = ids.map((id) => gold.get(id).actors.includes(a));
    const p = ids.map((id) => predicted.get(id)?.has(a) ?? false);
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < ids.length; i++) { if (g[i] && p[i]) tp++; else if (p[i]) fp++; else if (g[i]) fn++; }
    actors[a] = { gold: tp + fn, predicted: tp + fp, tp, fp, fn, kappa: binaryKappa(g, p) };
  }
  const ks = counted.map((a) => actors[a].kappa).filter((k) => k !== undefined);
  return { notes: ids.length, actors, meanKappa: ks.length === 0 ? undefined : ks.reduce((s, k) => s + k, 0) / ks.length };
}

/**
 * Checks kodebok's theme→actor attributions against the hand-checked sample (bench/attribution-check.json):
 * each listed theme mention's actor (or `none`) against the actors accepted for it.
 * @param {Map<string, object>} codedById note id -> coded note
 * @param {{ id: string, code: string, at: number, accept: string[] }[]} mentions the hand-checked mentions
 * @returns {{ notes: number, correctNotes: number, mentions: number, correctMentions: number, missing: number, wrong: object[] }}
 * @example evaluateAttribution(codedById, check.mentions).correctNotes
 */
export function evaluateAttribution(codedById, mentions) {
  const byNote = new Map();
  let correctMentions = 0, missing = 0;
  const wrong = [];
  for (const m of mentions) {
    const coded = codedById.get(m.id);
    const present = coded?.codes.some((a) => a.code === m.code && a.evidence.some((e) => e.start === m.at));
    if (!present) { missing++; continue; }
    const tie = (coded.attributions ?? []).find((a) => a.dimension === "actors" && a.code === m.code && a.evidence[0].start === m.at);
    const got = tie ? tie.value : "none";
    const ok = m.accept.includes(got);
    if (ok) correctMentions++;
    else wrong.push({ id: m.id, code: m.code, text: m.text, got, accept: m.accept, basis: tie?.basis ?? "" });
    byNote.set(m.id, (byNote.get(m.id) ?? true) && ok);
  }
  const values = [...byNote.values()];
  return { notes: values.length, correctNotes: values.filter(Boolean).length, mentions: mentions.length - missing, correctMentions, missing, wrong };
}
