#!/usr/bin/env node
// kodebok's entry in the benchmark: codes a corpus CSV with the built library (dist/) and prints the
// peers' output format: `notes<TAB>N`, then `<code><TAB><notes with at least one application>` in
// codebook order.
//
//   node bench/kodebok-count.mjs <corpus.csv> [codebook.yaml] [--in-memory] [--workers N]
//
//   (default)     streaming, one thread: tallyCodes(streamNotes(file)): notes are read, coded and
//                 counted one at a time; the corpus is never held in memory.
//   --workers N   the same on N worker threads that read, parse and code row-aligned chunks of the
//                 file and hand back each note's codes.
//   --in-memory   loadNotes (whole file) -> codeNotes -> counting; the coding step alone is timed in
//                 the process and printed to stderr: `engine_pass_ms` (codeNote over every note, each
//                 coded note dropped after use; the first pass, so it includes filling the memo) and
//                 `engine_ms` (codeNotes, all coded notes with evidence kept in one array).
//
// The codebook defaults to bench/themes.codebook.yaml. Notes are coded as Norwegian Bokmål.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = path.dirname(fileURLToPath(import.meta.url));
// The modules this job needs, not the whole index (which also loads the report and REFI-QDA
// dependencies): what an application importing these functions pays at start-up.
const dist = (m) => import(new URL(`../dist/${m}`, import.meta.url).href);
const lib = {
  ...(await dist("codebook/load.js")),
  ...(await dist("notes/read-notes.js")),
  ...(await dist("notes/stream-notes.js")),
  ...(await dist("match/compile.js")),
  ...(await dist("match/code-notes.js")),
  ...(await dist("match/code-note.js")),
  ...(await dist("match/tally-codes.js")),
  ...(await dist("diagnostics/result.js")),
};

const args = process.argv.slice(2);
let workers = 0;
let inMemory = false;
const pos = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--workers") workers = Number(args[++i]);
  else if (args[i] === "--in-memory") inMemory = true;
  else if (args[i].startsWith("--")) usage();
  else pos.push(args[i]);
}
if (pos.length < 1 || pos.length > 2 || !(Number.isInteger(workers) && workers >= 0)) usage();
function usage() {
  console.error("usage: node bench/kodebok-count.mjs <corpus.csv> [codebook.yaml] [--in-memory] [--workers N]");
  process.exit(2);
}
const [csvPath, codebookPath = path.join(here, "themes.codebook.yaml")] = pos;

const codebook = await lib.loadCodebook(codebookPath);
const codeIds = codebook.codes.map((c) => c.id);
const index = new Map(codeIds.map((id, i) => [id, i]));
const counts = new Array(codeIds.length).fill(0);
let notes = 0;
const seen = new Uint8Array(codeIds.length);

/** Counts one coded note: each code once, whatever its polarity and evidence. */
function count(coded) {
  notes++;
  seen.fill(0);
  for (const app of coded.codes) {
    const i = index.get(app.code);
    if (seen[i] === 0) { seen[i] = 1; counts[i]++; }
  }
}

const options = { language: "nb" };
if (inMemory) {
  const loaded = (await lib.loadNotes(csvPath));
  const matcher = lib.compileCodebook(codebook);
  // Coded notes as they come, each dropped after counting (the rate without holding the output):
  // this first pass also fills the per-token memo, as any first pass over a corpus does.
  let t0 = performance.now();
  let applications = 0;
  for (const note of loaded.notes) applications += lib.codeNote(note, matcher, "nb").codes.length;
  const passMs = performance.now() - t0;
  // codeNotes: every coded note with its evidence kept in one array.
  t0 = performance.now();
  const coded = lib.codeNotes(loaded.notes, matcher, options);
  const ms = performance.now() - t0;
  for (const c of coded) count(c);
  process.stderr.write(`engine_ms\t${ms.toFixed(1)}\nengine_pass_ms\t${passMs.toFixed(1)}\napplications\t${applications}\n`);
} else {
  const tallies = await lib.tallyCodes(lib.streamNotes(csvPath), codebook, { ...options, workers });
  notes = tallies.notes;
  tallies.codes.forEach((t, i) => { counts[i] = t.notes; });
}

let out = `notes\t${notes}\n`;
codeIds.forEach((id, i) => { out += `${id}\t${counts[i]}\n`; });
process.stdout.write(out);
