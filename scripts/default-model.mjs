#!/usr/bin/env node
// Regenerates the default model of natland-2021, codebooks/natland-2021.model.json, from the gold
// coding in ../shared/gold (read in place; only the model is committed, a build artefact of this
// script). Same codebook, same gold, same kodebok: the same bytes.
//
//   npm run default-model            # write codebooks/natland-2021.model.json
//   npm run default-model -- --check # exit 1 when the committed file differs from a fresh one
//
// The model learns from the development notes only: the 155 blind notes (bench/gold.mjs) stay
// unseen by rules and model alike, so a figure on them stays a fair one. Its thresholds and the
// figures inside it are cross-validated by source (a seminar, an interview, an observation series,
// a report or a block of ten survey answers is never in two folds).
//
// The codebook does not name the model (it is off by default): adding `model: natland-2021.model.json`
// to codebooks/natland-2021.yaml switches it on for codeNotes(notes, codebook). Any change to the
// codebook makes the committed model stale; test/learn/default-model.test.ts then fails until this
// script is run again.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadGold } from "../bench/gold.mjs";

/** The committed model file. */
export const DEFAULT_MODEL_FILE = fileURLToPath(new URL("../codebooks/natland-2021.model.json", import.meta.url));

/**
 * Trains the default model of natland-2021 on the gold's development notes.
 * @param {any} kodebok the kodebok module (dist/index.js, or src/index.ts in the tests)
 * @param {string} [goldDir] the gold folder (default: ../shared/gold)
 * @returns {Promise<{ model: object, text: string }>} the model and its file's text
 * @example const { text } = await buildDefaultModel(await import("../dist/index.js"));
 */
export async function buildDefaultModel(kodebok, goldDir) {
  const { notes, groupOf, blind, dir } = goldDir === undefined ? loadGold() : loadGold(goldDir);
  // Without its model: a stale one would be refused, and the model is what this script makes.
  const codebook = await kodebok.loadCodebook("natland-2021", { model: false });
  const codings = kodebok.unwrap(await kodebok.readCodings(path.join(dir, "codings.csv")));
  const dev = notes.filter((n) => !blind.has(n.id));
  const devCodings = { ...codings, notes: codings.notes.filter((id) => !blind.has(id)), codings: codings.codings.filter((c) => !blind.has(c.note)), seen: codings.seen.map((s) => ({ coder: s.coder, notes: s.notes.filter((id) => !blind.has(id)) })) };
  const model = kodebok.trainCoder(dev, devCodings, { codebook, coder: "gold", groupOf: (n) => groupOf.get(n.id) });
  return { model, text: kodebok.modelToJson(model) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kodebok = await import(pathToFileURL(fileURLToPath(new URL("../dist/index.js", import.meta.url))).href);
  const { model, text } = await buildDefaultModel(kodebok);
  if (process.argv.includes("--check")) {
    const committed = fs.existsSync(DEFAULT_MODEL_FILE) ? fs.readFileSync(DEFAULT_MODEL_FILE, "utf8") : "";
    if (committed !== text) {
      process.stderr.write(`${path.relative(process.cwd(), DEFAULT_MODEL_FILE)} is stale: run \`npm run default-model\`\n`);
      process.exit(1);
    }
    process.stdout.write(`${path.relative(process.cwd(), DEFAULT_MODEL_FILE)} is up to date\n`);
  } else {
    await kodebok.writeModel(DEFAULT_MODEL_FILE, model);
    const cv = model.crossValidation;
    process.stdout.write(`wrote ${path.relative(process.cwd(), DEFAULT_MODEL_FILE)} (${text.length} bytes; ${model.training.notes} notes; cross-validated mean per-theme kappa: rules ${cv.meanKappa.rules.toFixed(3)}, model ${cv.meanKappa.model.toFixed(3)}, both ${cv.meanKappa.both.toFixed(3)})\n`);
  }
}
