#!/usr/bin/env node
// npm run learn-bench: how much a model learned from hand-coded notes adds to the codebook's
// rules, on ../shared/gold/, and how fast it trains and codes.
//
//   node bench/learn.mjs [--codebook natland-2021|path.yaml] [--k 5] [--json] [--natural] [--l2 1]
//
// 1. Cross-validated by source (k folds; a seminar, an interview, an observation series, a report
//    or a block of ten survey answers is never in two folds): every note coded by a model trained
//    without its fold, as rules alone, model alone and rules + model (`both`), against the gold:
//    mean per-theme kappa, each theme's kappa, category kappa, polarity, meta notes given a theme;
//    by language and kind of note.
// 2. The fair figure: trained on the development notes only (the rules were tuned by reading them),
//    tested on the blind notes (never read while writing rules).
// 3. Speed: training on 500 notes (one core, CPU time, the best of 3) and coding with a model
//    against rules alone.
// 4. The issue's targets. With --natural: natural's BayesClassifier and LogisticRegressionClassifier
//    measured on the same features (why kodebok fits its own regression).
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./shared-dir.mjs";
import { loadGold, THEMES } from "./gold.mjs";
import { evaluate, themesOf } from "./gold-metrics.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] !== undefined && !args[i + 1].startsWith("--") ? args[i + 1] : fallback; };
const json = args.includes("--json");
const k = Number(option("--k", "5"));
const l2 = option("--l2", undefined);
const codebookName = option("--codebook", "natland-2021");

const kodebok = await import(pathToFileURL(path.join(ROOT, "dist", "index.js")).href);
const { notes, gold, groupOf, blind, dir } = loadGold();
const codebook = await kodebok.loadCodebook(codebookName);
const codings = kodebok.unwrap(await kodebok.readCodings(path.join(dir, "codings.csv")));
const options = { codebook, coder: "gold", groupOf: (n) => groupOf.get(n.id), folds: k, ...(l2 !== undefined ? { l2: Number(l2) } : {}) };
const byId = new Map(notes.map((n) => [n.id, n]));
const kinds = ["postit", "survey", "interview", "observation", "report"];
const norwegian = (id) => ["nb", "nn"].includes(byId.get(id).language);
const english = (id) => byId.get(id).language === "en";
const predictions = (coded) => new Map(coded.map((c) => [c.note.id, themesOf(c)]));
const MODES = ["rules", "model", "both"];

// 1. Cross-validated by source.
const started = process.hrtime.bigint();
const { figures, heldOut } = kodebok.crossValidateCoder(notes, codings, { ...options, learningCurve: true });
const cvSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const ids = heldOut.rules.map((c) => c.note.id);
const cv = {};
for (const mode of MODES) {
  const p = predictions(heldOut[mode]);
  cv[mode] = {
    all: evaluate(p, gold, ids),
    "nb+nn": evaluate(p, gold, ids.filter(norwegian)),
    en: evaluate(p, gold, ids.filter(english)),
    ...Object.fromEntries(kinds.map((kind) => [kind, evaluate(p, gold, ids.filter((id) => byId.get(id).attributes.kind === kind))])),
  };
}

// 2. The fair figure: train on the development notes, test on the blind ones.
const dev = notes.filter((n) => !blind.has(n.id));
const blindNotes = notes.filter((n) => blind.has(n.id));
const fairModel = kodebok.trainCoder(dev, codings.codings.filter((c) => !blind.has(c.note)), { ...options, crossValidate: false });
const blindIds = blindNotes.map((n) => n.id);
const fair = {};
for (const mode of MODES) {
  const p = predictions(kodebok.codeNotes(blindNotes, codebook, { model: fairModel, combine: mode }));
  fair[mode] = {
    all: evaluate(p, gold, blindIds),
    "nb+nn": evaluate(p, gold, blindIds.filter(norwegian)),
    en: evaluate(p, gold, blindIds.filter(english)),
    ...Object.fromEntries(kinds.map((kind) => [kind, evaluate(p, gold, blindIds.filter((id) => byId.get(id).attributes.kind === kind))])),
  };
}

// 3. Speed.
const cpuSeconds = (f) => { const start = process.cpuUsage(); const value = f(); const used = process.cpuUsage(start); return { seconds: (used.user + used.system) / 1e6, value }; };
const best = (runs, f) => Math.min(...Array.from({ length: runs }, () => cpuSeconds(f).seconds));
const five = notes.slice(0, 500);
const fiveCodings = codings.codings.filter((c) => five.some((n) => n.id === c.note));
const trainSeconds = best(3, () => kodebok.trainCoder(five, fiveCodings, { ...options, crossValidate: false }));
const trainWithFiguresSeconds = best(1, () => kodebok.trainCoder(five, fiveCodings, { ...options, learningCurve: false }));
const corpus = Array.from({ length: 40 }, (_, r) => notes.map((n) => ({ ...n, id: `${n.id}#${r}` }))).flat();
const matcher = kodebok.compileCodebook(codebook);
kodebok.codeNotes(corpus.slice(0, 2000), matcher, { model: false });
kodebok.codeNotes(corpus.slice(0, 2000), matcher, { model: fairModel });
const rulesSeconds = best(3, () => kodebok.codeNotes(corpus, matcher, { model: false }));
const modelSeconds = best(3, () => kodebok.codeNotes(corpus, matcher, { model: fairModel }));
const speed = {
  trainNotes: five.length,
  trainSeconds,
  trainWithFiguresSeconds,
  crossValidationSeconds: cvSeconds,
  codedNotes: corpus.length,
  rulesMicroseconds: (rulesSeconds / corpus.length) * 1e6,
  modelMicroseconds: (modelSeconds / corpus.length) * 1e6,
  ratio: modelSeconds / rulesSeconds,
};

// 4. natural's classifiers, on the same features.
const natural = args.includes("--natural") ? compareNatural() : undefined;

const report = { codebook: codebook.id, version: codebook.version, k, figures, cv, fair, speed, natural };
if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else printReport();

function fmt(x, digits = 2) { return x === undefined || x === null || Number.isNaN(x) ? "  –  " : x.toFixed(digits).padStart(5); }
function pct(x) { return x === undefined || x === null ? "  – " : `${(100 * x).toFixed(0).padStart(3)} %`; }
function row(label, r) {
  return [label.padEnd(24), String(r.notes).padStart(5), fmt(r.meanKappa), ...THEMES.map((t) => fmt(r.themes[t].kappa)), fmt(r.categoryKappa), pct(r.polarity.agreement).padStart(7), `${pct(r.meta.share)} of ${String(r.meta.notes).padStart(3)}`].join("  ");
}

function printReport() {
  const head = ["".padEnd(24), "notes", "  κ  ", "relat", "recip", "choic", " time", "knowl", "k_sha", "cat κ", "polarity", "meta given a theme"].join("  ");
  const out = [];
  out.push(`${codebook.id} ${codebook.version ?? ""}: rules, a model learned from the gold coding, and both, against ../shared/gold (${notes.length} notes)`);
  out.push("rules: the codebook alone; model: the model alone (the rules' hits among its features); both: a rule hit codes, and the model");
  out.push("adds codes the rules missed (thresholds chosen on the training notes by cross-validation)");
  out.push("");
  out.push(`1. cross-validated by source (${k} folds, ${figures.groups} groups: seminars, interviews, observation series, reports, blocks of 10 survey answers)`);
  out.push(head);
  for (const part of ["all", "nb+nn", "en", ...kinds]) {
    for (const mode of MODES) out.push(row(`${part} ${mode}`, cv[mode][part]));
    out.push("");
  }
  out.push("2. the fair figure: trained on the development notes (368), tested on the blind notes (155, never read while writing rules)");
  out.push(head);
  for (const part of ["all", "nb+nn", "en", ...kinds]) {
    for (const mode of MODES) out.push(row(`${part} ${mode}`, fair[mode][part]));
    out.push("");
  }
  out.push("learning curve (cross-validated mean per-theme κ against the number of hand-coded notes trained on):");
  out.push(`  notes  ${figures.learningCurve.map((p) => String(p.notes).padStart(5)).join(" ")}`);
  out.push(`  model  ${figures.learningCurve.map((p) => fmt(p.model)).join(" ")}`);
  out.push(`  both   ${figures.learningCurve.map((p) => fmt(p.both)).join(" ")}`);
  out.push(`  (rules alone: ${fmt(figures.meanKappa.rules)}; polarity of the codes the model added: ${pct(figures.polarity.learned.agreement)} of ${figures.polarity.learned.pairs})`);
  out.push("");
  out.push(`3. speed (CPU time on one core): training on ${speed.trainNotes} notes ${speed.trainSeconds.toFixed(2)} s (with cross-validated figures ${speed.trainWithFiguresSeconds.toFixed(1)} s; the cross-validation above with its learning curve ${speed.crossValidationSeconds.toFixed(1)} s wall)`);
  out.push(`   coding ${speed.codedNotes} notes: rules alone ${speed.rulesMicroseconds.toFixed(1)} µs a note, with the model ${speed.modelMicroseconds.toFixed(1)} µs a note (${speed.ratio.toFixed(2)}×)`);
  out.push("");
  const a = cv.both.all.meanKappa, r = cv.rules.all.meanKappa;
  const check = (ok) => (ok ? "met" : "not met");
  out.push("targets (issue #13):");
  out.push(`  rules + model mean per-theme κ >= 0.85, cross-validated: ${fmt(a)} ${check(a >= 0.85)}`);
  out.push(`  at least 0.05 above rules alone (${fmt(r)}):            ${fmt(a - r)} ${check(a - r >= 0.05)}`);
  out.push(`  training on 500 notes < 5 s:                         ${speed.trainSeconds.toFixed(2)} s ${check(speed.trainSeconds < 5)}`);
  out.push(`  coding with a model within 2× of rules alone:        ${speed.ratio.toFixed(2)}× ${check(speed.ratio <= 2)}`);
  if (natural) {
    out.push("");
    out.push("natural's classifiers on the same features (per theme, held out by the same folds; best threshold chosen on the test notes, so optimistic for all):");
    out.push(`  kodebok logistic regression: mean κ ${fmt(natural.kodebok.meanKappa)}, training ${natural.kodebok.seconds.toFixed(2)} s for ${k} folds × 6 themes`);
    out.push(`  natural BayesClassifier:     mean κ ${fmt(natural.bayes.meanKappa)}, training ${natural.bayes.seconds.toFixed(2)} s`);
    out.push(`  natural LogisticRegressionClassifier, one theme: ${natural.logistic.map((x) => `${x.notes} notes ${x.seconds.toFixed(1)} s`).join(", ")} (unregularised batch gradient descent on dense matrices)`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

/** natural's BayesClassifier and LogisticRegressionClassifier against kodebok's regression, on the same features and folds. */
function compareNatural() {
  const require = createRequire(path.join(ROOT, "package.json"));
  const Bayes = require("natural/lib/natural/classifiers/bayes_classifier.js");
  const NaturalLogistic = require("natural/lib/natural/classifiers/logistic_regression_classifier.js");
  const prepared = heldOut.rules.map((coded) => ({ id: coded.note.id, features: kodebok.noteFeatures(coded, kodebok.FeatureSettingsSchema.parse({})), codes: new Set(Object.keys(gold.get(coded.note.id).themes)) }));
  const fold = heldOut.fold;
  const bestKappa = (scores, hand) => {
    let bestK = -1;
    for (const t of [...new Set(scores)].sort((x, y) => x - y)) {
      let tp = 0, fp = 0, fn = 0;
      scores.forEach((s, i) => { if (s >= t && hand[i]) tp++; else if (s >= t) fp++; else if (hand[i]) fn++; });
      const n = scores.length, tn = n - tp - fp - fn, po = (tp + tn) / n, pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n);
      if (pe < 1) bestK = Math.max(bestK, (po - pe) / (1 - pe));
    }
    return bestK;
  };
  const result = { kodebok: { kappas: [], seconds: 0 }, bayes: { kappas: [], seconds: 0 } };
  for (const theme of THEMES) {
    const hand = prepared.map((p) => p.codes.has(theme));
    const lr = new Array(prepared.length), nb = new Array(prepared.length);
    for (let f = 0; f < k; f++) {
      const train = prepared.filter((_, i) => fold[i] !== f);
      const counts = new Map();
      for (const p of train) for (const x of p.features) counts.set(x, (counts.get(x) ?? 0) + 1);
      const vocabulary = [...counts].filter(([, c]) => c >= 2).map(([x]) => x).sort();
      const index = new Map(vocabulary.map((x, i) => [x, i]));
      const rowOf = (p) => p.features.filter((x) => index.has(x)).map((x) => index.get(x)).sort((a, b) => a - b);
      const t0 = cpuSeconds(() => kodebok.fitLogistic(train.map(rowOf), train.map((p) => (p.codes.has(theme) ? 1 : 0)), vocabulary.length, { l2: kodebok.DEFAULT_L2 }));
      result.kodebok.seconds += t0.seconds;
      const t1 = cpuSeconds(() => { const b = new Bayes(); for (const p of train) b.addDocument(p.features.filter((x) => index.has(x)), p.codes.has(theme) ? "yes" : "no"); b.train(); return b; });
      result.bayes.seconds += t1.seconds;
      prepared.forEach((p, i) => {
        if (fold[i] !== f) return;
        lr[i] = kodebok.predictLogistic(t0.value, rowOf(p));
        const c = t1.value.getClassifications(p.features.filter((x) => index.has(x)));
        nb[i] = Math.log(c.find((x) => x.label === "yes").value + 1e-300) - Math.log(c.find((x) => x.label === "no").value + 1e-300);
      });
    }
    result.kodebok.kappas.push(bestKappa(lr, hand));
    result.bayes.kappas.push(bestKappa(nb, hand));
  }
  const logistic = [];
  for (const n of [50, 100, 200]) {
    const train = prepared.slice(0, n);
    const c = new NaturalLogistic();
    for (const p of train) c.addDocument(p.features, p.codes.has("relation") ? "yes" : "no");
    logistic.push({ notes: n, seconds: cpuSeconds(() => c.train()).seconds });
  }
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return { kodebok: { meanKappa: mean(result.kodebok.kappas), seconds: result.kodebok.seconds }, bayes: { meanKappa: mean(result.bayes.kappas), seconds: result.bayes.seconds }, logistic };
}
