// Runs under Deno 2 against the TypeScript sources: `deno test --allow-read --allow-env test/deno/`.
// Deno cannot run vitest files, so this file uses Deno.test with node:assert.
import assert from "node:assert/strict";
import { codeNotes, formatDiagnostic, readNotes, parseCodebook, rollUp, unwrap } from "../../src/index.ts";

declare const Deno: { test(name: string, fn: () => void | Promise<void>): void };

const codebook = unwrap(
  parseCodebook(`
id: deno
title: Deno
languages: [nb]
categories: [{id: relational, label: Relasjonelt}]
codes:
  - {id: time, category: relational, label: Tid, definition: Tid, terms: [tid, "*ventetid"]}
polarity:
  negation: {terms: [ikke, aldri], window: 3}
`),
);

Deno.test("codeNotes() finds a glob at the end of a compound and marks a negated mention as a barrier", () => {
  const coded = codeNotes(
    [
      { id: "1", text: "Saksbehandlingsventetid" },
      { id: "2", text: "De hadde aldri tid" },
    ],
    codebook,
    { language: "nb" },
  );
  assert.deepEqual(coded.map((c) => c.codes.map((a) => `${a.code}:${a.polarity}`)), [["time:helpful"], ["time:barrier"]]);
  const evidence = coded[1]!.codes[0]!.evidence[0]!;
  assert.equal(coded[1]!.note.text.slice(evidence.start, evidence.end), evidence.text);
});

Deno.test("readNotes() reads the seminar fixtures and rollUp() counts them", async () => {
  const result = await readNotes(["fixtures/seminars/city-seminar.csv", "fixtures/seminars/rural-seminar.csv"]);
  assert.ok(result.ok);
  if (!result.ok) return;
  const summary = rollUp(codeNotes(result.value.notes, codebook), codebook);
  assert.equal(summary.totals.notes, result.value.notes.length);
  assert.equal(summary.totals.seminars, 2);
});

Deno.test("readNotes() locates an unclosed quote", async () => {
  const result = await readNotes("fixtures/bad/unclosed-quote.csv");
  assert.equal(result.ok, false);
  assert.equal(formatDiagnostic(result.diagnostics[0]!), "fixtures/bad/unclosed-quote.csv:4:7: Cannot load notes: a quoted field is not closed [csv-unclosed-quote]");
});

Deno.test("codeNotes() codes a glob-only codebook through the character automaton, and a note with a capital sigma through the token interner", () => {
  // Without cues or conditions and with a known language, notes take the glob automaton; a note
  // with a capital sigma (whose lower case depends on the word) takes the token interner.
  const globs = unwrap(
    parseCodebook(`
id: globs
title: Globs
languages: [nb]
categories: [{id: a, label: A}]
codes:
  - {id: time, category: a, label: Tid, definition: Tid, terms: [tid, "*ventetid", "ta seg tid", tidlig*]}
  - {id: trust, category: a, label: Tillit, definition: Tillit, terms: [tillit*, "*relasjon"]}
`),
  );
  const notes = [
    { id: "1", text: "Ventetiden var lang, men hun tok seg TID og bygde tillit." },
    { id: "2", text: "Samarbeidsrelasjon, tidlig hjelp; ta seg tid!" },
    { id: "3", text: "ΣΑΣ: ta seg tid, Tilliten" },
  ];
  const coded = codeNotes(notes, globs, { language: "nb" });
  assert.deepEqual(
    coded.map((c) => c.codes.map((a) => `${a.code}:${a.evidence.map((e) => `${e.text}@${e.start}`).join("|")}`)),
    [["time:TID@37", "trust:tillit@50"], ["time:tidlig@20|ta seg tid@34", "trust:Samarbeidsrelasjon@0"], ["time:ta seg tid@5", "trust:Tilliten@17"]],
  );
});
