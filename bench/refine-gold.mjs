#!/usr/bin/env node
// npm run refine-gold: `kodebok refine` on ../shared/gold/, and what its patch does on notes it never saw.
//
//   node bench/refine-gold.mjs [--codebook natland-2021|path.yaml] [--patch-out file.yaml] [--json]
//                              [--min-notes N] [--min-groups N] [--min-gain X] [--max-changes N] [--folds K]
//
// Refines the codebook on the development notes only (the gold minus its blind set; folds by the
// gold's groups: seminar, interview, observation series, report, or a block of ten survey answers),
// then loads the patch exactly as a user would (the YAML, extending the codebook) and measures the
// codebook before and after on the BLIND notes, which the refinement never read. Prints the
// in-sample and cross-validated figures refine reports, and the blind figures beside them.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./shared-dir.mjs";
import { loadGold, THEMES } from "./gold.mjs";
import { evaluate, themesOf } from "./gold-metrics.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] !== undefined && !args[i + 1].startsWith("--") ? args[i + 1] : fallback; };
const number = (name) => (option(name) === undefined ? undefined : Number(option(name)));
const codebookName = option("--codebook", "natland-2021");
const patchOut = option("--patch-out");

const kodebok = await import(pathToFileURL(path.join(ROOT, "dist", "index.js")).href);
const { notes, gold, blind, groupOf } = loadGold();
const codebook = await kodebok.loadCodebook(codebookName);
const dev = notes.filter((n) => !blind.has(n.id));
const blindNotes = notes.filter((n) => blind.has(n.id));
const codings = dev.flatMap((n) => Object.keys(gold.get(n.id).themes).map((code) => ({ note: n.id, coder: "gold", code })));

const settings = Object.fromEntries(
  [["minNotes", number("--min-notes")], ["minGroups", number("--min-groups")], ["minGain", number("--min-gain")], ["maxChanges", number("--max-changes")]].filter(([, v]) => v !== undefined),
);
const k = number("--folds") ?? 5;
const started = performance.now();
const report = kodebok.refineCodebook({ notes: dev, codings }, codebook, {
  coder: "gold",
  codes: THEMES.filter((t) => codebook.codes.some((c) => c.id === t)),
  crossValidate: { k, groupOf: (note) => groupOf.get(note.id), groupedBy: "the gold's groups (seminar, source, survey block)" },
  extends: codebookName,
  ...settings,
});
const seconds = (performance.now() - started) / 1000;

// The patch as the user gets it: YAML that extends the codebook.
const parsed = kodebok.parseCodebook(report.patch.yaml, { file: "patch.yaml" });
if (!parsed.ok) throw new Error(parsed.diagnostics.map(kodebok.formatDiagnostic).join("\n"));
const patched = kodebok.mergeCodebooks(codebook, parsed.value);
if (patchOut) fs.writeFileSync(patchOut, report.patch.yaml);

const measure = (cb, ids) => evaluate(new Map(kodebok.codeNotes(notes, cb).map((c) => [c.note.id, themesOf(c)])), gold, ids);
const blindIds = blindNotes.map((n) => n.id);
const before = measure(codebook, blindIds);
const after = measure(patched, blindIds);
const fmt = (x) => (x === undefined || Number.isNaN(x) ? "  –  " : x.toFixed(2).padStart(5));
const result = {
  codebook: codebook.id,
  settings: report.settings,
  seconds,
  changes: report.patch.changes.length,
  dev: { notes: dev.length, before: report.overall.before.kappa, inSample: report.overall.after.kappa, crossValidated: report.overall.crossValidated?.kappa },
  blind: { notes: blindIds.length, before: before.meanKappa, after: after.meanKappa },
  themes: Object.fromEntries(report.codes.map((c) => [c.code, {
    devBefore: c.before.kappa, devInSample: c.after.kappa, devCrossValidated: c.crossValidated?.kappa,
    blindBefore: before.themes[c.code]?.kappa, blindAfter: after.themes[c.code]?.kappa, changes: c.changes.length,
  }])),
};
if (args.includes("--json")) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const out = [];
  out.push(`kodebok refine on ../shared/gold: ${codebook.id}, refined on ${dev.length} development notes, measured on ${blindIds.length} blind notes (${seconds.toFixed(1)} s)`);
  out.push(`settings: ${JSON.stringify(settings)} (others default); ${report.patch.changes.length} changes proposed`);
  out.push("");
  out.push(`${"theme".padEnd(18)}  dev κ  in-sample  cross-val  blind κ  blind with patch  changes`);
  for (const [code, t] of Object.entries(result.themes)) {
    out.push(`${code.padEnd(18)}  ${fmt(t.devBefore)}  ${fmt(t.devInSample)}      ${fmt(t.devCrossValidated)}      ${fmt(t.blindBefore)}    ${fmt(t.blindAfter)}             ${String(t.changes).padStart(2)}`);
  }
  out.push(`${"mean".padEnd(18)}  ${fmt(result.dev.before)}  ${fmt(result.dev.inSample)}      ${fmt(result.dev.crossValidated)}      ${fmt(result.blind.before)}    ${fmt(result.blind.after)}`);
  process.stdout.write(`${out.join("\n")}\n`);
}
