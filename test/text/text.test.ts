import { describe, expect, it } from "vitest";
import { detectLanguage, sentences, stem, tokenize } from "../../src/index.ts";

describe("tokenize()", () => {
  it("keeps æ, ø and å inside words and gives offsets into the original text", () => {
    const text = "Kjæreste søknad på NAV-kontoret, tlf. 22 33!";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(["kjæreste", "søknad", "på", "nav", "kontoret", "tlf", "22", "33"]);
    for (const t of tokens) expect(text.slice(t.start, t.end).toLowerCase()).toBe(t.text);
  });

  it("folds a decomposed å to the composed form but keeps offsets of the decomposed text", () => {
    const text = "Tilgjengelig pa\u030A telefon";
    const tokens = tokenize(text);
    expect(tokens[1]).toEqual({ text: "på", start: 13, end: 16 });
  });

  it("folds upper case, including Æ Ø Å", () => {
    expect(tokenize("ÆRLIG ØKONOMI ÅPENHET").map((t) => t.text)).toEqual(["ærlig", "økonomi", "åpenhet"]);
  });
});

describe("sentences()", () => {
  it("does not split at abbreviations like kl. and f.eks. or inside 10.30", () => {
    const text = "Vi møttes kl. 10.30 f.eks. på kontoret. Hun tok seg tid! Bra?";
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "Vi møttes kl. 10.30 f.eks. på kontoret.",
      "Hun tok seg tid!",
      "Bra?",
    ]);
  });
});

describe("detectLanguage()", () => {
  it("tells Bokmål, Nynorsk and English apart by their function words", () => {
    expect(detectLanguage(tokenize("Jeg fikk ikke hjelp før hun tok seg tid"))).toBe("nb");
    expect(detectLanguage(tokenize("Eg fekk ikkje hjelp før ho tok seg tid"))).toBe("nn");
    expect(detectLanguage(tokenize("She always listened to me and never rushed"))).toBe("en");
  });

  it("does not take seg or eller, which Bokmål writes as Nynorsk does, for Nynorsk", () => {
    // One Bokmål marker (hun) against seg, og, men: Bokmål. Before, seg counted as Nynorsk and won.
    expect(detectLanguage(tokenize("Ventetiden var lang, men hun tok seg tid og bygde tillit."))).toBe("nb");
    expect(detectLanguage(tokenize("Ring eller send melding, så tar hun seg av det"))).toBe("nb");
    expect(detectLanguage(tokenize("Ho tok seg tid, eller prøvde i alle fall"))).toBe("nn");
  });

  it("answers und for a keyword note instead of guessing", () => {
    expect(detectLanguage(tokenize("Tillit!"))).toBe("und");
  });
});

describe("stem()", () => {
  it("uses Snowball Norwegian for nb/nn and Porter for English", () => {
    // Reference: Snowball's Norwegian vocabulary (snowball-data norwegian/voc.txt -> output.txt).
    expect(stem("saksbehandlingstiden", "nb")).toBe("saksbehandlingstid");
    expect(stem("informasjonen", "nn")).toBe("informasjon");
    expect(stem("listened", "en")).toBe("listen");
  });
});

describe("detectLanguage() with words both languages share", () => {
  it("does not take Norwegian notes with i, for, to or time for English", () => {
    expect(detectLanguage(tokenize("Hyggelige folk i skranken"))).not.toBe("en");
    expect(detectLanguage(tokenize("Må ta bussen i en time for å komme dit"))).not.toBe("en");
  });
});

describe("sentences() and abbreviations that are also words", () => {
  it("ends a sentence after 'min.' or Nynorsk 'no.' before a capital, not after 'kl.' before a digit", () => {
    const text = "Jeg stoler på veilederen min. Hun svarer alltid. Det er betre no. Møtet var kl. 10 i dag.";
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "Jeg stoler på veilederen min.",
      "Hun svarer alltid.",
      "Det er betre no.",
      "Møtet var kl. 10 i dag.",
    ]);
    const title = "Dr. Hansen tok seg tid.";
    expect(sentences(title).map((s) => title.slice(s.start, s.end))).toEqual([title]);
  });
});
