import { describe, expect, it } from "vitest";
import { codeNotes, formatDiagnostic, parseCodebook, unwrap, type Codebook } from "../../src/index.ts";
import { codeNoteGeneral } from "../../src/match/code-note.ts";
import { compileCodebook } from "../../src/match/compile.ts";

const yaml = `
id: frames-demo
title: Frames
languages: [nb, en]
categories: [{id: c, label: C}]
frames:
  - id: helper
    terms: [veileder*, hun, han, "*legen"]
  - id: private-life
    terms: [nabo*, bestefar, hobby*]
    unless: [helper]
  - id: research
    terms: [informant*, studien]
    scope: note
  - id: question
    questions: true
notAbout: [private-life, research, question]
codes:
  - id: knowledge
    category: c
    label: Kunnskap
    definition: Hjelperens kunnskap
    about: [helper]
    terms: [kunnskap*, "kunne reglene"]
  - id: reciprocity
    category: c
    label: Gjensidighet
    definition: Samarbeid
    rules:
      - terms: [samarbeid*]
      - id: reciprocity.anywhere
        terms: [likeverdig*]
        notAbout: []
`;
const codebook: Codebook = unwrap(parseCodebook(yaml, { file: "frames.yaml" }));
const codesOf = (text: string) => codeNotes([{ id: "n", text, language: "nb" }], codebook)[0]!.codes.map((c) => c.code);

describe("frames: what a match must be about", () => {
  it("about: keeps a match only with the frame named in its sentence", () => {
    expect(codesOf("Veilederen hadde mye kunnskap om systemet")).toEqual(["knowledge"]);
    expect(codesOf("Mye kunnskap om traktorer")).toEqual([]);
    // The frame must be in the match's own sentence.
    expect(codesOf("Veilederen var grei. Mye kunnskap om traktorer.")).toEqual([]);
  });

  it("notAbout: drops a match in a sentence about a frame, and only in that sentence", () => {
    expect(codesOf("Samarbeid med naboen om snømåking")).toEqual([]);
    expect(codesOf("Godt samarbeid med Nav")).toEqual(["reciprocity"]);
    expect(codesOf("Naboen hjalp meg. Godt samarbeid med Nav.")).toEqual(["reciprocity"]);
  });

  it("unless: a frame does not count where a frame that outweighs it is there too", () => {
    expect(codesOf("Samarbeid med naboen og veilederen")).toEqual(["reciprocity"]);
  });

  it("a frame with scope note counts anywhere in the note; a question frame takes sentences ending with '?'", () => {
    expect(codesOf("Informantene ble rekruttert. Samarbeid er viktig.")).toEqual([]);
    expect(codesOf("Hvordan var samarbeidet med Nav?")).toEqual([]);
    expect(codesOf("Hvordan var det? Samarbeidet var godt.")).toEqual(["reciprocity"]);
  });

  it("a rule's own notAbout (here empty) overrides the codebook's", () => {
    expect(codesOf("Et likeverdig forhold til naboen")).toEqual(["reciprocity"]);
  });

  it("a frame term that is part of the match does not count", () => {
    const withLegen = unwrap(parseCodebook(yaml.replace('terms: [nabo*, bestefar, hobby*]', 'terms: [nabo*, bestefar, hobby*, "reglene"]'), { file: "f.yaml" }));
    const coded = codeNotes([{ id: "n", text: "Han kunne reglene", language: "nb" }], withLegen)[0]!;
    expect(coded.codes.map((c) => c.evidence[0]!.text)).toEqual(["kunne reglene"]);
  });

  it("codeNote gives what the general path gives", () => {
    const matcher = compileCodebook(codebook);
    for (const text of ["Veilederen hadde kunnskap", "Samarbeid med naboen", "Hvordan var samarbeidet?", "likeverdig hobby"]) {
      const note = { id: "n", text, language: "nb" as const };
      expect(codeNotes([note], matcher)[0]).toEqual(codeNoteGeneral(note, matcher, "auto"));
    }
  });

  it("an unknown frame is a located error, a frame without terms or questions a warning", () => {
    const bad = parseCodebook(yaml.replace("about: [helper]", "about: [helpers]").replace("  - id: question\n    questions: true", "  - id: question"), { file: "frames.yaml" });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      'frames.yaml:15:5: warning: Invalid codebook "frames-demo": frame "question" has no terms and does not take questions, so no sentence is ever in it (field "frames.3") [codebook-empty-frame]',
      'frames.yaml:22:13: Invalid codebook "frames-demo": code "knowledge" names frame "helpers", which is not defined (field "codes.0.about.0") [codebook-unknown-frame]',
    ]);
  });
});
