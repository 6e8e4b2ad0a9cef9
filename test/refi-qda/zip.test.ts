import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";
import { parseQdpx } from "../../src/refi-qda/from-qdpx.ts";
import { isUnsafeEntryName, readZipSafely, writeZipDeterministic } from "../../src/refi-qda/zip.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const QDE = '<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>\n';

function errorOf(bytes: Uint8Array, limits = {}): string {
  const result = parseQdpx(bytes, { file: "evil.qdpx", limits });
  expect(result.ok).toBe(false);
  return result.diagnostics.map(formatDiagnostic).join("\n");
}

describe("readZipSafely() and parseQdpx() on hostile archives", () => {
  it("rejects entry names with .. or an absolute path", () => {
    expect(errorOf(zipSync({ "project.qde": enc(QDE), "sources/../../evil.txt": enc("x") }))).toBe(
      'evil.qdpx: Cannot read REFI-QDA archive: entry "sources/../../evil.txt" escapes the archive (a ".." part or an absolute path) [zip-unsafe-path]');
    expect(errorOf(zipSync({ "/etc/passwd": enc("x"), "project.qde": enc(QDE) }))).toMatch(/\[zip-unsafe-path\]$/);
    expect(isUnsafeEntryName("C:\\Windows\\x.txt")).toBe(true);
    expect(isUnsafeEntryName("sources\\..\\x.txt")).toBe(true);
    expect(isUnsafeEntryName("sources/a..b.txt")).toBe(false);
  });

  it("rejects too many entries", () => {
    const files: Record<string, Uint8Array> = { "project.qde": enc(QDE) };
    for (let i = 0; i < 20; i++) files[`sources/${i}.txt`] = enc("x");
    expect(errorOf(zipSync(files), { maxEntries: 10 })).toBe(
      "evil.qdpx: Cannot read REFI-QDA archive: it has 21 entries, more than the limit of 10 [zip-too-many-entries]");
  });

  it("rejects a total uncompressed size over the limit", () => {
    const text = "Notat om tid og tillit. ".repeat(200);
    expect(errorOf(zipSync({ "project.qde": enc(QDE), "sources/a.txt": enc(text), "sources/b.txt": enc(text) }), { maxTotalSize: 6000 }))
      .toBe("evil.qdpx: Cannot read REFI-QDA archive: its entries expand to more than 6000 bytes [zip-too-large]");
  });

  it("rejects a zip bomb by its compression ratio", () => {
    const bomb = zipSync({ "project.qde": enc(QDE), "sources/bomb.txt": new Uint8Array(2 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(20_000);
    expect(errorOf(bomb)).toMatch(/^evil\.qdpx: Cannot read REFI-QDA archive: entry "sources\/bomb\.txt" would expand \d+ times \(limit 200\) \[zip-ratio\]$/);
  });

  it("stops inflating an entry whose header lies about its size", () => {
    const zip = zipSync({ "project.qde": enc(QDE), "sources/lie.txt": new Uint8Array(300_000) });
    // Patch the declared uncompressed size of sources/lie.txt (central directory and local header) to 100.
    const view = new DataView(zip.buffer);
    for (let i = 0; i < zip.length - 4; i++) {
      const sig = view.getUint32(i, true);
      const name = (at: number, len: number) => new TextDecoder().decode(zip.subarray(at, at + len));
      if (sig === 0x02014b50 && name(i + 46, view.getUint16(i + 28, true)) === "sources/lie.txt") view.setUint32(i + 24, 100, true);
      if (sig === 0x04034b50 && name(i + 30, view.getUint16(i + 26, true)) === "sources/lie.txt") view.setUint32(i + 22, 100, true);
    }
    expect(errorOf(zip)).toBe(
      'evil.qdpx: Cannot read REFI-QDA archive: entry "sources/lie.txt" expands beyond its declared size of 100 bytes [zip-ratio]');
  });

  it("rejects damaged archives and archives without a project", () => {
    expect(errorOf(enc("PK\u0003\u0004 not really a zip"))).toMatch(/no end of central directory\) \[zip-invalid\]$/);
    const zip = zipSync({ "project.qde": enc(QDE) });
    expect(errorOf(zip.subarray(0, zip.length - 30))).toMatch(/\[zip-invalid\]$/);
    expect(errorOf(zipSync({ "sources/a.txt": enc("x") }))).toBe(
      "evil.qdpx: Cannot read REFI-QDA archive: it has no project.qde at its root [refi-no-project]");
  });

  it("refuses a DTD inside project.qde with the entry's location", () => {
    const qde = '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Project name="&x;"/>';
    expect(errorOf(zipSync({ "project.qde": enc(qde) }))).toBe(
      "evil.qdpx/project.qde:2:1: Cannot read REFI-QDA project: it declares a DTD or entities, which kodebok refuses (no entity expansion) [refi-xml-doctype]");
  });

  it("stamps every entry with 1980-01-01 00:00, whatever the time zone", () => {
    const zip = writeZipDeterministic([["project.qde", enc(QDE)], ["sources/x.txt", enc("tid")]]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const stamps: string[] = [];
    for (let i = 0; i + 4 <= zip.length; i++) {
      if (view.getUint32(i, true) === 0x04034b50) stamps.push(`${view.getUint16(i + 10, true)}/${view.getUint16(i + 12, true)}`);
    }
    expect(stamps).toEqual(["0/33", "0/33"]); // DOS time 00:00:00, date (1980-1980)<<9 | 1<<5 | 1
  });

  it("reads what the deterministic writer wrote, with CRCs checked", () => {
    const zip = writeZipDeterministic([["project.qde", enc(QDE)], ["sources/x.txt", enc("æøå 😀")]]);
    const read = readZipSafely(zip);
    expect(read.ok && new TextDecoder().decode(read.value.get("sources/x.txt"))).toBe("æøå 😀");
    zip[zip.indexOf(0x3c) + 1] ^= 0xff; // flip a stored-or-deflated byte of project.qde
    const damaged = readZipSafely(zip);
    expect(damaged.ok).toBe(false);
  });
});
