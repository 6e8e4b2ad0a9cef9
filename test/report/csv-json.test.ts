import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/report/csv.ts";
import { CodedJsonSchema, ReportJsonSchema, toJson } from "../../src/report/json.ts";
import { coded, summary } from "./sample.ts";

describe("toCsv(coded)", () => {
  const csv = toCsv(coded);
  const records = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;

  it("starts with a UTF-8 BOM and ends records with CRLF (RFC 4180)", () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1, csv.indexOf("\r\n"))).toBe(
      "note,seminar,group,participant,question,source,language,code,category,polarity,evidence,rules,terms,offsets,cues,coded_by,probability,model_features,similar_notes,text",
    );
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(toCsv(coded, { bom: false }).startsWith("note,")).toBe(true);
  });

  it("has one row per note × code application, and one row for a note without codes", () => {
    // 17 applications over 11 coded notes, plus 2 uncoded notes
    expect(records).toHaveLength(19);
    expect(records.filter((r) => r.note === "b6").map((r) => [r.code, r.polarity, r.evidence, r.offsets])).toEqual([
      ["time", "barrier", "ventetid", "5-13"],
      ["reciprocity", "helpful", "gjensidig", "19-28"],
      ["relation", "helpful", "respekt", "29-36"],
    ]);
    expect(records.find((r) => r.note === "b7")).toMatchObject({ code: "", polarity: "", evidence: "" });
  });

  it("keeps æøå, commas and quotes intact, and redacts the text by default", () => {
    const b6 = records.find((r) => r.note === "b6");
    expect(b6?.text).toBe("Lang ventetid, men gjensidig respekt da jeg først kom inn");
    expect(csv).toContain('"Lang ventetid, men gjensidig respekt da jeg først kom inn"');
    expect(records.find((r) => r.note === "b2")?.text).toContain("direktenummeret [telefon]");
    expect(records.find((r) => r.note === "r6")?.text).toBe("She took time to explain, [name] was great");
    const raw = parse(toCsv(coded, { redact: false }), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(raw.find((r) => r.note === "b2")?.text).toContain("22 33 44 55");
  });

  it("writes attribute columns after the fixed ones and takes another delimiter", () => {
    const withAttr = coded.slice(0, 2).map((c, i) => ({ ...c, note: { ...c.note, attributes: { kommune: i ? "Ås" : "Bø" } } }));
    const text = toCsv(withAttr, { delimiter: ";", bom: false });
    expect(text.split("\r\n")[0]?.endsWith(";text;kommune")).toBe(true);
    expect(text.split("\r\n")[1]?.endsWith(";Bø")).toBe(true);
  });
});

describe("toCsv(summary)", () => {
  it("has one row per code in codebook order", () => {
    const rows = parse(toCsv(summary), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.code)).toEqual(["relation", "reciprocity", "choice", "time", "knowledge", "knowledge_sharing"]);
    expect(rows[3]).toEqual({
      category: "relational", category_label: "Betydningen av det relasjonelle", code: "time", code_label: "Tid",
      notes: "6", share: String(6 / 11), helpful: "4", barrier: "2", participants: "6", groups: "4", seminars: "2",
    });
  });
});

describe("toJson()", () => {
  it("writes a roll-up with its schema id, redacted quotes, rows and matrices; stable bytes", () => {
    const text = toJson(summary, { coded });
    const value = ReportJsonSchema.parse(JSON.parse(text));
    expect(value.schema).toBe("kodebok/report@1");
    expect(value.redacted).toBe(true);
    expect(value.date).toBeUndefined();
    expect(text).not.toContain("22 33 44 55");
    expect(value.rows).toHaveLength(6);
    expect(value.matrices?.seminar.values).toEqual(["Byen", "Bygda"]);
    expect(value.cooccurrence?.codes[0]).toBe("relation");
    expect(toJson(summary, { coded })).toBe(text);
    expect(text.endsWith("}\n")).toBe(true);
    expect(Object.keys(value)).toEqual(["schema", "kodebok", "redacted", "summary", "rows", "matrices", "cooccurrence"]);
  });

  it("writes coded notes as the tidy rows", () => {
    const value = CodedJsonSchema.parse(JSON.parse(toJson(coded, { date: "2026-11-27" })));
    expect(value.schema).toBe("kodebok/coded-notes@1");
    expect(value.date).toBe("2026-11-27");
    expect(value.rows).toHaveLength(19);
  });
});
