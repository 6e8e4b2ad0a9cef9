// The actors dimension of the bundled natland-2021 codebook: the actors of the gold set's coding
// manual, documented in nb, nn and en, with examples the rules find, and attribution on the
// issue's own example sentence.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { codeNotes, compileCodebook, lintCodebookExamples, loadCodebook, loadNotes, type Example, type LocalizedText } from "../../src/index.ts";
// @ts-expect-error plain JavaScript module of the benchmark
import { sharedDir } from "../../bench/shared-dir.mjs";

const codebook = await loadCodebook("natland-2021");
const actors = codebook.dimensions?.find((d) => d.id === "actors");
const all = (t: LocalizedText | undefined) => typeof t === "object" && ["nb", "nn", "en"].every((l) => (t as Record<string, string>)[l]);
const langOf = (e: Example) => (typeof e === "string" ? undefined : e.lang);
const actorsOf = (text: string, language?: "nb" | "nn" | "en") =>
  (codeNotes([{ id: "t", text, ...(language ? { language } : {}) }], codebook)[0]!.dimensions?.actors ?? []).map((a) => a.code);

describe("natland-2021: the actors dimension", () => {
  it("has the actors of the coding manual, in its order, and keeps the themes as they are", () => {
    expect(actors?.codes.map((c) => c.id)).toEqual(["nav", "gp", "psychiatrist", "psychologist", "dps", "rupo", "child_welfare", "voluntary", "private_provider", "municipal_other", "other"]);
    expect(codebook.codes.map((c) => c.id)).toEqual(["relation", "reciprocity", "choice", "time", "knowledge", "knowledge_sharing"]);
    expect(actors?.polarity).toBe(false);
    expect(actors?.defaultFrom).toContain("service");
  });

  it("documents every actor in nb, nn and en, with 3-6 examples in all three and a non-example, all found as documented", () => {
    expect(all(actors!.label)).toBeTruthy();
    for (const code of actors!.codes) {
      expect(all(code.label), code.id).toBeTruthy();
      expect(all(code.definition), code.id).toBeTruthy();
      expect(code.examples.length, code.id).toBeGreaterThanOrEqual(3);
      expect(code.examples.length, code.id).toBeLessThanOrEqual(6);
      expect(new Set(code.examples.map(langOf)), code.id).toEqual(new Set(["nb", "nn", "en"]));
      expect(code.nonExamples.length, code.id).toBeGreaterThan(0);
    }
    expect(lintCodebookExamples(codebook)).toEqual([]);
  });

  it("ties the theme to the actor in its own clause: «legen tok seg tid, men Nav ga blaffen»", () => {
    const [coded] = codeNotes([{ id: "1", text: "Legen tok seg tid, men Nav ga blaffen i meg", language: "nb" }], codebook);
    expect(coded!.codes.map((c) => `${c.code}:${c.polarity}`)).toContain("time:helpful");
    expect(coded!.attributions!.filter((a) => a.code === "time").map((a) => `${a.value}:${a.evidence.map((e) => e.text).join("|")}`)).toEqual(["gp:tok seg tid|Legen"]);
  });

  it("finds the services in Bokmål, Nynorsk and English, and not their look-alikes", () => {
    expect(actorsOf("Saksbehandleren min på Nav-kontoret", "nb")).toEqual(["nav"]);
    expect(actorsOf("Rettleiaren ringde meg kvar veke om AAP-søknaden", "nn")).toEqual(["nav"]);
    expect(actorsOf("Heimesjukepleia hadde ikkje tid", "nn")).toEqual(["municipal_other"]);
    expect(actorsOf("My GP and the caseworker at NAV talked to each other", "en")).toEqual(["nav", "gp"]);
    expect(actorsOf("The Salvation Army and the Red Cross gave us food", "en")).toEqual(["voluntary"]);
    // Nynorsk "har lege" is "has lain"; "kommuner" are places; "navnet" is a name; "psykologisk" is not a psychologist.
    expect(actorsOf("Tåka har lege nede i dalen", "nn")).toEqual([]);
    expect(actorsOf("Studien er gjort i to kommuner", "nb")).toEqual([]);
    expect(actorsOf("Hun husket navnet mitt", "nb")).toEqual([]);
    expect(actorsOf("Det var psykologisk tungt", "nb")).toEqual([]);
    // A doctor in a note about a hospital is the hospital's, not the GP.
    expect(actorsOf("At the hospital the doctor called from an unknown number", "en")).toEqual(["other"]);
  });

  it("screens notes with the rules' conditions left out, and codes the actors of the gold notes as the dimension's own matcher does", async () => {
    const loaded = { value: await loadNotes(join(sharedDir() as string, "gold", "notes.csv")) };
    const matcher = compileCodebook(codebook);
    const dimension = matcher.dimensions![0]!;
    expect(dimension.screen).toBeDefined();
    const coded = codeNotes(loaded.value.notes, matcher);
    // The same notes through the actors' full matcher, in the language each note was coded in.
    const direct = coded.map((c) => codeNotes([c.note], dimension.matcher, { language: c.language === "und" ? "auto" : c.language })[0]!);
    const codesOf = (list: readonly { code: string; evidence: readonly { start: number; end: number }[] }[]) =>
      [...new Set(list.map((a) => a.code))].sort().map((code) => `${code}@${list.filter((a) => a.code === code).flatMap((a) => a.evidence.map((e) => `${e.start}-${e.end}`)).sort().join(",")}`);
    expect(coded.map((c) => codesOf(c.dimensions!.actors!))).toEqual(direct.map((c) => codesOf(c.codes)));
    expect(coded.filter((c) => c.dimensions!.actors!.length > 0).length).toBeGreaterThan(200);
  });
});
