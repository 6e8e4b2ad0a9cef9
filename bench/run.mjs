#!/usr/bin/env node
// kodebok's throughput benchmark against its peers (`npm run bench`).
//
//   node bench/run.mjs [--corpora c10k,c100k] [--runs N] [--peers a,b,...] [--no-doc]
//
// 1. generates the corpora into bench/data/ (ignored) with ../shared/bench/gen-corpus.mjs and checks
//    their MD5 sums against the published ones;
// 2. converts ../shared/bench/themes.tsv into bench/themes.codebook.yaml (committed);
// 3. runs kodebok (bench/kodebok-count.mjs over the built dist/) and the peers in this one session
//    on the same files, under GNU time (`apt-get install time`): one untimed warm-up read of each
//    corpus, then RUNS timed runs of every peer (default 3; 1 for c1m);
// 4. checks that every kodebok mode printed exactly the reference per-theme counts, as the peers do;
// 5. stores the figures in bench/data/results-<corpus>.json and rewrites the generated part of
//    docs/benchmarks.md (between the `bench:begin` and `bench:end` markers) from every stored result,
//    so `--corpora c1m` later adds c1m to the c10k/c100k figures of an earlier run.
//
// PYTHON=... picks the interpreter of the NLTK peer (default: Debian's /usr/bin/python3, which sees
// python3-nltk). GNU_TIME=... the GNU time binary. Peers that fail get a "failed" row.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, sharedBenchDir } from "./shared-dir.mjs";
import { parseThemes, toCodebookYaml, DEFAULT_OUT } from "./convert-themes.mjs";

const SHARED = sharedBenchDir();
const DATA = path.join(ROOT, "bench", "data");
const DOC = path.join(ROOT, "docs", "benchmarks.md");

/** The corpora of ../shared/bench/README.md: note count and the MD5 sum with Node 20. */
const CORPORA = {
  c10k: { notes: 10000, md5: "1398beff9c9d362ba70dddc813b8dc29", runs: 3 },
  c100k: { notes: 100000, md5: "8b55aa6fd5dbc79ceba7c5d9a89c4465", runs: 3 },
  c1m: { notes: 1000000, md5: "d6b73b495868560b7517eb834d438dbb", runs: 1 },
};

/** Reference outputs every peer printed (../shared/bench/README.md). */
const THEMES = ["relation", "reciprocity", "choice", "time", "knowledge", "knowledge_sharing"];
const REFERENCE = {
  c10k: [10000, 4590, 3304, 3074, 5525, 3921, 4691],
  c100k: [100000, 45748, 32485, 30092, 55740, 39138, 46963],
  c1m: [1000000, 458558, 325805, 300418, 555372, 390929, 470829],
};
const referenceText = (c) =>
  `notes\t${REFERENCE[c][0]}\n` + THEMES.map((t, i) => `${t}\t${REFERENCE[c][i + 1]}\n`).join("");

const PYTHON = process.env.PYTHON ?? (fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
const KODEBOK = path.join(ROOT, "bench", "kodebok-count.mjs");
const CODEBOOK = DEFAULT_OUT;
const WORKERS = Math.max(2, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));

/** Every runnable entry: id, label for the table, argv (corpus path appended by `cmd`). */
const PEERS = [
  { id: "kodebok", label: "kodebok, streaming, 1 thread", kind: "kodebok", cmd: (c) => ["node", KODEBOK, c, CODEBOOK] },
  { id: "kodebok-workers", label: `kodebok, streaming, workers: ${WORKERS}`, kind: "kodebok", cmd: (c) => ["node", KODEBOK, c, CODEBOOK, "--workers", String(WORKERS)] },
  { id: "kodebok-memory", label: "kodebok, in memory (loadNotes + codeNotes)", kind: "kodebok", cmd: (c) => ["node", KODEBOK, c, CODEBOOK, "--in-memory"] },
  { id: "read", label: "`peer-tokens.mjs --read` (CSV floor)", kind: "floor", cmd: (c) => ["node", "peer-tokens.mjs", c, "--read"] },
  { id: "lookup-memo-scan", label: "`peer-tokens.mjs --lookup-memo --scan` (tuned JS)", kind: "peer", cmd: (c) => ["node", "peer-tokens.mjs", c, "--lookup-memo", "--scan"] },
  { id: "lookup", label: "`peer-tokens.mjs --lookup` (good engineer's JS)", kind: "peer", cmd: (c) => ["node", "peer-tokens.mjs", c, "--lookup"] },
  { id: "naive", label: "`peer-naive.mjs` (researcher's JS)", kind: "peer", cmd: (c) => ["node", "peer-naive.mjs", c] },
  { id: "nltk", label: "`peer-nltk.py` (Python + NLTK)", kind: "peer", cmd: (c) => [PYTHON, "peer-nltk.py", c] },
  { id: "tidytext", label: "`peer-tidytext.R` (R + tidytext)", kind: "peer", cmd: (c) => ["Rscript", "peer-tidytext.R", c] },
];

function parseArgs(argv) {
  const o = { corpora: ["c10k", "c100k"], runs: undefined, peers: PEERS.map((p) => p.id), doc: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) fail(`${a} needs a value`); return argv[++i]; };
    if (a === "--corpora") o.corpora = val().split(",").filter(Boolean);
    else if (a === "--runs") o.runs = Number(val());
    else if (a === "--peers") o.peers = val().split(",").filter(Boolean);
    else if (a === "--no-doc") o.doc = false;
    else fail(`unknown argument "${a}"`);
  }
  for (const c of o.corpora) if (!CORPORA[c]) fail(`unknown corpus "${c}" (one of ${Object.keys(CORPORA).join(", ")})`);
  for (const p of o.peers) if (!PEERS.some((q) => q.id === p)) fail(`unknown peer "${p}" (one of ${PEERS.map((q) => q.id).join(", ")})`);
  if (o.runs !== undefined && !(Number.isInteger(o.runs) && o.runs >= 1)) fail("--runs takes a whole number >= 1");
  return o;
}
function fail(msg) {
  console.error(`bench: ${msg}\nusage: node bench/run.mjs [--corpora c10k,c100k,c1m] [--runs N] [--peers ${PEERS.map((p) => p.id).join(",")}] [--no-doc]`);
  process.exit(2);
}

const md5 = (file) => crypto.createHash("md5").update(fs.readFileSync(file)).digest("hex");

function ensureCorpus(name) {
  const file = path.join(DATA, `${name}.csv`);
  const { notes, md5: want } = CORPORA[name];
  if (fs.existsSync(file) && md5(file) === want) return file;
  console.error(`bench: generating ${name} (${notes} notes) ...`);
  fs.mkdirSync(DATA, { recursive: true });
  const r = spawnSync("node", [path.join(SHARED, "gen-corpus.mjs"), String(notes), file], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`Cannot generate ${name}: gen-corpus.mjs exited with ${r.status}`);
  const got = md5(file);
  if (got !== want) console.error(`bench: warning: ${name} has MD5 ${got}, expected ${want}`);
  return file;
}

function gnuTime() {
  const t = process.env.GNU_TIME ?? "/usr/bin/time";
  if (!fs.existsSync(t)) throw new Error(`Cannot time the peers: GNU time not found at ${t} (apt-get install time)`);
  return t;
}

/** Runs argv once under GNU time; returns wall seconds, peak RSS KiB, stdout, stderr. */
function timed(argv) {
  const tfile = path.join(os.tmpdir(), `kodebok-bench-${process.pid}.time`);
  const r = spawnSync(gnuTime(), ["-f", "%e %M", "-o", tfile, ...argv], {
    cwd: SHARED, encoding: "utf8", maxBuffer: 1 << 26,
  });
  const [wall, rss] = fs.existsSync(tfile) ? fs.readFileSync(tfile, "utf8").trim().split("\n").pop().split(" ").map(Number) : [NaN, NaN];
  fs.rmSync(tfile, { force: true });
  return { ok: r.status === 0, wall, rssKiB: rss, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** The line of a failed run's stderr that says why (the first `...Error...` line, else the last). */
function firstError(stderr) {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /error/i.test(l)) ?? lines.pop() ?? "failed").slice(0, 160);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function runCorpus(name, opts) {
  const file = ensureCorpus(name);
  const bytes = fs.statSync(file).size;
  const runs = opts.runs ?? CORPORA[name].runs;
  spawnSync("node", [path.join(SHARED, "peer-tokens.mjs"), file, "--read"], { cwd: SHARED }); // page cache
  const ref = referenceText(name);
  const rows = [];
  for (const peer of PEERS.filter((p) => opts.peers.includes(p.id))) {
    const argv = peer.cmd(file);
    const results = [];
    let error = "";
    for (let i = 0; i < runs; i++) {
      const r = timed(argv);
      if (!r.ok) { error = firstError(r.stderr).replaceAll("|", "/"); break; }
      results.push(r);
    }
    const row = { id: peer.id, label: peer.label, kind: peer.kind, corpus: name, bytes, notes: CORPORA[name].notes, runs };
    if (error) {
      Object.assign(row, { failed: error });
    } else {
      const walls = results.map((r) => r.wall);
      const outputs = new Set(results.map((r) => r.stdout));
      const out = results[0].stdout;
      const engine = results.map((r) => /^engine_ms\t([\d.]+)$/m.exec(r.stderr)?.[1]).filter(Boolean).map(Number);
      const pass = results.map((r) => /^engine_pass_ms\t([\d.]+)$/m.exec(r.stderr)?.[1]).filter(Boolean).map(Number);
      Object.assign(row, {
        wall: median(walls), min: Math.min(...walls), max: Math.max(...walls), walls,
        rssMiB: median(results.map((r) => r.rssKiB)) / 1024,
        check: peer.kind === "floor" ? "-" : outputs.size === 1 && out === ref ? "reference counts" : "COUNTS DIFFER",
        output: out,
        ...(engine.length ? { engineMs: median(engine) } : {}),
        ...(pass.length ? { enginePassMs: median(pass) } : {}),
      });
    }
    rows.push(row);
    console.error(`bench: ${name} ${peer.id}: ${row.failed ? `failed: ${row.failed}` : `${row.wall.toFixed(2)} s, ${row.rssMiB.toFixed(0)} MiB, ${row.check}${row.engineMs ? `, engine ${row.engineMs.toFixed(0)} ms` : ""}`}`);
  }
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout?.trim() || undefined;
  return { corpus: name, bytes, notes: CORPORA[name].notes, runs, date: new Date().toISOString(), commit, machine: machine(), rows };
}

function versionOf(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8" });
  return r.status === 0 ? (r.stdout + r.stderr).trim().split("\n")[0] : "not installed";
}
function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? "?"} × ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    os: `${os.type()} ${os.release()}${fs.existsSync("/etc/debian_version") ? `, Debian ${fs.readFileSync("/etc/debian_version", "utf8").trim()}` : ""}`,
    node: process.version,
    python: versionOf([PYTHON, "-c", "import sys, nltk; print('Python', sys.version.split()[0], '+ NLTK', nltk.__version__)"]),
    r: versionOf(["Rscript", "-e", "cat(R.version.string, '+ tidytext', as.character(packageVersion('tidytext')), '\\n')"]),
  };
}

// ------------------------------------------------------------------ the document
const fmt = (x, d = 2) => (x === undefined || Number.isNaN(x) ? "–" : x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }));
const byId = (res, id) => res?.rows.find((r) => r.id === id && !r.failed);

function renderResults(all) {
  const lines = [];
  const m = all[all.length - 1].machine;
  lines.push(`Measured ${[...new Set(all.map((r) => r.date.slice(0, 16).replace("T", " ") + " UTC"))].join(", ")} on ${m.cpu}, ${m.memory}, ${m.os};`);
  const commits = [...new Set(all.map((r) => r.commit).filter(Boolean))];
  if (commits.length > 0) lines.push(`kodebok at commit ${commits.join(", ")}.`);
  lines.push(`Node ${m.node}; ${m.python}; ${m.r}. Whole-process figures under GNU time (start-up, imports,`);
  lines.push("CSV parsing included), corpus in the page cache, median of the counted runs; MB/s = 10^6 bytes of CSV");
  lines.push("per second; peak RSS = median over runs of the process's peak resident set. The machine is shared:");
  lines.push("compare figures of the same session only.");
  lines.push("");
  lines.push("| peer | corpus | runs | median wall s | min–max s | MB/s | notes/s | peak RSS MiB | output |");
  lines.push("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const res of all) {
    for (const r of res.rows) {
      if (r.failed) { lines.push(`| ${r.label} | ${r.corpus} | – | failed | | | | | ${r.failed} |`); continue; }
      lines.push(`| ${r.label} | ${r.corpus} | ${r.runs} | ${fmt(r.wall)} | ${r.runs > 1 ? `${fmt(r.min)}–${fmt(r.max)}` : "–"} | ${fmt(r.bytes / 1e6 / r.wall, 1)} | ${fmt(r.notes / r.wall, 0)} | ${fmt(r.rssMiB, 0)} | ${r.check} |`);
    }
  }
  lines.push("");
  lines.push("Speed ratios (peer's median wall time / kodebok's; above 1 = kodebok is faster):");
  lines.push("");
  const ks = ["kodebok", "kodebok-workers", "kodebok-memory"];
  const peers = PEERS.filter((p) => p.kind !== "kodebok");
  lines.push(`| corpus | kodebok mode | ${peers.map((p) => p.id).join(" | ")} |`);
  lines.push(`| --- | --- | ${peers.map(() => "---:").join(" | ")} |`);
  for (const res of all) {
    for (const k of ks) {
      const kr = byId(res, k);
      if (!kr) continue;
      lines.push(`| ${res.corpus} | ${k} | ${peers.map((p) => { const pr = byId(res, p.id); return pr ? `${fmt(pr.wall / kr.wall)}×` : "–"; }).join(" | ")} |`);
    }
  }
  lines.push("");
  lines.push("Coding engine alone (notes already in memory -> coded notes with evidence, one thread; timed inside");
  lines.push("the process by `kodebok-count.mjs --in-memory`) against the tuned JS peer's matching time (its wall time");
  lines.push("minus its `--read` wall time: lowercasing, tokenizing and matching). *pass*: `codeNote` over every note,");
  lines.push("each coded note dropped after use (the first pass over the corpus, memo filling included); *codeNotes*:");
  lines.push("all coded notes with their evidence kept in one array (what `codeNotes` returns). Ratio = tuned JS time / kodebok time.");
  lines.push("");
  lines.push("| corpus | tuned JS matching s | kodebok pass s | pass notes/s | ratio | kodebok codeNotes s | codeNotes notes/s | ratio |");
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const res of all) {
    const k = byId(res, "kodebok-memory"), t = byId(res, "lookup-memo-scan"), f = byId(res, "read");
    if (!k?.engineMs) continue;
    const e = k.engineMs / 1000, p = (k.enginePassMs ?? NaN) / 1000, tm = t && f ? t.wall - f.wall : NaN;
    lines.push(`| ${res.corpus} | ${fmt(tm)} | ${fmt(p)} | ${fmt(res.notes / p, 0)} | ${fmt(tm / p)}× | ${fmt(e)} | ${fmt(res.notes / e, 0)} | ${fmt(tm / e)}× |`);
  }
  lines.push("");
  lines.push(...renderTargets(all));
  return lines.join("\n");
}

function renderTargets(all) {
  const c1m = all.find((r) => r.corpus === "c1m"), c100k = all.find((r) => r.corpus === "c100k");
  const lines = ["Targets of issue 8 (on c1m):", ""];
  if (!c1m) return [...lines, "c1m has not been run yet (`npm run bench -- --corpora c1m`)."];
  const k = byId(c1m, "kodebok"), w = byId(c1m, "kodebok-workers"), mem = byId(c1m, "kodebok-memory");
  const sp = (peer, kr) => { const p = byId(c1m, peer); return p && kr ? p.wall / kr.wall : NaN; };
  const t = byId(c1m, "lookup-memo-scan"), f = byId(c1m, "read");
  const engine = mem?.engineMs && t && f ? (t.wall - f.wall) / (mem.engineMs / 1000) : NaN;
  const enginePass = mem?.enginePassMs && t && f ? (t.wall - f.wall) / (mem.enginePassMs / 1000) : NaN;
  const k100 = byId(c100k, "kodebok");
  const rows = [
    ["end to end, 1 thread, vs NLTK", sp("nltk", k), 3],
    ["end to end, 1 thread, vs naive JS", sp("naive", k), 3.5],
    ["end to end, 1 thread, vs tidytext", sp("tidytext", k), 6],
    [`end to end, workers: ${WORKERS}, vs NLTK`, sp("nltk", w), 5],
    [`end to end, workers: ${WORKERS}, vs tuned JS`, sp("lookup-memo-scan", w), 0.8],
    ["coding engine (codeNotes, output kept) vs tuned JS matching rate", engine, 2],
    ["coding engine (one pass, output dropped) vs tuned JS matching rate", enginePass, 2],
  ];
  lines.push("| target | measured | goal | met |", "| --- | ---: | ---: | --- |");
  for (const [what, got, goal] of rows) lines.push(`| ${what} | ${fmt(got)}× | ≥ ${goal}× | ${Number.isNaN(got) ? "not measured" : got >= goal ? "yes" : "no"} |`);
  if (k) lines.push(`| streaming peak RSS on c1m | ${fmt(k.rssMiB, 0)} MiB | ≤ 256 MiB | ${k.rssMiB <= 256 ? "yes" : "no"} |`);
  if (k && k100) {
    lines.push(`| streaming peak RSS c1m / c100k | ${fmt(k.rssMiB / k100.rssMiB)} | ≤ 1.20 | ${k.rssMiB / k100.rssMiB <= 1.2 ? "yes" : "no"} |`);
    lines.push(`| time c1m / c100k (streaming) | ${fmt(k.wall / k100.wall)} | ≤ 11 | ${k.wall / k100.wall <= 11 ? "yes" : "no"} |`);
  }
  return lines;
}

function writeDoc(all) {
  const begin = "<!-- bench:begin (generated by npm run bench; edit outside the markers) -->";
  const end = "<!-- bench:end -->";
  const generated = `${begin}\n${renderResults(all)}\n${end}`;
  let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : `# Benchmarks\n\n${begin}\n${end}\n`;
  const i = doc.indexOf(begin.slice(0, 17)), j = doc.indexOf(end);
  doc = i >= 0 && j > i ? doc.slice(0, i) + generated + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${generated}\n`;
  fs.mkdirSync(path.dirname(DOC), { recursive: true });
  fs.writeFileSync(DOC, doc);
}

// ------------------------------------------------------------------ main
const opts = parseArgs(process.argv.slice(2));
const yaml = toCodebookYaml(parseThemes(fs.readFileSync(path.join(SHARED, "themes.tsv"), "utf8")));
if (!fs.existsSync(CODEBOOK) || fs.readFileSync(CODEBOOK, "utf8") !== yaml) {
  fs.writeFileSync(CODEBOOK, yaml);
  console.error(`bench: wrote ${path.relative(ROOT, CODEBOOK)}`);
}
if (!fs.existsSync(path.join(ROOT, "dist", "index.js"))) fail("dist/ is missing: run npm run build first (npm run bench does)");
let differ = false;
for (const c of opts.corpora) {
  const res = runCorpus(c, opts);
  fs.writeFileSync(path.join(DATA, `results-${c}.json`), JSON.stringify(res, null, 2) + "\n");
  differ ||= res.rows.some((r) => r.check === "COUNTS DIFFER");
}
if (opts.doc) {
  const all = Object.keys(CORPORA)
    .map((c) => path.join(DATA, `results-${c}.json`))
    .filter((f) => fs.existsSync(f))
    .map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  writeDoc(all);
  console.error(`bench: wrote ${path.relative(ROOT, DOC)}`);
}
if (differ) { console.error("bench: some outputs differ from the reference counts"); process.exit(1); }
