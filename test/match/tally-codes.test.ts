import { describe, expect, it } from "vitest";
import { parseCodebook } from "../../src/codebook/parse.ts";
import { codeNotes, rollUp, tallyCodes, unwrap } from "../../src/index.ts";

// A codebook without cues or conditions (every rule hit is a candidate): counting takes its short
// path, which resolves overlaps only where a code came with both polarities.
const CODEBOOK = unwrap(
  parseCodebook(
    [
      "id: plain",
      "title: Plain",
      'version: "1"',
      "languages: [nb]",
      "categories:",
      "  - { id: c, label: C }",
      "codes:",
      "  - { id: time, category: c, label: Tid, definition: Tid., barrierTerms: [tid], rules: [{ terms: [god tid], polarity: helpful }] }",
      "  - { id: info, category: c, label: Info, definition: Info., terms: [informasjon*, '*informasjon'] }",
    ].join("\n"),
  ),
);

const NOTES = [
  { id: "1", text: "Vi fikk god tid." }, // "god tid" (helpful) wins over the barrier "tid" inside it
  { id: "2", text: "Kort tid." }, // barrier only
  { id: "3", text: "God tid, men kort tid og informasjon." }, // both polarities, at different places
  { id: "4", text: "Ingen treff her." },
  { id: "5", text: "Informasjonen og saksinformasjon." },
];

describe("tallyCodes() on a codebook without cues", () => {
  it("counts what rollUp() counts, helpful and barrier apart, overlaps resolved", async () => {
    const tallies = await tallyCodes(NOTES, CODEBOOK, { language: "nb" });
    expect(tallies.codes.map((t) => [t.code, t.notes, t.helpful, t.barrier])).toEqual([
      ["time", 3, 2, 2],
      ["info", 2, 2, 0],
    ]);
    const summary = rollUp(codeNotes(NOTES, CODEBOOK, { language: "nb" }), CODEBOOK);
    const byCode = new Map(summary.categories.flatMap((c) => c.codes).map((c) => [c.id, [c.id, c.notes, c.helpful, c.barrier]]));
    expect(tallies.codes.map((t) => [t.code, t.notes, t.helpful, t.barrier])).toEqual([byCode.get("time"), byCode.get("info")]);
    expect([tallies.notes, tallies.coded]).toEqual([5, 4]);
  });
});
