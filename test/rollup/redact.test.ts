import { describe, expect, it } from "vitest";
import { findRedactions, nationalIdKind, redact, redactor } from "../../src/rollup/redact.ts";

// Valid numbers computed by hand with the two mod-11 weight sets (3 7 6 1 8 9 4 5 2 / 5 4 3 2 7 6 5 4 3 2).
const FNR = "15076500565"; // born 15.07.65
const FNR2 = "31129945101"; // 31.12.99
const D_NUMBER = "55076500559"; // day 15 + 40

describe("nationalIdKind()", () => {
  it("accepts a fødselsnummer and a D-number whose check digits hold", () => {
    expect(nationalIdKind(FNR)).toBe("fodselsnummer");
    expect(nationalIdKind(FNR2)).toBe("fodselsnummer");
    expect(nationalIdKind(D_NUMBER)).toBe("d-number");
    expect(nationalIdKind("150765 00565")).toBe("fodselsnummer");
  });
  it("rejects 11-digit numbers with a wrong check digit or an impossible date", () => {
    expect(nationalIdKind("15076500566")).toBeUndefined(); // second check digit off by one
    expect(nationalIdKind("15076500575")).toBeUndefined(); // first check digit off by one
    expect(nationalIdKind("12345678901")).toBeUndefined();
    expect(nationalIdKind("00000000000")).toBeUndefined(); // check digits hold, day 0 does not
    expect(nationalIdKind("1507650056")).toBeUndefined();
  });
});

describe("redact() in Norwegian notes", () => {
  it("masks phone numbers in the forms people write them", () => {
    expect(redact("Hun ga meg direktenummeret sitt: 22 33 44 55.")).toBe("Hun ga meg direktenummeret sitt: [telefon].");
    expect(redact("Ring 987 65 432 eller 98765432")).toBe("Ring [telefon] eller [telefon]");
    expect(redact("+47 987 65 432 / 0047 22334455 / +4798765432")).toBe("[telefon] / [telefon] / [telefon]");
    expect(redact("Søsteren bor i Sverige, +46 70 123 45 67")).toBe("Søsteren bor i Sverige, [telefon]");
  });
  it("masks e-mail addresses, including æøå in the local part", () => {
    expect(redact("Veilederen svarte alltid på e-post (kari.nordmann@nav.no)")).toBe(
      "Veilederen svarte alltid på e-post ([e-post])",
    );
    expect(redact("skriv til bjørn.ås@kommune.no.")).toBe("skriv til [e-post].");
  });
  it("masks fødselsnummer and D-numbers, also written with a space", () => {
    expect(redact(`Jeg måtte oppgi ${FNR} hver gang`)).toBe("Jeg måtte oppgi [fødselsnummer] hver gang");
    expect(redact("personnr 150765 00565")).toBe("personnr [fødselsnummer]");
    expect(redact(`D-nummer ${D_NUMBER}`)).toBe("D-nummer [fødselsnummer]");
  });
  it("leaves amounts, dates, times, years, org numbers and invalid 11-digit numbers alone", () => {
    const keep = [
      "Jeg fikk kr 12 000 i sosialhjelp og skylder 1 200 000 kroner",
      "Møtet var kl. 10.30 den 12.03.2024, og igjen 2024-04-02",
      "Fra 2019 til 2023 hadde jeg fem veiledere",
      "Org.nr. 987 654 321 og 987654321",
      "Saksnummer 12345678901 ble borte",
      "Kontonummer 1234.56.78903",
      "Ventetiden var 3 måneder, 14 dager",
    ];
    for (const text of keep) expect(redact(text)).toBe(text);
  });
  it("masks roster names whole-word and case-insensitive, with possessives", () => {
    const roster = ["Kari Nordmann", "Ola"];
    expect(redact("Kari sin veileder og Karis mor", { roster })).toBe("[navn] sin veileder og [navn]s mor");
    expect(redact("OLA og ola ringte, men ikke Olav eller Karianne", { roster })).toBe(
      "[navn] og [navn] ringte, men ikke Olav eller Karianne",
    );
    expect(redact("Kari  Nordmann var saksbehandler; Nordmann sluttet", { roster })).toBe(
      "[navn] var saksbehandler; [navn] sluttet",
    );
    expect(redact("Nordmann sluttet", { roster, rosterParts: false })).toBe("Nordmann sluttet");
  });
  it("does not run name detection on Norwegian text", () => {
    expect(redact("Jeg snakket med Per om tiden")).toBe("Jeg snakket med Per om tiden");
  });
  it("masks only the kinds asked for", () => {
    expect(redact("22 33 44 55, a@b.no", { kinds: ["email"] })).toBe("22 33 44 55, [e-post]");
  });
});

describe("redact() in English notes", () => {
  it("uses English tokens", () => {
    expect(redact("Call 22 33 44 55 or mail ann@example.org", { language: "en" })).toBe("Call [phone] or mail [email]");
    expect(redact(`My number is ${FNR}`, { language: "en" })).toBe("My number is [id-number]");
  });
  it("detects person names with compromise and keeps titles and possessives", () => {
    expect(redact("I talked to Sarah Johnson at NAV on Monday.", { language: "en" })).toBe(
      "I talked to [name] at NAV on Monday.",
    );
    expect(redact("John's advice helped me most.", { language: "en" })).toBe("[name]'s advice helped me most.");
    expect(redact("The caseworker took time to listen.", { language: "en" })).toBe("The caseworker took time to listen.");
  });
  it("can turn name detection off", () => {
    expect(redact("Sarah listened.", { language: "en", detectNames: false })).toBe("Sarah listened.");
  });
});

describe("findRedactions()", () => {
  it("reports spans with offsets into the original text and the detector", () => {
    const text = `Ring 987 65 432, nr ${D_NUMBER}`;
    expect(findRedactions(text)).toEqual([
      { kind: "phone", start: 5, end: 15, text: "987 65 432", detector: "phone" },
      { kind: "id-number", start: 20, end: 31, text: D_NUMBER, detector: "d-number" },
    ]);
  });
  it("redactor() fixes options and takes a language per call", () => {
    const mask = redactor({ roster: ["Kari"] });
    expect(mask("Kari ringte")).toBe("[navn] ringte");
    expect(mask("Kari called", "en")).toBe("[name] called");
  });
});

describe("rollUp() redaction", async () => {
  const { rollUp } = await import("../../src/rollup/roll-up.ts");
  const { codeNotes } = await import("../../src/match/code-notes.ts");
  const { codebook } = await import("../report/sample.ts");
  const notes = [
    { id: "1", text: "Hun tok seg tid og ga meg nummeret 22 33 44 55", language: "nb" as const },
    { id: "2", text: "Sarah took time to listen", language: "en" as const },
    { id: "3", text: "Skriv til kari@nav.no", language: "nb" as const },
  ];
  const coded = codeNotes(notes, codebook);

  it("redacts quotes and uncoded notes by default, in each note's language", () => {
    const summary = rollUp(coded, codebook, { language: "nb" });
    const quotes = summary.categories.flatMap((c) => c.codes.flatMap((code) => code.quotes.map((q) => q.text)));
    expect(quotes).toContain("Hun tok seg tid og ga meg nummeret [telefon]");
    expect(quotes).toContain("[name] took time to listen");
    expect(summary.uncoded.map((u) => u.text)).toEqual(["Skriv til [e-post]"]);
  });

  it("shows text as written only with redact: false, and takes a roster through redactor()", () => {
    const raw = rollUp(coded, codebook, { language: "nb", redact: false });
    expect(raw.uncoded[0]?.text).toBe("Skriv til kari@nav.no");
    const roster = rollUp(coded, codebook, { language: "nb", redact: redactor({ roster: ["Hun"] }) });
    expect(roster.categories[0]?.codes.find((c) => c.id === "time")?.quotes.map((q) => q.text)).toContain(
      "[navn] tok seg tid og ga meg nummeret [telefon]",
    );
  });
});
