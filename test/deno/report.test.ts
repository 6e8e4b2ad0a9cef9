// The reports under Deno 2: vega renders SVG without canvas, compromise loads lazily for English
// names, csv-stringify writes the BOM. `deno test --allow-read --allow-env test/deno/`.
import assert from "node:assert/strict";
import { codeNotes, parseCodebook, redact, renderSvg, rollUp, toCsv, toHtml, toMarkdown, unwrap } from "../../src/index.ts";

declare const Deno: { test(name: string, fn: () => void | Promise<void>): void };

const codebook = unwrap(
  parseCodebook(`
id: deno-report
title: Deno
languages: [nb, en]
categories: [{id: relational, label: Relasjonelt}]
codes:
  - {id: time, category: relational, label: Tid, definition: Tid, terms: {nb: [tid], en: [time]}}
`),
);
const notes = [
  { id: "1", text: "Hun tok seg tid, ring 22 33 44 55", seminar: "Byen", group: "1", participant: "P1", language: "nb" as const },
  { id: "2", text: "Sarah Johnson took time for me", seminar: "Leeds", group: "1", participant: "P2", language: "en" as const },
  { id: "3", text: "Møtet var kl. 10.30", seminar: "Byen", group: "2", participant: "P3", language: "nb" as const },
];

Deno.test("redact() masks English names with compromise under Deno", () => {
  assert.equal(redact("I talked to Sarah Johnson at NAV.", { language: "en" }), "I talked to [name] at NAV.");
});

Deno.test("rollUp() redacts quotes by default and toMarkdown() writes them", () => {
  const coded = codeNotes(notes, codebook);
  const md = toMarkdown(rollUp(coded, codebook, { language: "nb" }), { coded });
  assert.match(md, /> Hun tok seg tid, ring \[telefon\]/);
  assert.match(md, /> \[name\] took time for me/);
});

Deno.test("toHtml() renders the charts to SVG with vega under Deno, same bytes twice", async () => {
  const coded = codeNotes(notes, codebook);
  const summary = rollUp(coded, codebook, { language: "nb" });
  const html = await toHtml(summary, { coded, codebook });
  assert.equal((html.match(/<svg /g) ?? []).length, 4); // categories, by seminar, by group, co-occurrence
  assert.equal(await toHtml(summary, { coded, codebook }), html);
  assert.ok((await renderSvg({ mark: "bar", data: { values: [{ a: "æ", b: 1 }] }, encoding: { x: { field: "a", type: "nominal" }, y: { field: "b", type: "quantitative" } } })).includes(">æ<"));
});

Deno.test("toCsv() starts with a BOM", () => {
  assert.equal(toCsv(codeNotes(notes, codebook)).charCodeAt(0), 0xfeff);
});
