#!/usr/bin/env node
// npm run validity: how well a codebook agrees with independent human coders on ../shared/gold/.
//
//   node bench/validity.mjs [--codebook natland-2021|barriers|path.yaml] [--barrier-side] [--json] [--errors [theme]]
//
// Another bundled codebook is measured through its crosswalk to the default themes (each code's
// `relatesTo`); `barriers`, and any codebook with --barrier-side, against the gold's barrier side.
// Prints, for the development notes (the rules were written looking at them: a tuned figure), the
// blind notes (never read while writing rules: the fair figure) and all notes: mean per-theme Cohen's
// kappa, each theme's kappa, category kappa, polarity agreement on the themes both found, and the
// share of meta notes given a theme; then the same by language and by kind of note, and the targets.
// `--errors` lists the development notes where kodebok and the gold differ (never the blind ones).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./shared-dir.mjs";
import { loadGold, THEMES } from "./gold.mjs";
import { evaluate, themesOf } from "./gold-metrics.mjs";
import { actorFigures, printActors } from "./actor-figures.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] !== undefined && !args[i + 1].startsWith("--") ? args[i + 1] : fallback; };
const json = args.includes("--json");
const errors = args.includes("--errors") ? option("--errors", "all") : undefined;
const codebookName = option("--codebook", "natland-2021");

const kodebok = await import(pathToFileURL(path.join(ROOT, "dist", "index.js")).href);
const { notes, gold, blind } = loadGold();
const codebook = await kodebok.loadCodebook(codebookName);
const coded = kodebok.codeNotes(notes, codebook);
// Another codebook is measured through its crosswalk: each code counts for the default themes it
// names in `relatesTo` ("natland-2021:time"). A codebook of barriers only (every code's examples
// barriers) is compared with the gold's barrier side: a theme coded barrier or both.
const themesOfCode = (code) =>
  codebook.id === "natland-2021" ? [code.id] : code.relatesTo.filter((r) => r.startsWith("natland-2021:")).map((r) => r.slice("natland-2021:".length));
const crosswalk = new Map(codebook.codes.map((c) => [c.id, themesOfCode(c)]));
const barrierSide = codebook.id === "barriers" || args.includes("--barrier-side");
const mapped = (c) => ({ ...c, codes: c.codes.flatMap((a) => (crosswalk.get(a.code) ?? []).map((t) => ({ ...a, code: t }))) });
const predicted = new Map(coded.map((c) => [c.note.id, themesOf(mapped(c))]));
if (barrierSide) {
  for (const [id, g] of gold) gold.set(id, { ...g, themes: Object.fromEntries(Object.entries(g.themes).filter(([, p]) => p !== "helpful").map(([t]) => [t, "barrier"])) });
}
const codedById = new Map(coded.map((c) => [c.note.id, c]));
const byId = new Map(notes.map((n) => [n.id, n]));

const all = notes.map((n) => n.id);
const dev = all.filter((id) => !blind.has(id));
const blindIds = all.filter((id) => blind.has(id));
const only = (ids, keep) => ids.filter((id) => keep(byId.get(id)));
const norwegian = (n) => n.language === "nb" || n.language === "nn";
const english = (n) => n.language === "en";
const kinds = ["postit", "survey", "interview", "observation", "report"];

const report = {
  codebook: codebook.id,
  version: codebook.version,
  sets: { dev: evaluate(predicted, gold, dev), blind: evaluate(predicted, gold, blindIds), all: evaluate(predicted, gold, all) },
  language: {
    "nb+nn": { dev: evaluate(predicted, gold, only(dev, norwegian)), blind: evaluate(predicted, gold, only(blindIds, norwegian)), all: evaluate(predicted, gold, only(all, norwegian)) },
    en: { dev: evaluate(predicted, gold, only(dev, english)), blind: evaluate(predicted, gold, only(blindIds, english)), all: evaluate(predicted, gold, only(all, english)) },
  },
  kind: Object.fromEntries(kinds.map((kind) => {
    const of = (n) => n.attributes.kind === kind;
    return [kind, { dev: evaluate(predicted, gold, only(dev, of)), blind: evaluate(predicted, gold, only(blindIds, of)), all: evaluate(predicted, gold, only(all, of)) }];
  })),
};

// The actors dimension (issue #15), when the codebook has one.
const actors = actorFigures({ coded, codedById, gold, dev, blindIds, all, byId });
if (actors) report.actors = actors;

if (json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else if (errors !== undefined) {
  printErrors(errors === "all" ? THEMES : [errors]);
} else {
  printReport();
}

function fmt(x, digits = 2) { return x === undefined || Number.isNaN(x) ? "  –  " : x.toFixed(digits).padStart(5); }
function pct(x) { return x === undefined ? "  – " : `${(100 * x).toFixed(0).padStart(3)} %`; }

function row(label, r) {
  return [
    label.padEnd(22),
    String(r.notes).padStart(5),
    fmt(r.meanKappa),
    ...THEMES.map((t) => fmt(r.themes[t].kappa)),
    fmt(r.categoryKappa),
    pct(r.polarity.agreement).padStart(7),
    `${pct(r.meta.share)} of ${String(r.meta.notes).padStart(3)}`,
  ].join("  ");
}

function printReport() {
  const head = ["".padEnd(22), "notes", "  κ  ", "relat", "recip", "choic", " time", "knowl", "k_sha", "cat κ", "polarity", "meta given a theme"].join("  ");
  const out = [];
  out.push(`${codebook.id} ${codebook.version ?? ""} against ../shared/gold (${all.length} notes; each coded by two independent coders, disagreements decided by a third)`);
  out.push("κ: Cohen's kappa per theme (mean over the six themes), category κ (mean of the two categories), polarity: agreement on themes both found");
  out.push("dev: notes read while writing the rules (tuned); blind: never read while writing rules (the fair figure)");
  out.push("");
  out.push(head);
  for (const [name, label] of [["dev", "dev (tuned)"], ["blind", "blind"], ["all", "all"]]) out.push(row(label, report.sets[name]));
  out.push("");
  for (const lang of ["nb+nn", "en"]) for (const set of ["dev", "blind"]) out.push(row(`${lang} ${set}`, report.language[lang][set]));
  out.push("");
  for (const kind of kinds) for (const set of ["dev", "blind"]) out.push(row(`${kind} ${set}`, report.kind[kind][set]));
  out.push("");
  const b = report.sets.blind;
  const minTheme = Math.min(...THEMES.map((t) => b.themes[t].kappa ?? 0));
  const check = (ok) => (ok ? "met" : "not met");
  out.push("targets on the blind notes (issue #12):");
  out.push(`  mean per-theme κ nb+nn >= 0.80: ${fmt(report.language["nb+nn"].blind.meanKappa)} ${check(report.language["nb+nn"].blind.meanKappa >= 0.8)}`);
  out.push(`  mean per-theme κ en >= 0.75:    ${fmt(report.language.en.blind.meanKappa)} ${check(report.language.en.blind.meanKappa >= 0.75)}`);
  out.push(`  no theme below 0.70:            ${fmt(minTheme)} ${check(minTheme >= 0.7)}`);
  out.push(`  category κ >= 0.85:             ${fmt(b.categoryKappa)} ${check(b.categoryKappa >= 0.85)}`);
  out.push(`  polarity >= 0.90:               ${fmt(b.polarity.agreement)} ${check(b.polarity.agreement >= 0.9)}`);
  out.push(`  meta notes given a theme <= 5 %: ${pct(b.meta.share)} ${check(b.meta.share <= 0.05)}`);
  if (report.actors) out.push("", ...printActors(report.actors));
  process.stdout.write(`${out.join("\n")}\n`);
}

function printErrors(themes) {
  const out = [];
  for (const id of dev) {
    const g = gold.get(id);
    const p = predicted.get(id) ?? new Map();
    const diffs = [];
    for (const t of themes) {
      const gp = g.themes[t];
      const pp = p.get(t);
      if (gp === undefined && pp === undefined) continue;
      if (gp === undefined) diffs.push(`+${t}(${pp})`);
      else if (pp === undefined) diffs.push(`-${t}(${gp})`);
      else if (gp !== pp) diffs.push(`~${t}(${pp}, gold ${gp})`);
    }
    if (diffs.length === 0) continue;
    const note = byId.get(id);
    const evidence = codedById.get(id).codes.filter((c) => themes.includes(c.code)).flatMap((c) => c.evidence.map((e) => `${e.rule}:"${e.text}"${e.cue ? `[${e.cue}]` : ""}`));
    out.push(`${id} [${note.attributes.kind} ${note.language} ${g.voice}] ${diffs.join(" ")}\n    ${note.text}${evidence.length ? `\n    evidence: ${evidence.join(", ")}` : ""}`);
  }
  process.stdout.write(`${out.join("\n")}\n${out.length} development notes differ\n`);
}
