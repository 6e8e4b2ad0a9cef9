import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/index.ts";
import { TokenInterner } from "../../src/match/token-interner.ts";

const TEXTS = [
  "Veilederen TOK seg god tid, alltid!",
  "ΟΔΟΣ ΣΑΣ σς — Greek capital sigma folds by context",
  "İstanbul: dotted capital I has a two-character lower case",
  "a\u030Angst is ångst once composed; Å and Å",
  "𝐀bc tid 😀tid tid😀 \ud800tid \udc00tid",
  "NAV-kontoret, nav.no, 10.30, 1,5 år, ﬁne STRASSE ß",
  "ᄀ\u1161 jamo and x\u0301 marks",
  "",
];

describe("TokenInterner", () => {
  it("gives the tokens and offsets tokenize() gives, one id per folded text", () => {
    const interner = new TokenInterner();
    const idOf = new Map<string, number>();
    for (const text of [...TEXTS, ...TEXTS]) {
      const expected = tokenize(text);
      const count = interner.scan(text);
      expect(count).toBe(expected.length);
      expected.forEach((token, i) => {
        expect([interner.starts[i], interner.ends[i]]).toEqual([token.start, token.end]);
        const id = interner.ids[i]!;
        expect(interner.texts[id]).toBe(token.text);
        expect(idOf.get(token.text) ?? id).toBe(id);
        idOf.set(token.text, id);
      });
    }
    expect(interner.size).toBe(idOf.size);
  });

  it("starts over with new ids after clear()", () => {
    const interner = new TokenInterner();
    interner.scan("tid tillit");
    interner.clear();
    expect(interner.size).toBe(0);
    expect(interner.scan("tillit")).toBe(1);
    expect([interner.ids[0], interner.texts[0]]).toEqual([0, "tillit"]);
  });
});
