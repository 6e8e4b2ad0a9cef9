import { describe, expect, it } from "vitest";
import { codePointIndex } from "../../src/refi-qda/code-points.ts";
import { normalizeGuid, refiGuid } from "../../src/refi-qda/guid.ts";
import { slugify, uniqueIds } from "../../src/refi-qda/slug.ts";
import { escapeXmlAttribute, serializeXml } from "../../src/refi-qda/xml-write.ts";
import { decodeXmlEntities } from "../../src/refi-qda/xml-read.ts";

describe("refiGuid()", () => {
  it("derives a fixed version-8 GUID from its keys (the Deno test checks the same value)", () => {
    expect(refiGuid("code", "natland-2021", "time")).toBe("15099f69-1598-8288-b0c6-6f58a690f23a");
    expect(refiGuid("code", "natland-2021", "tim")).not.toBe(refiGuid("code", "natland-2021", "time"));
    expect(refiGuid("a", "bc")).not.toBe(refiGuid("ab", "c"));
  });

  it("normalizeGuid() accepts braces and either case", () => {
    expect(normalizeGuid("{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294}")).toBe("1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294");
    expect(normalizeGuid("not-a-guid")).toBeUndefined();
  });
});

describe("codePointIndex()", () => {
  it("converts between UTF-16 offsets and code points around emoji and æøå", () => {
    const text = "æ😀ø🙂å";
    const index = codePointIndex(text);
    expect(index.length).toBe(5);
    expect([0, 1, 3, 4, 6, 7].map((u) => index.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5].map((c) => index.toUtf16(c))).toEqual([0, 1, 3, 4, 6, 7]);
    expect(index.toCodePoint(2)).toBe(1); // inside the surrogate pair: rounds down
  });
});

describe("slugify()", () => {
  it("folds Norwegian letters and makes valid ids", () => {
    expect(slugify("Ærlighet og åpenhet")).toBe("aerlighet-og-apenhet");
    expect(slugify("Møte på NAV-kontoret!")).toBe("mote-pa-nav-kontoret");
    expect(slugify("1994 Diet Coke")).toBe("code-1994-diet-coke");
    expect(slugify('"rushed"')).toBe("rushed");
    expect(slugify("😀")).toBe("code");
    const unique = uniqueIds(["tid"]);
    expect([unique("tid"), unique("tid"), unique("tillit")]).toEqual(["tid-2", "tid-3", "tillit"]);
  });
});

describe("XML writing and entity decoding", () => {
  it("escapes what XML needs and decodes only predefined entities and character references", () => {
    expect(escapeXmlAttribute('a<b & "c"\n\u0001')).toBe("a&lt;b &amp; &quot;c&quot;&#10;");
    expect(serializeXml({ name: "A", attrs: [["x", undefined], ["y", 1]], text: "\r\n" })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<A y="1">&#13;\n</A>\n');
    expect(decodeXmlEntities("&lt;&amp;amp;&#229;&#x1F600;&nbsp;&bogus;")).toBe("<&amp;å😀&nbsp;&bogus;");
  });
});
