import { describe, expect, it } from "vitest";
import { codeNotes, compileCodebook, unwrap, parseCodebook, type Codebook, type CodedNote } from "../../src/index.ts";

const codebook: Codebook = unwrap(
  parseCodebook(`
id: demo
title: Demo
languages: [nb, nn, en]
categories:
  - {id: relational, label: Relasjonelt}
  - {id: knowledge, label: Kunnskap}
codes:
  - id: time
    category: relational
    label: Tid
    definition: Tid og tilgjengelighet
    terms:
      nb: [tid, "ta seg tid", "*ventetid", direktenummer*, "tilgjengelig*"]
      nn: [tid, "tilgjengeleg*"]
      en: [time, "took time"]
    barrierTerms: {nb: ["*ventetid"]}
    rules:
      - id: time.took
        terms: {nb: ["tok tid"]}
        gap: 2
  - id: relation
    category: relational
    label: Relasjon
    definition: Relasjon
    terms: [relasjon*, tillit*, "ble sett"]
    barrierTerms: {nb: ["ny saksbehandler", "byttet saksbehandler*"]}
  - id: choice
    category: relational
    label: Valg
    definition: Valgmuligheter
    rules:
      - terms: {nb: ["ikke presset"]}
      - id: choice.stem
        terms: {nb: [valgmulighet], en: [choose]}
        match: stem
      - id: choice.near
        terms: [bestemme]
        near: {terms: [selv, sjøl], within: 3}
  - id: knowledge
    category: knowledge
    label: Kunnskap
    definition: Kunnskap
    rules:
      - terms: [kunnskap*]
        notNear: {terms: [deling], within: 1}
      - id: knowledge.system
        terms: [systemet]
        notInNote: [kaffe*]
      - id: knowledge.regex
        terms: ["^kompetan(s|se)\\\\w*$"]
        match: regex
  - id: sharing
    category: knowledge
    label: Kunnskapsdeling
    definition: Kunnskapsdeling
    rules:
      - terms: [informasjon*, "*informasjon"]
        negation: exclude
polarity:
  negation: {terms: {nb: [ikke, aldri, ingen], nn: [ikkje, aldri], en: [not, never, "didn"]}, window: 3}
  barrier: {terms: {nb: ["mangel på", "for lite"], en: ["lack of"]}, window: 3}
`),
);

function codes(text: string, language: "nb" | "nn" | "en" | "auto" = "nb"): string[] {
  const [coded] = codeNotes([{ id: "n", text }], codebook, { language });
  return coded!.codes.map((c) => `${c.code}:${c.polarity}`);
}

function only(text: string, language: "nb" | "nn" | "en" = "nb"): CodedNote {
  return codeNotes([{ id: "n", text }], codebook, { language })[0]!;
}

describe("codeNotes() rule kinds", () => {
  it("matches a fixed word, a prefix glob and a multi-word phrase", () => {
    expect(codes("Jeg fikk tid")).toEqual(["time:helpful"]);
    expect(codes("God relasjonen til veilederen")).toEqual(["relation:helpful"]);
    expect(codes("Jeg ble sett")).toEqual(["relation:helpful"]);
  });

  it("finds a glob at the end of a compound, and a barrier term wins over a general term on the same words", () => {
    expect(codes("Lang ventetid")).toEqual(["time:barrier"]);
    expect(codes("Saksbehandlingsventetid på tre måneder")).toEqual(["time:barrier"]);
  });

  it("lets a phrase have a gap of up to N words", () => {
    const coded = only("Hun tok seg god tid til meg");
    expect(coded.codes[0]?.evidence[0]).toMatchObject({ rule: "time.took", text: "tok seg god tid" });
    expect(codes("Hun tok seg veldig god nok tid")).toEqual(["time:helpful"]); // "tid" alone still matches
    expect(only("Hun tok seg veldig god nok tid").codes[0]?.evidence[0]?.rule).toBe("time.terms");
  });

  it("matches on Snowball stems in the note's language", () => {
    expect(codes("Jeg fikk flere valgmuligheter")).toEqual(["choice:helpful"]);
    expect(codes("I could choose myself", "en")).toEqual(["choice:helpful"]);
    expect(codes("I chose the course", "en")).toEqual([]); // Porter: chose -> chose, not choos
  });

  it("requires a near term within the window", () => {
    expect(codes("Jeg fikk bestemme selv")).toEqual(["choice:helpful"]);
    expect(codes("De skulle bestemme det, og jeg var der selv")).toEqual([]);
  });

  it("drops a match with a notNear term close by, or a notInNote term anywhere", () => {
    expect(codes("Hun hadde kunnskap om regelverket")).toEqual(["knowledge:helpful"]);
    expect(codes("Kunnskap deling")).toEqual([]);
    expect(codes("Hun kjente systemet")).toEqual(["knowledge:helpful"]);
    expect(codes("Systemet for kaffekoking var dårlig")).toEqual([]);
  });

  it("tests regular expressions against tokens", () => {
    expect(codes("Stor kompetanse")).toEqual(["knowledge:helpful"]);
  });

  it("applies rules only to the notes in their language", () => {
    expect(codes("Eg fekk tid", "nn")).toEqual(["time:helpful"]);
    expect(codes("Ho var tilgjengeleg", "nn")).toEqual(["time:helpful"]);
    expect(codes("Ho var tilgjengeleg", "nb")).toEqual([]);
    expect(codes("She took time", "en")).toEqual(["time:helpful"]);
  });

  it("detects the language when asked to", () => {
    expect(codeNotes([{ id: "1", text: "Eg fekk ikkje nok tid" }], codebook, { language: "auto" })[0]?.language).toBe("nn");
  });
});

describe("codeNotes() polarity", () => {
  it("turns a negated mention into a barrier and names the cue", () => {
    const coded = only("De hadde aldri tid til meg");
    expect(coded.codes).toHaveLength(1);
    expect(coded.codes[0]).toMatchObject({ code: "time", polarity: "barrier" });
    expect(coded.codes[0]?.evidence[0]).toMatchObject({ text: "tid", cue: "aldri" });
  });

  it("counts a negation in a phrase's gap, but not one that is part of the term", () => {
    expect(codes("De tok seg ikke tid")).toEqual(["time:barrier"]);
    expect(codes("Jeg ble ikke presset")).toEqual(["choice:helpful"]);
  });

  it("does not let a negation in another sentence flip a mention", () => {
    expect(codes("Ikke bra vær. Men tid fikk jeg")).toEqual(["time:helpful"]);
  });

  it("uses barrier cues on either side and barrier terms", () => {
    expect(codes("Det var mangel på informasjon")).toEqual(["sharing:barrier"]);
    expect(codes("Tid var det for lite av")).toEqual(["time:barrier"]);
    expect(codes("Ny saksbehandler hver gang")).toEqual(["relation:barrier"]);
    expect(codes("There was a lack of time", "en")).toEqual(["time:barrier"]);
  });

  it("drops a negated match when the rule says exclude", () => {
    expect(codes("Fikk ingen informasjon")).toEqual([]);
  });

  it("gives a note both polarities of one code when it names both", () => {
    expect(codes("Først fikk jeg tid. Senere hadde de aldri tid")).toEqual(["time:helpful", "time:barrier"]);
  });
});

describe("codeNotes() evidence", () => {
  it("gives offsets that cut the evidence out of the note's text", () => {
    const notes = [
      { id: "1", text: "«Hun tok seg tid» – og direktenummeret fikk jeg også!" },
      { id: "2", text: "Tilgjengelig på sms, ventetid kort, RELASJONEN god" },
      { id: "3", text: "Tilgjengelig pa\u030A telefon og tillit" },
    ];
    for (const coded of codeNotes(notes, codebook, { language: "nb" })) {
      expect(coded.codes.length).toBeGreaterThan(0);
      for (const application of coded.codes) {
        for (const e of application.evidence) expect(coded.note.text.slice(e.start, e.end)).toBe(e.text);
      }
    }
  });

  it("keeps the longest match inside a code", () => {
    const coded = only("Hun tok seg tid");
    expect(coded.codes[0]?.evidence.map((e) => e.text)).toEqual(["tok seg tid"]);
  });

  it("lets different codes share words unless overlap is across-codes", () => {
    const both = unwrap(parseCodebook(`
id: o
title: O
languages: [nb]
categories: [{id: c, label: C}]
codes:
  - {id: a, category: c, label: A, definition: A, terms: ["kunnskapsdeling"]}
  - {id: b, category: c, label: B, definition: B, terms: ["kunnskap*"]}
`));
    expect(codeNotes([{ id: "1", text: "kunnskapsdeling" }], both)[0]?.codes.map((c) => c.code)).toEqual(["a", "b"]);
    const across = { ...both, overlap: "across-codes" as const };
    expect(codeNotes([{ id: "1", text: "kunnskapsdeling" }], across)[0]?.codes.map((c) => c.code)).toEqual(["a"]);
  });
});

describe("codeNotes() determinism", () => {
  it("gives the same output for the same input, and reuses a compiled matcher", () => {
    const notes = [
      { id: "1", text: "Hun tok seg tid og hadde kunnskap" },
      { id: "2", text: "Ingen informasjon, aldri tid" },
    ];
    const a = JSON.stringify(codeNotes(notes, codebook));
    const b = JSON.stringify(codeNotes(notes, compileCodebook(codebook)));
    expect(a).toBe(b);
  });

  it("rejects a note without an id with a clear error", () => {
    expect(() => codeNotes([{ text: "x" } as never], codebook)).toThrow(/Cannot code note 1/u);
  });
});
