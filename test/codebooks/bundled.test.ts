import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { compareCodings, type Comparison } from "../../src/agreement/compare-codings.ts";
import { CodebookSchema, type Codebook, type Example, type LocalizedText, type TermList } from "../../src/codebook/codebook.ts";
import { listBundledCodebooks, mergeCodebooks, readCodebook } from "../../src/codebook/load.ts";
import { parseCodebook } from "../../src/codebook/parse.ts";
import { unwrap } from "../../src/diagnostics/result.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { loadNotes } from "../../src/notes/read-notes.ts";
import { LANGUAGES } from "../../src/text/language.ts";
import { THEMES, TARGET, crosswalkMarkdown, readCrosswalkCodebooks } from "../../scripts/crosswalk.mjs";

/** The codebooks of issue 7, bundled beside the default natland-2021. */
const NAMES = ["ljungberg-2015", "institutional-logics", "barriers", "keys-to-good-experiences"] as const;
type Name = (typeof NAMES)[number];

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const natlandBundled = existsSync(root("codebooks/natland-2021.yaml"));

/**
 * Agreement floors, measured and then set a little below what the rules reach, so a change that
 * makes a codebook worse fails. `tuned`: the fixture the rules were revised against after a first
 * run (optimistic). `holdout`: notes written and hand-coded after the rules were final, run once,
 * never tuned on: the honest figure. Pooled over all note × code decisions.
 */
const FLOORS: Record<Name, { tuned: { kappa: number; percent: number }; holdout: { kappa: number; percent: number } }> = {
  "ljungberg-2015": { tuned: { kappa: 0.95, percent: 0.99 }, holdout: { kappa: 0.35, percent: 0.9 } },
  "institutional-logics": { tuned: { kappa: 0.95, percent: 0.99 }, holdout: { kappa: 0.6, percent: 0.87 } },
  barriers: { tuned: { kappa: 0.95, percent: 0.99 }, holdout: { kappa: 0.5, percent: 0.94 } },
  "keys-to-good-experiences": { tuned: { kappa: 0.95, percent: 0.99 }, holdout: { kappa: 0.6, percent: 0.95 } },
};

async function bundled(name: string): Promise<Codebook> {
  const result = await readCodebook(name);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.reason).join("\n"));
  return result.value;
}

function hasAllLanguages(text: LocalizedText): boolean {
  return typeof text !== "string" && LANGUAGES.every((l) => (text[l] ?? "").trim() !== "");
}

function termLanguages(terms: TermList | undefined): string[] {
  if (terms === undefined) return [];
  return Array.isArray(terms) ? [...LANGUAGES] : LANGUAGES.filter((l) => (terms[l] ?? []).length > 0);
}

function asExample(example: Example): { text: string; lang?: "nb" | "nn" | "en"; polarity?: "helpful" | "barrier" } {
  return typeof example === "string" ? { text: example } : example;
}

/** Applications of `code` on one text coded alone. */
function applications(codebook: Codebook, code: string, example: Example) {
  const ex = asExample(example);
  const [coded] = codeNotes([{ id: "example", text: ex.text }], codebook, { language: ex.lang ?? "auto" });
  return coded!.codes.filter((a) => a.code === code);
}

async function agreement(codebook: Codebook, file: string): Promise<Comparison> {
  const loaded = (await loadNotes(root(file)));
  const coded = codeNotes(loaded.notes, codebook);
  return compareCodings(loaded, coded, { codebook, interval: false });
}

function printAgreement(label: string, result: Comparison): void {
  const f = (x: number) => (Number.isNaN(x) ? "  n/a" : x.toFixed(2).padStart(5));
  const rows = result.codes.map((c) => `  ${c.code.padEnd(26)} agreement ${f(c.percentAgreement)}  kappa ${f(c.kappa)}  (hand ${c.applied["hand"]}, kodebok ${c.applied["kodebok"]})`);
  console.log(
    `${label}: ${result.universe.notes.length} notes, pooled percent agreement ${f(result.overall.percentAgreement)}, Cohen's kappa ${f(result.overall.kappa)}\n${rows.join("\n")}`,
  );
}

describe("bundled codebooks of the field's other frameworks", () => {
  it("listBundledCodebooks() lists each of them with its size and three languages", async () => {
    const list = await listBundledCodebooks();
    for (const name of NAMES) {
      const entry = list.find((c) => c.name === name);
      expect(entry, name).toBeDefined();
      expect(entry!.languages).toEqual(["nb", "nn", "en"]);
    }
    expect(list.find((c) => c.name === "ljungberg-2015")).toMatchObject({ codes: 10, categories: 2 });
    expect(list.find((c) => c.name === "institutional-logics")).toMatchObject({ codes: 4, categories: 1 });
    expect(list.find((c) => c.name === "barriers")).toMatchObject({ codes: 13, categories: 2 });
    expect(list.find((c) => c.name === "keys-to-good-experiences")).toMatchObject({ codes: 15, categories: 4 });
  });

  for (const name of NAMES) {
    describe(name, () => {
      it("validates against CodebookSchema and loads by name without warnings", async () => {
        const raw = YAML.parse(readFileSync(root(`codebooks/${name}.yaml`), "utf8"));
        expect(CodebookSchema.safeParse(raw).success).toBe(true);
        const result = await readCodebook(name);
        expect(result.ok).toBe(true);
        expect(result.diagnostics.map((d) => d.reason)).toEqual([]);
        expect(result.ok && result.value.id).toBe(name);
      });

      it("has titles, labels and definitions in nb, nn and en, a reference, and rules in all three languages", async () => {
        const codebook = await bundled(name);
        expect(hasAllLanguages(codebook.title)).toBe(true);
        expect(codebook.reference ?? "").toMatch(/\(20\d\d\)/u);
        for (const category of codebook.categories) expect(hasAllLanguages(category.label), category.id).toBe(true);
        for (const code of codebook.codes) {
          expect(hasAllLanguages(code.label), code.id).toBe(true);
          expect(hasAllLanguages(code.definition), code.id).toBe(true);
          expect(code.include.length, code.id).toBeGreaterThan(0);
          expect(code.exclude.length, code.id).toBeGreaterThan(0);
          const langs = new Set([...termLanguages(code.terms), ...code.rules.flatMap((r) => termLanguages(r.terms))]);
          expect([...langs].sort(), code.id).toEqual(["en", "nb", "nn"]);
        }
      });

      it("has 3-6 examples per code covering nb, nn and en, and at least one non-example", async () => {
        const codebook = await bundled(name);
        for (const code of codebook.codes) {
          expect(code.examples.length, code.id).toBeGreaterThanOrEqual(3);
          expect(code.examples.length, code.id).toBeLessThanOrEqual(6);
          expect(new Set(code.examples.map((e) => asExample(e).lang)), code.id).toEqual(new Set(["nb", "nn", "en"]));
          expect(code.nonExamples.length, code.id).toBeGreaterThan(0);
        }
      });

      it("finds every example by its code (with the stated polarity) and no non-example", async () => {
        const codebook = await bundled(name);
        const missed: string[] = [];
        const wrong: string[] = [];
        for (const code of codebook.codes) {
          for (const example of code.examples) {
            const found = applications(codebook, code.id, example);
            const polarity = asExample(example).polarity;
            if (found.length === 0 || (polarity !== undefined && !found.some((a) => a.polarity === polarity))) {
              missed.push(`${code.id}: ${asExample(example).text}`);
            }
          }
          for (const example of code.nonExamples) {
            if (applications(codebook, code.id, example).length > 0) wrong.push(`${code.id}: ${asExample(example).text}`);
          }
        }
        expect(missed).toEqual([]);
        expect(wrong).toEqual([]);
      });

      it("agrees with the hand coding of its fixture notes", async () => {
        const codebook = await bundled(name);
        const result = await agreement(codebook, `fixtures/codebooks/${name}.csv`);
        printAgreement(`${name} (tuned fixture)`, result);
        expect(result.universe.notes.length).toBeGreaterThanOrEqual(30);
        expect(result.overall.kappa).toBeGreaterThanOrEqual(FLOORS[name].tuned.kappa);
        expect(result.overall.percentAgreement).toBeGreaterThanOrEqual(FLOORS[name].tuned.percent);
      });

      it("agrees with the hand coding of held-out notes it was never tuned on", async () => {
        const codebook = await bundled(name);
        const result = await agreement(codebook, `fixtures/codebooks/${name}-holdout.csv`);
        printAgreement(`${name} (held-out)`, result);
        expect(result.overall.kappa).toBeGreaterThanOrEqual(FLOORS[name].holdout.kappa);
        expect(result.overall.percentAgreement).toBeGreaterThanOrEqual(FLOORS[name].holdout.percent);
        // The rules err on the side of missing a code rather than inventing one.
        const c = result.overall.confusion!;
        expect(c.both / (c.both + c.onlyB)).toBeGreaterThanOrEqual(0.9);
      });

      it("relates every code to at least one natland-2021 theme", async () => {
        const codebook = await bundled(name);
        for (const code of codebook.codes) {
          expect(code.relatesTo.length, code.id).toBeGreaterThan(0);
          for (const target of code.relatesTo) {
            const [book, theme] = target.split(":");
            expect(book, `${code.id} → ${target}`).toBe(TARGET);
            expect(THEMES, `${code.id} → ${target}`).toContain(theme);
          }
        }
      });
    });
  }

  it("barriers: every rule has polarity barrier, and every coded fixture mention is a barrier", async () => {
    const codebook = await bundled("barriers");
    for (const code of codebook.codes) {
      expect(code.terms, code.id).toBeUndefined();
      expect(code.rules.length, code.id).toBeGreaterThan(0);
      for (const rule of code.rules) expect(rule.polarity, `${code.id} ${rule.id ?? ""}`).toBe("barrier");
      expect(code.relatesTo, code.id).toHaveLength(1);
    }
    const loaded = (await loadNotes(root("fixtures/codebooks/barriers.csv")));
    const polarities = new Set(codeNotes(loaded.notes, codebook).flatMap((c) => c.codes.map((a) => a.polarity)));
    expect([...polarities]).toEqual(["barrier"]);
  });

  it("ljungberg-2015: a negated mention of time is a barrier, a plain one helpful", async () => {
    const codebook = await bundled("ljungberg-2015");
    const [helpful, barrier] = codeNotes(
      [
        { id: "a", text: "Hun tok seg god tid til meg." },
        { id: "b", text: "Hun hadde ikke tid til meg." },
      ],
      codebook,
      { language: "nb" },
    );
    expect(helpful!.codes.map((a) => `${a.code}/${a.polarity}`)).toEqual(["time_availability/helpful"]);
    expect(barrier!.codes.map((a) => `${a.code}/${a.polarity}`)).toEqual(["time_availability/barrier"]);
  });
});

describe("docs/codebooks.md", () => {
  const doc = readFileSync(root("docs/codebooks.md"), "utf8");

  it("lists every bundled codebook with its title, codes, categories and languages", async () => {
    for (const entry of await listBundledCodebooks()) {
      const row = `| \`${entry.name}\` | ${entry.title} | ${entry.codes} | ${entry.categories} | ${entry.languages.join(", ")} |`;
      expect(doc, entry.name).toContain(row);
    }
  });

  it("its first example codes what it says", async () => {
    const [coded] = codeNotes([{ id: "n1", text: "Hun tok seg god tid og brydde seg om meg" }], await bundled("ljungberg-2015"));
    expect(coded!.codes.map((a) => `${a.code}/${a.polarity}`)).toEqual(["time_availability/helpful", "mattering/helpful"]);
    expect(doc).toContain("// coded[0].codes → time_availability (helpful), mattering (helpful)");
  });
});

describe("crosswalk to natland-2021", () => {
  const shared = ["../../../shared/domain.md", "../../../../shared/domain.md"]
    .map((p) => fileURLToPath(new URL(p, import.meta.url)))
    .find((p) => existsSync(p));

  it.skipIf(shared === undefined)("names the six themes of domain.md's table, in its order", () => {
    const table = readFileSync(shared!, "utf8");
    const ids = [...table.matchAll(/^\| ([a-z_]+) \| [^|]+ \| [^|]+ \| (?:relational|knowledge) \|$/gmu)].map((m) => m[1]);
    expect(THEMES).toEqual(ids);
  });

  it.skipIf(!natlandBundled)("points only at codes that exist in the bundled natland-2021", async () => {
    const natland = await bundled(TARGET);
    expect(natland.codes.map((c) => c.id)).toEqual(THEMES);
    const ids = new Set(natland.codes.map((c) => c.id));
    for (const name of NAMES) {
      for (const code of (await bundled(name)).codes) {
        for (const target of code.relatesTo) expect(ids.has(target.split(":")[1]!), `${name}:${code.id} → ${target}`).toBe(true);
      }
    }
  });

  it("docs/crosswalk.md is the table the codebooks' relatesTo entries give (node scripts/crosswalk.mjs)", () => {
    const codebooks = readCrosswalkCodebooks();
    expect(codebooks.map((c) => c.id)).toEqual(expect.arrayContaining([...NAMES]));
    expect(readFileSync(root("docs/crosswalk.md"), "utf8")).toBe(crosswalkMarkdown(codebooks));
  });

  /**
   * The core fixtures (two Norwegian seminars and an English one) are hand-coded with the
   * natland-2021 themes by a coder who never saw these codebooks. For every code one of our
   * codebooks finds there, the crosswalk predicts one or more themes; this is the share of those
   * mentions where the hand coder gave one of the predicted themes to the same note.
   */
  const CROSSWALK_FLOORS: Record<Name, number> = { "ljungberg-2015": 0.8, "institutional-logics": 0.6, barriers: 0.85, "keys-to-good-experiences": 0.8 };
  for (const name of NAMES) {
    it(`${name}: mentions found in the core fixtures land on a hand-coded natland-2021 theme through the crosswalk`, async () => {
      const codebook = await bundled(name);
      const themes = new Map(codebook.codes.map((c) => [c.id, c.relatesTo.map((r) => r.split(":")[1]!)]));
      let mentions = 0;
      let landed = 0;
      for (const file of ["fixtures/seminars/city-seminar.csv", "fixtures/seminars/rural-seminar.csv", "fixtures/english/seminar-en.csv"]) {
        const loaded = (await loadNotes(root(file)));
        const hand = new Map<string, Set<string>>();
        for (const c of loaded.codings) hand.set(c.note, (hand.get(c.note) ?? new Set()).add(c.code));
        for (const coded of codeNotes(loaded.notes, codebook)) {
          for (const application of coded.codes) {
            mentions++;
            if (themes.get(application.code)!.some((t) => hand.get(coded.note.id)?.has(t))) landed++;
          }
        }
      }
      console.log(`${name}: ${landed} of ${mentions} mentions in the core fixtures land on a hand-coded theme (${(landed / mentions).toFixed(2)})`);
      expect(mentions).toBeGreaterThan(10);
      expect(landed / mentions).toBeGreaterThanOrEqual(CROSSWALK_FLOORS[name]);
    });
  }

  it("the crosswalk table marks exactly the themes each code names", () => {
    const markdown = crosswalkMarkdown(readCrosswalkCodebooks());
    expect(markdown).toContain("| `time_availability` Time and availability | professional |  |  |  | ✓ |  |  |");
    expect(markdown).toContain("| `lack_of_information` Lack of information | knowledge_barriers |  |  |  |  |  | ✓ |");
    expect(markdown).toMatch(/\| `time` \| `lack_of_time`, `unreachable`, `long_waits` \| `organisational` \| `user_pace` \| `time_availability` \|/u);
  });
});

describe("extends: examples/codebooks/my-group.yaml", () => {
  const file = root("examples/codebooks/my-group.yaml");

  it("parses and, merged onto a base, keeps the base's categories and codes first and adds peer_support", () => {
    const extension = unwrap(parseCodebook(readFileSync(file, "utf8"), { file }));
    expect(extension.extends).toBe("natland-2021");
    const base = CodebookSchema.parse({
      id: "base",
      title: "Base",
      languages: ["nb"],
      categories: [{ id: "relational", label: "Relasjonelt" }],
      codes: [{ id: "relation", category: "relational", label: "Relasjon", definition: "Å bli sett", terms: ["tillit"] }],
    });
    const merged = mergeCodebooks(base, extension);
    expect(merged.categories.map((c) => c.id)).toEqual(["relational", "peer"]);
    expect(merged.codes.map((c) => c.id)).toEqual(["relation", "peer_support"]);
    expect(merged.languages).toEqual(["nb", "nn", "en"]);
    const [coded] = codeNotes([{ id: "n", text: "Tillit til erfaringskonsulenten, hun hadde vært der selv." }], merged, { language: "nb" });
    expect(coded!.codes.map((a) => a.code).sort()).toEqual(["peer_support", "relation"]);
  });

  it.skipIf(!natlandBundled)("loads by path on top of the bundled natland-2021 and finds its examples", async () => {
    const result = await readCodebook(file);
    expect(result.ok).toBe(true);
    const codebook = unwrap(result);
    const natland = await bundled(TARGET);
    expect(codebook.codes.map((c) => c.id)).toEqual([...natland.codes.map((c) => c.id), "peer_support"]);
    expect(codebook.categories.map((c) => c.id)).toEqual([...natland.categories.map((c) => c.id), "peer"]);
    const peer = codebook.codes.find((c) => c.id === "peer_support")!;
    for (const example of peer.examples) expect(applications(codebook, "peer_support", example).length, asExample(example).text).toBeGreaterThan(0);
    for (const example of peer.nonExamples) expect(applications(codebook, "peer_support", example)).toEqual([]);
  });
});
