import { describe, expect, it } from "vitest";
import {
  codeNotes,
  compileCodebook,
  loadCodebook,
  readNotes,
  readCodebook,
  type Codebook,
  type Example,
  type Polarity,
} from "../../src/index.ts";

const codebook: Codebook = await loadCodebook("natland-2021");
const matcher = compileCodebook(codebook);

const THEMES = ["relation", "reciprocity", "choice", "time", "knowledge", "knowledge_sharing"] as const;

type Lang = "nb" | "nn" | "en";
interface Case {
  code: string;
  text: string;
  lang: Lang | undefined;
  polarity: Polarity | undefined;
}

function asCase(code: string, example: Example): Case {
  return typeof example === "string"
    ? { code, text: example, lang: undefined, polarity: undefined }
    : { code, text: example.text, lang: example.lang, polarity: example.polarity };
}

/** Codes one text through the public engine, in its language when given. */
function code(text: string, lang?: Lang) {
  const [coded] = codeNotes([{ id: "t", text, ...(lang ? { language: lang } : {}) }], matcher);
  return coded!;
}

/** The codes of a text as `code:polarity`, in the engine's order. */
function applied(text: string, lang?: Lang): string[] {
  return code(text, lang).codes.map((a) => `${a.code}:${a.polarity}`);
}

const examples: Case[] = codebook.codes.flatMap((c) => c.examples.map((e) => asCase(c.id, e)));
const nonExamples: Case[] = codebook.codes.flatMap((c) => c.nonExamples.map((e) => asCase(c.id, e)));

describe("natland-2021: the bundled codebook", () => {
  it("loads by name without errors or warnings", async () => {
    const result = await readCodebook("natland-2021");
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it("has the six themes of Natland (2021) in the two categories of domain.md", () => {
    expect(codebook.id).toBe("natland-2021");
    expect(codebook.languages).toEqual(["nb", "nn", "en"]);
    expect(codebook.categories.map((c) => c.id)).toEqual(["relational", "knowledge"]);
    expect(codebook.categories.map((c) => (c.label as Record<string, string>)["nb"])).toEqual([
      "Betydningen av det relasjonelle",
      "Betydningen av kunnskap",
    ]);
    expect(codebook.codes.map((c) => [c.id, c.category])).toEqual([
      ["relation", "relational"],
      ["reciprocity", "relational"],
      ["choice", "relational"],
      ["time", "relational"],
      ["knowledge", "knowledge"],
      ["knowledge_sharing", "knowledge"],
    ]);
  });

  it.each(THEMES)("documents %s in nb, nn and en with 4-8 examples and 2-4 non-examples", (id) => {
    const c = codebook.codes.find((x) => x.id === id)!;
    expect(Object.keys(c.label as object).sort()).toEqual(["en", "nb", "nn"]);
    expect(Object.keys(c.definition as object).sort()).toEqual(["en", "nb"]);
    expect(c.include.length).toBeGreaterThan(0);
    expect(c.exclude.length).toBeGreaterThan(0);
    expect(c.examples.length).toBeGreaterThanOrEqual(4);
    expect(c.examples.length).toBeLessThanOrEqual(8);
    expect(c.nonExamples.length).toBeGreaterThanOrEqual(2);
    expect(c.nonExamples.length).toBeLessThanOrEqual(4);
    const langs = new Set(c.examples.map((e) => asCase(id, e).lang));
    expect([...langs].sort()).toEqual(["en", "nb", "nn"]);
    expect(c.examples.some((e) => asCase(id, e).polarity === "barrier")).toBe(true);
  });
});

describe("natland-2021: worked examples", () => {
  it.each(examples.map((e) => [e.code, e.text, e] as const))("%s finds its example: %s", (_code, _text, e) => {
    const found = code(e.text, e.lang).codes.filter((a) => a.code === e.code);
    expect(found.length, `no ${e.code} in "${e.text}"`).toBeGreaterThan(0);
    if (e.polarity) expect(found.map((a) => a.polarity)).toContain(e.polarity);
  });

  it.each(nonExamples.map((e) => [e.code, e.text, e] as const))("%s does not find its non-example: %s", (_code, _text, e) => {
    const found = code(e.text, e.lang).codes.filter((a) => a.code === e.code);
    expect(found.map((a) => a.evidence.map((v) => v.text))).toEqual([]);
  });

  it("cuts every piece of evidence out of the example's own text", () => {
    for (const e of examples) {
      for (const application of code(e.text, e.lang).codes) {
        for (const evidence of application.evidence) {
          expect(e.text.slice(evidence.start, evidence.end)).toBe(evidence.text);
        }
      }
    }
  });
});

describe("natland-2021: how people talk (hand-checked expectations)", () => {
  it("does not take time idioms for the time theme", () => {
    expect(applied("Byttet saksbehandler hele tiden")).toEqual(["relation:barrier"]);
    expect(applied("Jeg har alltid vært redd for NAV")).toEqual([]);
    expect(applied("Tenker mye på fremtiden")).toEqual([]);
    expect(applied("Tidligere var det verre")).toEqual([]);
    expect(applied("Fra tid til annen går det bra")).toEqual([]);
  });

  it("turns a negated or lacking mention into a barrier", () => {
    expect(applied("Veilederen hadde ikke tid")).toEqual(["time:barrier"]);
    expect(applied("Hun tok seg aldri tid til meg")).toEqual(["time:barrier"]);
    expect(applied("Fikk ingen informasjon")).toEqual(["knowledge_sharing:barrier"]);
    expect(applied("Mangel på informasjon om rettighetene mine")).toEqual(["knowledge_sharing:barrier"]);
    expect(applied("Eg fekk ikkje informasjon", "nn")).toEqual(["knowledge_sharing:barrier"]);
    expect(applied("She didn't listen to me", "en")).toEqual(["relation:barrier"]);
    expect(applied("Nobody told me anything", "en")).toEqual(["knowledge_sharing:barrier"]);
  });

  it("keeps phrases whose negation is the point helpful", () => {
    expect(applied("Ble ikke presset")).toEqual(["choice:helpful"]);
    expect(applied("Kort ventetid")).toEqual(["time:helpful"]);
    expect(applied("Slapp å vente")).toEqual(["time:helpful"]);
    expect(applied("Ingen dømte meg")).toEqual(["relation:helpful"]);
    expect(applied("Jeg ble ikke bare en sak")).toEqual(["relation:helpful"]);
    expect(applied("Nobody pushed me", "en")).toEqual(["choice:helpful"]);
  });

  it("finds barriers named by their own words", () => {
    expect(applied("Ny veileder hver gang")).toEqual(["relation:barrier"]);
    expect(applied("Altfor lang ventetid")).toEqual(["time:barrier"]);
    expect(applied("Uforståelige brev")).toEqual(["knowledge_sharing:barrier"]);
    expect(applied("Ble kasteball mellom etatene")).toEqual(["knowledge:barrier"]);
    expect(applied("Passet ikke inn i A4-boksen")).toEqual(["choice:barrier"]);
    expect(applied("New caseworker every time", "en")).toEqual(["relation:barrier"]);
  });

  it("matches inside and at the end of Norwegian compounds", () => {
    expect(applied("Saksbehandlingstiden var på ni måneder")).toEqual(["time:barrier"]);
    expect(applied("Telefonkøen var uendelig")).toEqual(["time:barrier"]);
    expect(applied("Fagkunnskapen var god")).toEqual(["knowledge:helpful"]);
    expect(applied("Tillitsforholdet betydde alt")).toEqual(["relation:helpful"]);
    expect(applied("Mistillit fra første møte")).toEqual(["relation:barrier"]);
    expect(applied("Tilgjenglighet")).toEqual(["time:helpful"]);
  });

  it("tells collaboration with the user from collaboration between agencies", () => {
    expect(applied("Godt samarbeid med veilederen")).toEqual(["reciprocity:helpful"]);
    expect(applied("Godt samarbeid mellom NAV og kommunen")).toEqual(["knowledge:helpful"]);
    expect(applied("We worked together on my plan", "en")).toEqual(["reciprocity:helpful"]);
    expect(applied("The GP and the council worked together", "en")).toEqual(["knowledge:helpful"]);
  });

  it("codes a Norwegian note even when it is coded as English", () => {
    expect(applied("Hyggelige folk i skranken", "en")).toEqual(["relation:helpful"]);
    expect(applied("Fikk ikke informasjon", "en")).toEqual(["knowledge_sharing:barrier"]);
  });

  it("keeps Norwegian words that are also English words out of English notes", () => {
    expect(applied("Nobody told me I could claim travel costs", "en")).toEqual(["knowledge_sharing:barrier"]);
    expect(applied("She was always pressed for time", "en")).toEqual(["time:barrier"]);
  });

  it("codes Nynorsk notes that the detector reads as Bokmål", () => {
    // No Nynorsk marker word: detected as nb, yet the Nynorsk form is found.
    expect(applied("Saksbehandlar tilgjengeleg heile veka")).toEqual(["time:helpful"]);
    expect(code("Saksbehandlar tilgjengeleg heile veka").language).toMatch(/^(nb|nn)$/);
  });
});

/** Cohen's kappa of two binary codings. */
function kappa(tp: number, fp: number, fn: number, tn: number): number {
  const n = tp + fp + fn + tn;
  const po = (tp + tn) / n;
  const pe = ((tp + fp) / n) * ((tp + fn) / n) + ((fn + tn) / n) * ((fp + tn) / n);
  return (po - pe) / (1 - pe);
}

describe("natland-2021: agreement with the hand-coded fixtures", () => {
  const sets = {
    norwegian: ["fixtures/seminars/city-seminar.csv", "fixtures/seminars/rural-seminar.csv"],
    english: ["fixtures/english/seminar-en.csv"],
  };
  it.each(Object.entries(sets))("agrees with hand coding on the %s seminars (kappa >= 0.6 per theme)", async (_name, files) => {
    const loaded = await readNotes(files.map((f) => new URL(`../../${f}`, import.meta.url).pathname));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const { notes, codings } = loaded.value;
    const hand = new Set(codings.filter((c) => c.coder === "hand").map((c) => `${c.note}\u0000${c.code}`));
    const machine = new Set(codeNotes(notes, matcher).flatMap((c) => c.codes.map((a) => `${c.note.id}\u0000${a.code}`)));
    for (const theme of THEMES) {
      let tp = 0, fp = 0, fn = 0, tn = 0;
      for (const note of notes) {
        const h = hand.has(`${note.id}\u0000${theme}`);
        const m = machine.has(`${note.id}\u0000${theme}`);
        if (h && m) tp++;
        else if (m) fp++;
        else if (h) fn++;
        else tn++;
      }
      expect(kappa(tp, fp, fn, tn), theme).toBeGreaterThanOrEqual(0.6);
    }
  });
});
