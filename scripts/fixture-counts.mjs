#!/usr/bin/env node
// Counts the hand-coded fixture notes per file and per theme and prints the Markdown table that
// fixtures/README.md carries between <!-- counts:start --> and <!-- counts:end -->.
// Usage: node scripts/fixture-counts.mjs [--write]   (--write updates fixtures/README.md in place)
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

const THEMES = ["relation", "reciprocity", "choice", "time", "knowledge", "knowledge_sharing"];
const FILES = [
  ["fixtures/seminars/city-seminar.csv", ";"],
  ["fixtures/seminars/rural-seminar.csv", ";"],
  ["fixtures/english/seminar-en.csv", ","],
];

function count(rows) {
  const themes = Object.fromEntries(THEMES.map((t) => [t, 0]));
  let uncoded = 0;
  for (const row of rows) {
    const codes = row["codes:hand"].split(";").filter((c) => c !== "");
    if (codes.length === 0) uncoded++;
    for (const c of codes) themes[c]++;
  }
  return { notes: rows.length, coded: rows.length - uncoded, uncoded, themes };
}

const read = ([file, delimiter]) => parse(readFileSync(file, "utf8"), { delimiter, columns: true });
const lines = [
  `| set | notes | coded | uncoded | ${THEMES.join(" | ")} |`,
  `|---|---:|---:|---:|${THEMES.map(() => "---:").join("|")}|`,
];
const row = (name, c) =>
  `| ${name} | ${c.notes} | ${c.coded} | ${c.uncoded} | ${THEMES.map((t) => c.themes[t]).join(" | ")} |`;
const norwegian = [];
for (const spec of FILES) {
  const rows = read(spec);
  if (spec[1] === ";") norwegian.push(...rows);
  lines.push(row(`\`${spec[0].replace(/^fixtures\//, "")}\``, count(rows)));
}
lines.push(row("Norwegian seminars (city + rural)", count(norwegian)));
const table = lines.join("\n");

if (process.argv.includes("--write")) {
  const readme = "fixtures/README.md";
  const text = readFileSync(readme, "utf8");
  const next = text.replace(
    /<!-- counts:start -->[\s\S]*<!-- counts:end -->/,
    `<!-- counts:start -->\n${table}\n<!-- counts:end -->`,
  );
  writeFileSync(readme, next);
} else {
  console.log(table);
}
