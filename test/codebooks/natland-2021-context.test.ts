// The default codebook on the cases issue #12 names: paraphrases it must find, theme words used
// about something else it must leave, and polarity (negation that negates nothing, irony, a wish
// beside a stated lack, cues in the next sentence). Each expectation was checked by hand against
// the coding manual (../shared/gold/MANUAL.md).
import { describe, expect, it } from "vitest";
import { codeNotes, loadCodebook, type Codebook } from "../../src/index.ts";

const codebook: Codebook = await loadCodebook("natland-2021");

/** The note's themes as `code:polarity`, in codebook order. */
function themes(text: string, language?: "nb" | "nn" | "en"): string[] {
  const coded = codeNotes([{ id: "n", text, ...(language ? { language } : {}) }], codebook)[0]!;
  return coded.codes.map((c) => `${c.code}:${c.polarity}`);
}

describe("natland-2021 finds paraphrases of the themes", () => {
  it.each([
    ["han ringte bare for å høre åssen det gikk", ["relation:helpful"]],
    ["HAN TROR PÅ MEG NÅR JEG SIER NOE", ["relation:helpful"]],
    ["veilederen strakk seg litt på reglene", ["choice:helpful"]],
    ["har gått det samme kurset 4 ganger", ["choice:barrier"]],
    ["she know what papirer I need before I ask", ["knowledge:helpful"]],
    ["treng ikkje forklare alt på nytt", ["relation:helpful"]],
  ])("%s", (text, expected) => {
    expect(themes(text)).toEqual(expected);
  });
});

describe("natland-2021 leaves theme words used about something else", () => {
  it.each([
    "kunnskapen min om traktorer har jeg fra bestefar",
    "samarbeid med naboen om snømåking",
    "Har ikke tid til hobbyer lenger med tre unger og hund",
    "Prosjektet er meldt til NSD, og alle informantene har gitt skriftlig informert samtykke.",
    "Hvordan var det å bytte saksbehandler?",
  ])("%s", (text) => {
    expect(themes(text)).toEqual([]);
  });

  it("but codes the same words about the helper", () => {
    expect(themes("Veilederen hadde mye kunnskap om systemet")).toEqual(["knowledge:helpful"]);
    expect(themes("Godt samarbeid med veilederen min")).toEqual(["reciprocity:helpful"]);
    expect(themes("Veilederen hadde ikke tid til meg")).toEqual(["time:barrier"]);
  });
});

describe("natland-2021 polarity", () => {
  it("a negation that negates nothing ('ikke bare') leaves the mention helpful", () => {
    expect(themes("Ikke bare hyggelig, hun kunne faget.")).toEqual(["relation:helpful", "knowledge:helpful"]);
  });

  it("a cue in the next sentence: waiting, then nobody answers, is a barrier only", () => {
    expect(themes("Har ventet i tre uker på svar. Ingen tar telefonen.")).toEqual(["time:barrier"]);
  });

  it("irony: a short ironic tag turns the mention before it", () => {
    expect(themes("jeg venta på et kurs i fire måneder. Kjempeflott, liksom.")).toEqual(["time:barrier"]);
    expect(themes("Veldig god oppfølging, liksom.")).toEqual(["time:barrier"]);
    // "liksom" inside a longer sentence is a filler word, not irony.
    expect(themes("Hun tok seg god tid, liksom, og hørte på alt jeg hadde å si om saken min.")).toContain("time:helpful");
  });

  it("a wish names what helps; beside a stated lack it is a barrier", () => {
    expect(themes("Skulle ønske de hadde mer tid til oss.")).toEqual(["time:helpful"]);
    expect(themes("Skulle ønske de hadde mer tid. De har aldri tid til oss.")).toEqual(["time:barrier"]);
  });

  it("both sides of a theme in one clause are a barrier; across a contrast word they are both", () => {
    expect(themes("Måtte vente 5 uker på svar på en enkel mail")).toEqual(["time:barrier"]);
    expect(themes("Før tok hun seg god tid, men nå har ingen tid.")).toEqual(["time:helpful", "time:barrier"]);
  });
});
