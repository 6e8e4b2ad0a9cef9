import assert from "node:assert/strict";
import { parseCodebook, unwrap } from "../../src/index.ts";
import { codeNote } from "../../src/match/code-note.ts";
import { compileCodebook } from "../../src/match/compile.ts";

const yaml = `id: x
title: X
languages: [nb]
categories: [{id: a, label: A}]
codes:
  - id: c
    category: a
    label: C
    definition: C
    rules:
      - terms: ["^kompetan(s|se)", "(a+)+$"]
        match: regex
      - terms: ["s*k*t"]
`;

Deno.test("Deno: regex terms run on the linear-time engine and inner-wildcard globs match", () => {
  const matcher = compileCodebook(unwrap(parseCodebook(yaml)));
  const coded = codeNote({ id: "n", text: `Kompetansen ${"a".repeat(40)}b sket` }, matcher, "nb");
  assert.deepEqual(coded.codes[0]?.evidence.map((e) => e.text), ["Kompetansen", "sket"]);
});
