import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCodebook, unwrap, type Codebook } from "../../src/index.ts";
import { codeNote, codeNoteGeneral } from "../../src/match/code-note.ts";
import { compileCodebook } from "../../src/match/compile.ts";
import { engineFor } from "../../src/match/token-memo.ts";
import type { Note } from "../../src/notes/note.ts";

// codeNote has a fast path for codebooks without conditions or cues (no hit or candidate
// objects, insertion sorts over hit numbers). It must give exactly what the general path gives.

/** A codebook without conditions or cues, with every kind of glob, phrases with gaps, fixed polarities and overlaps. */
const plainYaml = (overlap: string) => `
id: plain
title: Plain
languages: [nb, en]
overlap: ${overlap}
categories:
  - {id: a, label: A}
codes:
  - id: time
    category: a
    label: Tid
    definition: Tid
    terms: [tid, "*tid", "ta tid", "ta seg tid", tidlig*, "*ventetid"]
    barrierTerms: ["*ventetid", "lang ventetid"]
    rules:
      - id: time.took
        terms: ["tok tid", "tok seg tid"]
        gap: 2
  - id: relation
    category: a
    label: Relasjon
    definition: Relasjon
    terms: [relasjon*, "*relasjon", tillit*, "god relasjon", "relasjon ble", "ble sett", tid]
    barrierTerms: ["ny saksbehandler", "tillit tid"]
  - id: mix
    category: a
    label: Blandet
    definition: Blandet
    rules:
      - terms: {nb: ["sett tid"], en: [time, "took time"]}
        polarity: barrier
      - terms: [sett*, "*sett"]
      - terms: [ÅR, "*år"]
        match: glob
`;

const words = [
  "tid", "Tid", "TID", "alltid", "ventetid", "Ventetiden", "lang", "ta", "tok", "seg", "ikke", "god", "relasjon",
  "relasjonen", "Relasjoner", "tillit", "tilliten", "ble", "sett", "Sett", "settes", "ny", "saksbehandler", "tidlig",
  "tidligere", "år", "ÅR", "søknadsår", "time", "took", "e\u0301", "Σ", "ǅ", "İ", "x", "og", "på", "1", "2024",
];
/** Runs of words that make phrases, and overlapping phrases of one length. */
const phrases = ["god relasjon ble sett", "ta seg tid", "tok seg ikke tid", "lang ventetid", "tillit tid", "sett tid", "took time", "ny saksbehandler"];
const separators = [" ", " ", " ", ", ", ". ", "! ", "\n", " – ", "-", "/"];

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function notes(count: number, seed: number): Note[] {
  const next = random(seed);
  const out: Note[] = [];
  for (let n = 0; n < count; n++) {
    // Mostly short notes, some long ones with more hits than the fast path takes.
    const length = next() < 0.1 ? 20 + Math.floor(next() * 60) : Math.floor(next() * 14);
    let text = "";
    for (let k = 0; k < length; k++) {
      text += next() < 0.25 ? phrases[Math.floor(next() * phrases.length)]! : words[Math.floor(next() * words.length)]!;
      text += separators[Math.floor(next() * separators.length)]!;
    }
    const note: Note = { id: `n${n}`, text };
    if (next() < 0.2) note.language = next() < 0.5 ? "en" : "nb";
    out.push(note);
  }
  return out;
}

function compare(codebook: Codebook, language: "nb" | "en" | "auto", seed: number): number {
  const fast = compileCodebook(codebook);
  const general = compileCodebook(codebook);
  let coded = 0;
  for (const note of notes(1500, seed)) {
    const a = codeNote(note, fast, language);
    const b = codeNoteGeneral(note, general, language);
    expect(JSON.stringify(a), note.text).toBe(JSON.stringify(b));
    coded += a.codes.length;
  }
  return coded;
}

describe("codeNote's path for codebooks without conditions or cues", () => {
  for (const overlap of ["within-code", "across-codes"]) {
    it(`gives what the general path gives (overlap: ${overlap})`, () => {
      const codebook = unwrap(parseCodebook(plainYaml(overlap)));
      expect(engineFor(compileCodebook(codebook)).plain).toBe(true);
      for (const language of ["nb", "en", "auto"] as const) {
        // Fails if the generated notes stop exercising the matcher.
        expect(compare(codebook, language, 7 + language.length)).toBeGreaterThan(1000);
      }
    });
  }

  it("gives what the general path gives with one matcher for every language option in turn", () => {
    // A known language and `auto` use two automata (the second also finds the language markers),
    // whose pattern sets are numbered differently: what is worked out per set must not mix.
    const codebook = unwrap(parseCodebook(plainYaml("within-code")));
    const fast = compileCodebook(codebook);
    const general = compileCodebook(codebook);
    let coded = 0;
    for (const language of ["nb", "auto", "en", "auto", "nb"] as const) {
      for (const note of notes(400, 3)) {
        const a = codeNote(note, fast, language);
        expect(JSON.stringify(a), `${language}: ${note.text}`).toBe(JSON.stringify(codeNoteGeneral(note, general, language)));
        coded += a.codes.length;
      }
    }
    expect(coded).toBeGreaterThan(1000);
  });

  it("gives what the general path gives on the benchmark codebook", () => {
    const codebook = unwrap(parseCodebook(readFileSync(new URL("../../bench/themes.codebook.yaml", import.meta.url), "utf8")));
    expect(engineFor(compileCodebook(codebook)).plain).toBe(true);
    const fast = compileCodebook(codebook);
    const general = compileCodebook(codebook);
    const text =
      "Relasjonen til veilederen var god, men ventetiden var lang. Tilliten kom etter hvert; hun tok seg tid og " +
      "ga respekt. Trygghet, TILLIT og relasjoner: alltid tid.";
    const a = codeNote({ id: "b", text }, fast, "nb");
    expect(JSON.stringify(a)).toBe(JSON.stringify(codeNoteGeneral({ id: "b", text }, general, "nb")));
    expect(a.codes.length).toBeGreaterThan(1);
  });
});
