import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { codeNotes, formatDiagnostic, loadCodebook, parseQdpx, toQdpx } from "../../src/index.ts";
import { parseXmlSafely } from "../../src/refi-qda/xml-read.ts";

const QDE = '<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>\n';

describe("REFI-QDA import: what was accepted without a word", () => {
  it("refuses an archive with two entries named project.qde (which one wins differs between tools)", () => {
    const bytes = zipSync({ "project.qde": strToU8(QDE), "projecX.qde": strToU8(QDE.replace('name="p"', 'name="q"')) });
    // Rename the second entry in its local header and the central directory.
    const x = strToU8("projecX.qde");
    for (let i = 0; i + x.length <= bytes.length; i++) if (x.every((b, k) => bytes[i + k] === b)) bytes[i + 6] = 0x74;
    const result = parseQdpx(bytes, { file: "two.qdpx" });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(['two.qdpx: Cannot read REFI-QDA archive: it has two entries named "project.qde" [zip-duplicate-entry]']);
  });

  it("reads an archive with more than 10,000 entries (an export with one source per note)", () => {
    const files: Record<string, Uint8Array> = { "project.qde": strToU8(QDE) };
    for (let i = 0; i < 12_000; i++) files[`sources/${i}.txt`] = strToU8("x");
    const result = parseQdpx(zipSync(files, { level: 0 }), { file: "many.qdpx" });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("reports selections whose positions are '', ' 1' or '0x10' as out of range, instead of placing them", async () => {
    const codebook = await loadCodebook("natland-2021");
    const coded = codeNotes([{ id: "n1", text: "Hun tok seg tid til meg.", seminar: "S" }, { id: "n2", text: "Ingen hadde tid.", seminar: "S" }], codebook, { language: "nb" });
    const files = unzipSync(toQdpx(coded, codebook, { sources: "seminar" }));
    let qde = new TextDecoder().decode(files["project.qde"]!);
    const bad = ["", " 1", "0x10"];
    let k = 0;
    qde = qde.replace(/startPosition="(\d+)"/gu, (whole) => (k < bad.length ? `startPosition="${bad[k++]}"` : whole));
    files["project.qde"] = strToU8(qde);
    const result = parseQdpx(zipSync(files), { file: "p.qdpx" });
    const out = result.diagnostics.filter((d) => d.code === "refi-selection-out-of-range").map((d) => d.actual?.split("-")[0]);
    expect(out).toEqual(bad);
  });

  it("calls a .qdpx that is not a ZIP archive what it is, and places an empty .qde at 1:1", () => {
    const notZip = parseQdpx(strToU8("hello"), { file: "x.qdpx" });
    expect(notZip.diagnostics.map(formatDiagnostic)).toEqual(["x.qdpx: Cannot read REFI-QDA archive: it is not a ZIP archive (a .qdpx file is one) [zip-invalid]"]);
    const empty = parseXmlSafely("", { file: "empty.qde", what: "REFI-QDA project file" });
    expect(empty.ok).toBe(false);
    expect(empty.diagnostics.map(formatDiagnostic)[0]).toMatch(/^empty\.qde:1:1: /u);
  });
});
