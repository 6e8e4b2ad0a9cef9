import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";
import { parseQdc } from "../../src/refi-qda/from-qdc.ts";
import { refiGuid } from "../../src/refi-qda/guid.ts";
import { toQdc } from "../../src/refi-qda/to-qdc.ts";
import { codebook, SHARED, validate } from "./helpers.ts";

describe("toQdc()", () => {
  it("writes a codebook that validates against Codebook.xsd", () => {
    expect(validate(toQdc(codebook), "Codebook.xsd")).toBe("valid");
  });

  it("writes categories as non-codable parents with their themes nested", () => {
    const xml = toQdc(codebook);
    const relational = xml.indexOf('name="Betydningen av det relasjonelle" isCodable="false" color="#AA3300"');
    const relation = xml.indexOf('name="Relasjon" isCodable="true"');
    const knowledge = xml.indexOf('name="Betydningen av kunnskap" isCodable="false"');
    expect(relational).toBeGreaterThan(0);
    expect(relation).toBeGreaterThan(relational);
    expect(knowledge).toBeGreaterThan(relation);
    expect(xml).toContain(`guid="${refiGuid("code", "test-book", "time")}"`);
    expect(xml).toContain("<Description>Tid &amp; tilgjengelighet &lt;direkte&gt;\n\nkodebok-id: time</Description>");
    expect(xml).toContain("Include:\n- tillit, respekt\n- samme saksbehandler\n\nExclude:\n- tid alene (se tid)");
    expect(xml.match(/color="#[0-9A-F]{6}"/g)).toHaveLength(5);
  });

  it("gives the same bytes for the same codebook, and the chosen language", () => {
    expect(toQdc(codebook)).toBe(toQdc(structuredClone(codebook)));
    expect(toQdc(codebook, { language: "en" })).toContain('name="Relation"');
  });
});

describe("parseQdc()", () => {
  it("round-trips a kodebok export: same ids, categories, labels, definitions and notes", () => {
    const result = parseQdc(toQdc(codebook), { id: "test-book" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.diagnostics).toEqual([]);
    const book = result.value;
    expect(book.categories.map((c) => c.id)).toEqual(["relational", "knowledge"]);
    expect(book.codes.map((c) => [c.id, c.category, c.label])).toEqual([
      ["relation", "relational", "Relasjon"],
      ["time", "relational", "Tid"],
      ["knowledge_sharing", "knowledge", "Kunnskapsdeling"],
    ]);
    expect(book.codes[0]!.definition).toBe("Å bli sett og møtt som menneske.");
    expect(book.codes[0]!.include).toEqual(["tillit, respekt", "samme saksbehandler"]);
    expect(book.codes[0]!.exclude).toEqual(["tid alene (se tid)"]);
    expect(book.codes[2]!.color).toBe("#123456");
  });

  it("keeps a multi-line inclusion note whole", () => {
    const book = structuredClone(codebook);
    book.codes[1]!.include = ["første linje\nandre linje", "neste"];
    const result = parseQdc(toQdc(book));
    expect(result.ok && result.value.codes[1]!.include).toEqual(["første linje\nandre linje", "neste"]);
  });

  it("reads ATLAS.ti 23.4's codebook with a warning about its schemaLocation", () => {
    const file = join(SHARED, "atlasti-23.4-win-codebook.qdc");
    const result = parseQdc(readFileSync(file, "utf8"), { file: "atlasti-23.4-win-codebook.qdc" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.codes).toHaveLength(1);
    expect(result.value.codes[0]).toMatchObject({ id: "code1", label: "code1", category: "uncategorised",
      definition: "description", color: "#46AA00" });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'atlasti-23.4-win-codebook.qdc:2:1: warning: The schemaLocation names "urn:QDA-XML:codebook:0:4", not urn:QDA-XML:codebook:1.0; read as urn:QDA-XML:codebook:1.0 [refi-namespace]',
      'atlasti-23.4-win-codebook.qdc: info: Put 1 top-level code(s) under the generated category "uncategorised" [refi-generated-category]',
      'atlasti-23.4-win-codebook.qdc:8:3: info: Skipped 1 set(s) ("code group 1"): kodebok codebooks have no code groups [refi-sets-ignored]',
    ]);
  });

  it("rejects the truncated ATLAS.ti codebook with a located error", () => {
    const text = readFileSync(join(SHARED, "atlasti-23.4-win-codebook-truncated.qdc"), "utf8");
    const result = parseQdc(text, { file: "truncated.qdc" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      "truncated.qdc:17:10: Cannot read REFI-QDA codebook: the file ends before <Code> (opened at 17:5) is closed; it is truncated or incomplete [refi-xml-invalid]",
    ]);
  });

  it("rejects non-XML with a located error", () => {
    const result = parseQdc("name,code\nx,y\n", { file: "codes.csv" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.code).toBe("refi-xml-invalid");
    expect(result.diagnostics[0]!.start).toEqual({ line: 1, column: 1 });
  });

  it("refuses a DTD and entity declarations (no entity expansion)", () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE CodeBook [\n <!ENTITY a "aaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;">\n]>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="&b;" isCodable="true"/></Codes></CodeBook>`;
    const result = parseQdc(bomb, { file: "bomb.qdc" });
    expect(result.ok).toBe(false);
    expect(formatDiagnostic(result.diagnostics[0]!)).toBe(
      "bomb.qdc:2:1: Cannot read REFI-QDA codebook: it declares a DTD or entities, which kodebok refuses (no entity expansion) [refi-xml-doctype]");
    const external = `<!ENTITY x SYSTEM "file:///etc/passwd"><CodeBook/>`;
    expect(parseQdc(external).diagnostics[0]!.code).toBe("refi-xml-doctype");
  });

  it("reads colours with alpha, nested codable parents and Norwegian names", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="{0b6a3c1e-2f4d-4e8a-9b1c-1a2b3c4d5e6f}" name="Ærlighet og åpenhet" isCodable="true" color="#46AA00FF">
      <Description>Å være ærlig</Description>
      <Code guid="5d7f0c2a-8e9b-4a1c-b2d3-e4f5a6b7c8d9" name="Tid" isCodable="true" color="#abc"/>
      <Code guid="5d7f0c2a-8e9b-4a1c-b2d3-e4f5a6b7c8da" name="Tid" isCodable="true"/>
    </Code>
    <Code guid="5d7f0c2a-8e9b-4a1c-b2d3-e4f5a6b7c8db" name="Møte" isCodable="false"/>
  </Codes>
</CodeBook>`;
    const result = parseQdc(xml, { file: "x.qdc" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.categories.map((c) => c.id)).toEqual(["aerlighet-og-apenhet", "mote"]);
    expect(result.value.codes.map((c) => [c.id, c.category, c.label, c.color])).toEqual([
      ["aerlighet-og-apenhet", "aerlighet-og-apenhet", "Ærlighet og åpenhet", "#46AA00"],
      ["tid", "aerlighet-og-apenhet", "Tid", "#AABBCC"],
      ["tid-2", "aerlighet-og-apenhet", "Tid", undefined],
    ]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'x.qdc:4:5: warning: Read colour "#46AA00FF" of code "Ærlighet og åpenhet" without its alpha channel as #46AA00 [refi-color-alpha]',
      'x.qdc:4:5: info: Code "Ærlighet og åpenhet" is codable and has sub-codes: it became category "aerlighet-og-apenhet" and a code in it [refi-codable-parent]',
    ]);
  });

  it("accepts DOCTYPE text inside CDATA and comments, and rejects absurd nesting", () => {
    const ok = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><!-- <!DOCTYPE x> --><Codes><Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="a" isCodable="true"><Description><![CDATA[<!ENTITY x "y"> & <b>]]></Description></Code></Codes></CodeBook>`;
    const result = parseQdc(ok);
    expect(result.ok && result.value.codes[0]!.definition).toBe('<!ENTITY x "y"> & <b>');
    const deep = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${'<Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="a" isCodable="true">'.repeat(500)}${"</Code>".repeat(500)}</Codes></CodeBook>`;
    const rejected = parseQdc(deep, { file: "deep.qdc" });
    expect(rejected.ok).toBe(false);
    expect(rejected.diagnostics[0]!.code).toBe("refi-xml-invalid");
  });

  it("rejects a project file with a hint", () => {
    const result = parseQdc('<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.code).toBe("refi-wrong-root");
  });
});
