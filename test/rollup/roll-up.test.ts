import { describe, expect, it } from "vitest";
import { codeNotes, parseCodebook, rollUp, shorten, unwrap, type NoteInput } from "../../src/index.ts";

const codebook = unwrap(
  parseCodebook(`
id: mini
title: {nb: Mini, en: Mini}
languages: [nb]
categories:
  - {id: relational, label: {nb: Betydningen av det relasjonelle, en: The importance of the relational}}
  - {id: knowledge, label: {nb: Betydningen av kunnskap, en: The importance of knowledge}}
codes:
  - {id: time, category: relational, label: {nb: Tid, en: Time}, definition: Tid, terms: [tid]}
  - {id: relation, category: relational, label: {nb: Relasjon, en: Relation}, definition: R, terms: [tillit*], barrierTerms: ["ny saksbehandler"]}
  - {id: knowledge, category: knowledge, label: {nb: Kunnskap, en: Knowledge}, definition: K, terms: [kunnskap*]}
polarity:
  negation: {terms: [ikke, aldri], window: 2}
`),
);

// Hand-checked: seminar A has groups 1 and 2, seminar B group 1 (a different group from A's 1).
const notes: NoteInput[] = [
  { id: "a1", seminar: "A", group: "1", participant: "P1", text: "Hun tok seg tid til meg" },
  { id: "a2", seminar: "A", group: "1", participant: "P1", text: "Tillit og tid" },
  { id: "a3", seminar: "A", group: "1", participant: "P2", text: "De hadde aldri tid" },
  { id: "a4", seminar: "A", group: "2", participant: "P3", text: "Ny saksbehandler hver gang" },
  { id: "a5", seminar: "A", group: "2", text: "Kaffe og vafler" },
  { id: "b1", seminar: "B", group: "1", participant: "P1", text: "Veilederen hadde kunnskap om systemet og tok seg tid" },
  { id: "b2", seminar: "B", group: "1", participant: "P2", text: "Tillit" },
];

describe("rollUp()", () => {
  const summary = rollUp(codeNotes(notes, codebook, { language: "nb" }), codebook, { language: "nb" });
  const code = (id: string) => summary.categories.flatMap((c) => c.codes).find((c) => c.id === id)!;

  it("counts notes, participants, groups and seminars per code (hand-checked)", () => {
    expect(code("time")).toMatchObject({ notes: 4, participants: 3, groups: 2, seminars: 2, helpful: 3, barrier: 1 });
    expect(code("time").share).toBeCloseTo(4 / 7, 10);
    expect(code("relation")).toMatchObject({ notes: 3, participants: 3, groups: 3, seminars: 2, helpful: 2, barrier: 1 });
    expect(code("knowledge")).toMatchObject({ notes: 1, participants: 1, groups: 1, seminars: 1, helpful: 1, barrier: 0 });
  });

  it("counts a category's notes once even when several of its codes apply", () => {
    const relational = summary.categories.find((c) => c.id === "relational")!;
    expect(relational).toMatchObject({ label: "Betydningen av det relasjonelle", notes: 6, helpful: 4, barrier: 2 });
  });

  it("lists the notes no code matched and the totals", () => {
    expect(summary.uncoded.map((u) => u.note)).toEqual(["a5"]);
    expect(summary.totals).toEqual({ notes: 7, coded: 6, uncoded: 1, participants: 5, groups: 3, seminars: 2 });
  });

  it("chooses quotes from different participants first and includes a barrier", () => {
    const quotes = code("time").quotes;
    expect(quotes).toHaveLength(3);
    const who = quotes.map((q) => `${q.seminar}/${q.participant}`);
    expect(new Set(who).size).toBe(3);
    expect(quotes.some((q) => q.polarity === "barrier")).toBe(true);
    expect(quotes[0]?.attribution).toMatch(/^Seminar [AB], gruppe 1, deltaker P\d$/u);
  });

  it("is deterministic and records provenance hashes", () => {
    const again = rollUp(codeNotes(notes, codebook, { language: "nb" }), codebook, { language: "nb" });
    expect(JSON.stringify(again)).toBe(JSON.stringify(summary));
    expect(summary.codebook.hash).toMatch(/^[0-9a-f]{64}$/u);
    expect(summary.inputHash).toMatch(/^[0-9a-f]{64}$/u);
  });

  it("labels in the language asked for and applies a redaction function to quotes", () => {
    const en = rollUp(codeNotes(notes, codebook), codebook, { language: "en", redact: (t) => t.replace(/Tillit/gu, "[x]") });
    expect(en.categories[0]?.label).toBe("The importance of the relational");
    expect(en.categories[0]?.codes.find((c) => c.id === "relation")?.quotes.map((q) => q.text)).toContain("[x]");
  });
});

describe("shorten()", () => {
  it("cuts long quotes at word boundaries around the evidence, never inside a word", () => {
    const text = "Det var mye styr i starten med søknader og papirer, men veilederen min tok seg alltid god tid til å forklare alt sammen for meg etterpå.";
    const short = shorten(text, "god tid", 60);
    expect(short.length).toBeLessThanOrEqual(62);
    expect(short).toContain("god tid");
    expect(short.startsWith("…") && short.endsWith("…")).toBe(true);
    const words = new Set(text.split(/\s+/u).map((w) => w.replace(/[.,]/gu, "")));
    for (const w of short.replace(/…/gu, "").split(/\s+/u)) expect(words.has(w.replace(/[.,]/gu, ""))).toBe(true);
  });

  it("leaves short quotes alone", () => {
    expect(shorten("Tillit!", "Tillit", 100)).toBe("Tillit!");
  });
});
