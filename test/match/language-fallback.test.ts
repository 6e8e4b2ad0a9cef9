import { describe, expect, it } from "vitest";
import { codeNotes, codingLanguage, detectLanguage, parseCodebook, tokenize, unwrap } from "../../src/index.ts";
import { codeNoteGeneral } from "../../src/match/code-note.ts";
import { compileCodebook } from "../../src/match/compile.ts";

/** An nb-only codebook (no Nynorsk rules), with one English code for the `und` case. */
const nbOnly = unwrap(
  parseCodebook(`
id: nb-only
title: Bare bokmål
languages: [nb, en]
categories: [{id: c, label: C}]
codes:
  - id: knowledge_sharing
    category: c
    label: Kunnskapsdeling
    definition: Innsikt og informasjon
    terms: {nb: [innsikt, "info*"], en: [insight]}
  - id: time
    category: c
    label: Tid
    definition: Tid
    rules:
      - terms: ["* år"]
        lang: nb
      - terms: [years]
        lang: en
`),
);

const code = (text: string, language?: "nb" | "nn" | "en") =>
  codeNotes([{ id: "n", text, ...(language ? { language } : {}) }], nbOnly)[0]!;

describe("language fallback: Bokmål and Nynorsk stand in for each other", () => {
  it("an nb-only codebook codes a note detected as Nynorsk with its Bokmål rules", () => {
    expect(detectLanguage(tokenize("Fekk innsikt i mulighetene"))).toBe("nn");
    const coded = code("Fekk innsikt i mulighetene");
    expect(coded.language).toBe("nb");
    expect(coded.codes.map((c) => c.code)).toEqual(["knowledge_sharing"]);
    expect(code("vert på NAV i 7 år").codes.map((c) => c.code)).toEqual(["time"]);
  });

  it("a note given as Nynorsk is coded in Bokmål too", () => {
    expect(code("Eg fekk innsikt", "nn").codes.map((c) => c.code)).toEqual(["knowledge_sharing"]);
  });

  it("an undetermined note gets all of the codebook's languages", () => {
    const coded = code("innsikt insight");
    expect(coded.language).toBe("und");
    expect(coded.codes[0]!.evidence.map((e) => e.text)).toEqual(["innsikt", "insight"]);
  });

  it("codingLanguage maps any language onto the codebook's", () => {
    expect(codingLanguage("nn", ["nb", "en"])).toBe("nb");
    expect(codingLanguage("nb", ["nn"])).toBe("nn");
    expect(codingLanguage("en", ["nb", "nn"])).toBe("und");
    expect(codingLanguage("en", ["nb", "en"])).toBe("en");
  });

  it("codeNote's fast paths give the general path's language and codes", () => {
    const matcher = compileCodebook(nbOnly);
    for (const text of ["Fekk innsikt i mulighetene", "vert på NAV i 7 år", "innsikt insight", "She gave me insight"]) {
      const note = { id: "n", text };
      expect(codeNotes([note], matcher)[0]).toEqual(codeNoteGeneral(note, matcher, "auto"));
    }
  });
});
