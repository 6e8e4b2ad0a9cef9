import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CodebookSchema } from "../../src/codebook/codebook.ts";
import { parseCodings } from "../../src/codings/parse-codings.ts";
import { unwrap } from "../../src/diagnostics/result.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { loadNotes } from "../../src/notes/read-notes.ts";
import { compareCodings } from "../../src/agreement/compare-codings.ts";

const fixture = new URL("../../fixtures/seminars/city-seminar.csv", import.meta.url);

// A small stand-in for the default codebook: the six themes of domain.md with a few terms each.
const codebook = CodebookSchema.parse({
  id: "mini-natland",
  title: "Mini Natland",
  languages: ["nb", "nn", "en"],
  categories: [
    { id: "relational", label: "Betydningen av det relasjonelle" },
    { id: "knowledge", label: "Betydningen av kunnskap" },
  ],
  codes: [
    { id: "relation", category: "relational", label: "Relasjon", definition: "Å bli sett", terms: ["tillit", "respekt", "menneske", "saksbehandler"] },
    { id: "reciprocity", category: "relational", label: "Gjensidighet", definition: "Likeverd", terms: ["sammen", "gjensidig*"] },
    { id: "choice", category: "relational", label: "Valgmuligheter", definition: "Valg", terms: ["valg*", "tiltak*"] },
    { id: "time", category: "relational", label: "Tid", definition: "Tid", terms: ["tid", "*tid", "telefon*"] },
    { id: "knowledge", category: "knowledge", label: "Kunnskap", definition: "Kompetanse", terms: ["kunnskap*", "kartlegging*"] },
    { id: "knowledge_sharing", category: "knowledge", label: "Kunnskapsdeling", definition: "Informasjon", terms: ["informasjon*", "forklar*"] },
  ],
});

describe("compareCodings() on the city seminar fixture", () => {
  it("reads the hand codes (codes:hand) with parseCodings as loadNotes does", async () => {
    const loaded = (await loadNotes(fileURLToPath(fixture)));
    const text = await readFile(fixture, "utf8");
    const parsed = unwrap(parseCodings(text, { file: "city-seminar.csv", codebook, notes: loaded.notes }));
    expect(parsed.form).toBe("wide");
    expect(parsed.coders).toEqual(["hand"]);
    const triples = (cs: { note: string; coder: string; code: string }[]) => cs.map((c) => `${c.note}/${c.coder}/${c.code}`).sort();
    expect(triples(parsed.codings)).toEqual(triples(loaded.codings));
    // Every note row was seen by the hand coder, coded or not.
    expect(parsed.seen[0]!.notes).toHaveLength(loaded.notes.length);
  });

  it("compares the hand coder with kodebok over every note of the file", async () => {
    const loaded = (await loadNotes(fileURLToPath(fixture)));
    const coded = codeNotes(loaded.notes, codebook, { language: "nb" });
    const result = compareCodings(loaded, coded, { codebook, interval: { samples: 200, seed: 1 } });
    expect(result.coders).toEqual(["hand", "kodebok"]);
    expect(result.universe.notes).toHaveLength(loaded.notes.length);
    expect(result.oneSided).toEqual([]);
    for (const code of result.codes) {
      const c = code.confusion!;
      expect(c.both + c.onlyA + c.onlyB + c.neither).toBe(loaded.notes.length);
      expect(code.applied["hand"]).toBe(loaded.codings.filter((x) => x.code === code.code).length);
      for (const d of code.disagreements) expect(d.text).toBe(loaded.notes.find((n) => n.id === d.note)!.text);
    }
    expect(result.categories.map((c) => c.category)).toEqual(["relational", "knowledge"]);
    expect(result.overall.units).toBe(loaded.notes.length * 6);
    expect(result.overall.kappa).toBeGreaterThan(-1);
    expect(result.overall.kappa).toBeLessThan(1);
    expect(result.overall.kappaInterval!.lower).toBeLessThanOrEqual(result.overall.kappaInterval!.upper);
  });
});

