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
 * Checks kodebok's theme→actor attributions against the hand-checked segments of
 * bench/attribution-check.json: each theme mention kodebok finds in a checked note is tied to an
 * actor (or `none`) the segment it starts in accepts.
 * @param {Map<string, object>} codedById note id -> coded note
 * @param {{ id: string, segments: { from: string, accept: string[] }[] }[]} notes the hand-checked notes
 * @returns {{ notes: number, checked: number, correctNotes: number, mentions: number, correctMentions: number, wrong: object[] }}
 * @example evaluateAttribution(codedById, check.notes).correctNotes
 */
export function evaluateAttribution(codedById, notes) {
  let checked = 0, correctNotes = 0, mentions = 0, correctMentions = 0;
  const wrong = [];
  for (const n of notes) {
    const coded = codedById.get(n.id);
    const text = coded.note.text;
    const starts = n.segments.map((s, i) => {
      const at = text.indexOf(s.from);
      if (at < 0 || (i === 0 && at !== 0)) throw new Error(`attribution-check: note ${n.id}: segment "${s.from}" is not ${i === 0 ? "at the start of" : "in"} the text`);
      return at;
    });
    const segmentOf = (offset) => { let k = 0; for (let i = 0; i < starts.length; i++) if (starts[i] <= offset) k = i; return n.segments[k]; };
    let ok = true, any = false;
    for (const application of coded.codes) {
      for (const e of application.evidence) {
        any = true;
        mentions++;
        const tie = (coded.attributions ?? []).find((a) => a.dimension === "actors" && a.code === application.code && a.evidence[0].start === e.start && a.evidence[0].end === e.end);
        const got = tie ? tie.value : "none";
        const accept = segmentOf(e.start).accept;
        if (accept.includes(got)) correctMentions++;
        else {
          ok = false;
          wrong.push({ id: n.id, code: application.code, text: e.text, got, accept, basis: tie?.basis ?? "" });
        }
      }
    }
    if (!any) continue;
    checked++;
    if (ok) correctNotes++;
  }
  return { notes: notes.length, checked, correctNotes, mentions, correctMentions, wrong };
}
