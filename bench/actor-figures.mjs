// The actor figures of `npm run validity` (issue #15): per-actor Cohen's kappa of kodebok's actors
// dimension against the gold's `actors` labels on the development notes (tuned), the blind notes
// (the fair figure) and all notes; the same per fold of the development notes (folds by source:
// a seminar, an interview, a survey block or a report never in two folds); and the hand-checked
// theme→actor attributions (bench/attribution-check.json).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ACTORS, actorsOf, countedActors, evaluateActors, evaluateAttribution, MIN_ACTOR_NOTES } from "./actor-metrics.mjs";
import { loadGold } from "./gold.mjs";

const CHECK = path.join(path.dirname(fileURLToPath(import.meta.url)), "attribution-check.json");

/**
 * The actor figures, or undefined when the codebook has no actors dimension.
 * @param {{ coded: object[], codedById: Map<string, object>, gold: Map<string, object>, dev: string[], blindIds: string[], all: string[] }} input
 * @returns {object | undefined}
 * @example actorFigures({ coded, codedById, gold, dev, blindIds, all })?.sets.blind.meanKappa
 */
export function actorFigures({ coded, codedById, gold, dev, blindIds, all }) {
  if (!coded.some((c) => c.dimensions?.actors !== undefined)) return undefined;
  const predicted = new Map(coded.map((c) => [c.note.id, actorsOf(c)]));
  const counted = countedActors(gold);
  const { groupOf } = loadGold();
  // Five folds of the development notes by group (seminar, source, survey block): largest first, each to the smallest fold.
  const groups = new Map();
  for (const id of dev) groups.set(groupOf.get(id), [...(groups.get(groupOf.get(id)) ?? []), id]);
  const folds = [[], [], [], [], []];
  for (const [, ids] of [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
    folds.reduce((min, f) => (f.length < min.length ? f : min), folds[0]).push(...ids);
  }
  const check = JSON.parse(fs.readFileSync(CHECK, "utf8"));
  return {
    counted,
    sets: { dev: evaluateActors(predicted, gold, dev, counted), blind: evaluateActors(predicted, gold, blindIds, counted), all: evaluateActors(predicted, gold, all, counted) },
    folds: folds.map((ids) => evaluateActors(predicted, gold, ids, counted)),
    attribution: evaluateAttribution(codedById, check.notes),
  };
}

const fmt = (x) => (x === undefined || Number.isNaN(x) ? "  –  " : x.toFixed(2).padStart(5));

/**
 * The lines `npm run validity` prints for the actors.
 * @param {object} figures from {@link actorFigures}
 * @returns {string[]}
 * @example printActors(actorFigures(input)).join("\n")
 */
export function printActors(figures) {
  const out = [];
  out.push(`actors (dimension "actors"): Cohen's kappa per actor against the gold's actors; the mean is over the actors with >= ${MIN_ACTOR_NOTES} gold notes (${figures.counted.join(", ")})`);
  out.push(["".padEnd(22), "notes", "mean κ", ...ACTORS.map((a) => a.slice(0, 7).padStart(7))].join("  "));
  const row = (label, r) => [label.padEnd(22), String(r.notes).padStart(5), fmt(r.meanKappa).padStart(6), ...ACTORS.map((a) => `${fmt(r.actors[a].kappa)}(${r.actors[a].gold})`.padStart(7))].join("  ");
  for (const [name, label] of [["dev", "dev (tuned)"], ["blind", "blind"], ["all", "all"]]) out.push(row(label, figures.sets[name]));
  figures.folds.forEach((f, i) => out.push(row(`dev fold ${i + 1}`, f)));
  const a = figures.attribution;
  out.push(`theme→actor attribution, hand-checked (bench/attribution-check.json): ${a.correctNotes} of ${a.checked} notes naming two actors correct (${((100 * a.correctNotes) / a.checked).toFixed(0)} %; ${a.notes - a.checked} of the ${a.notes} checked notes have no theme mention), ${a.correctMentions} of ${a.mentions} mentions`);
  for (const w of a.wrong) out.push(`  ${w.id} ${w.code} "${w.text}" -> ${w.got}${w.basis ? ` (${w.basis})` : ""}, accepted: ${w.accept.join(", ")}`);
  const blind = figures.sets.blind.meanKappa;
  out.push("targets (issue #15):");
  out.push(`  mean per-actor κ >= 0.85, blind: ${fmt(blind)} ${blind >= 0.85 ? "met" : "not met"}; dev: ${fmt(figures.sets.dev.meanKappa)}`);
  out.push(`  attribution correct in >= 85 % of the notes naming two actors: ${((100 * a.correctNotes) / a.checked).toFixed(0)} % ${a.correctNotes / a.checked >= 0.85 ? "met" : "not met"}`);
  return out;
}
