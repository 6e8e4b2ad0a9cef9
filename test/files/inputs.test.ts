import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeText, formatDiagnostic, lintCodebookExamples, readNotes, readCodebook, readCodings } from "../../src/index.ts";

// What kodebok reads: regular files within a size limit, decoded by the evidence in their bytes.

const dir = mkdtempSync(join(tmpdir(), "kodebok-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const printed = (ds: readonly Parameters<typeof formatDiagnostic>[0][]) => ds.map(formatDiagnostic);

describe("what is read", () => {
  it("refuses a device, a folder and a FIFO as notes, with their own code (not file-not-found)", async () => {
    mkdirSync(at("folder.csv"));
    for (const [file, why] of [
      ["/dev/zero", "it is not a regular file (a device, pipe or socket), which kodebok does not read [file-not-regular]"],
      [at("folder.csv"), "it is a folder, not a file [file-is-folder]"],
    ] as const) {
      const result = await readNotes(file);
      expect(result.ok).toBe(false);
      expect(printed(result.diagnostics)).toEqual([`${file}: Cannot load notes: ${why}`]);
    }
    expect((await readCodings("/dev/zero")).diagnostics.map((d) => d.code)).toEqual(["file-not-regular"]);
  });

  it("refuses a notes file larger than it reads whole, and points to streamNotes (a sparse 600 MB file)", async () => {
    const fd = openSync(at("huge.csv"), "w");
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
    const result = await readNotes(at("huge.csv"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.reason, d.note])).toEqual([
      ["file-too-large", "Cannot load notes: it has 600 MiB, more than the 500 MiB kodebok reads whole", expect.stringContaining("streamNotes()")],
    ]);
  });

  it("extends may name a bundled codebook or a codebook file, nothing else (/etc/passwd, /dev/zero)", async () => {
    for (const base of ["/etc/passwd", "/dev/zero"]) {
      writeFileSync(at("mine.yaml"), `id: mine\ntitle: Mine\nlanguages: [nb]\nextends: ${base}\ncategories: []\ncodes: []\n`);
      const result = await readCodebook(at("mine.yaml"));
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => d.reason)).toEqual([`Cannot load codebook "${at("mine.yaml")}": extends "${base}", which is neither a bundled codebook nor a .yaml, .yml or .json file`]);
    }
    writeFileSync(at("dev.yaml"), `id: mine\ntitle: Mine\nlanguages: [nb]\nextends: /dev/zero.yaml\ncategories: []\ncodes: []\n`);
    expect((await readCodebook(at("dev.yaml"))).diagnostics.map((d) => d.code)).toEqual(["codebook-not-found"]);
  });

  it("refuses a codebook larger than 8 MiB with a clear error", async () => {
    writeFileSync(at("big.yaml"), `id: big\n# ${"x".repeat(9 * 1024 * 1024)}\n`);
    const result = await readCodebook(at("big.yaml"));
    expect(result.diagnostics.map((d) => [d.code, d.reason])).toEqual([["file-too-large", `Cannot load codebook "${at("big.yaml")}": it has 9.0 MiB, more than the 8 MiB kodebok reads whole`]]);
  });
});

describe("decoding by the evidence", () => {
  const utf16 = (text: string, le: boolean) => {
    const out = [le ? 0xff : 0xfe, le ? 0xfe : 0xff];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out.push(...(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
    }
    return new Uint8Array(out);
  };

  it("reads UTF-16 with a byte order mark (little- and big-endian) as text, not as NUL-filled Windows-1252", async () => {
    for (const le of [true, false]) {
      writeFileSync(at("flip.md"), utf16("# Seminar: Nord\n- Tid og tillit på Nav\n", le));
      const result = await readNotes(at("flip.md"));
      expect(result.ok && result.value.notes.map((n) => [n.text, n.seminar])).toEqual([["Tid og tillit på Nav", "Nord"]]);
      expect(result.diagnostics).toEqual([]);
    }
  });

  it("keeps a UTF-8 file with one stray byte UTF-8, and warns at that byte", async () => {
    const raw = Uint8Array.from([...new TextEncoder().encode("id;tekst\n1;Blåbær og søtt\n2;Tid"), 0xff, 0x0a]);
    writeFileSync(at("stray.csv"), raw);
    const result = await readNotes(at("stray.csv"));
    expect(result.ok && result.value.notes.map((n) => n.text)).toEqual(["Blåbær og søtt", "Tid\uFFFD"]);
    expect(printed(result.diagnostics)).toEqual([`${at("stray.csv")}:3:6: warning: Byte 0xFF is not valid UTF-8; it was read as U+FFFD (\uFFFD) [encoding-invalid-utf8]`]);
  });

  it("reads a Windows-1252 codebook with a warning (not U+FFFD in silence), and lint finds its examples", async () => {
    const text = "id: w\ntitle: W\nlanguages: [nb]\ncategories: [{id: a, label: A}]\ncodes:\n  - {id: c, category: a, label: Blåbær, definition: Blåbær, terms: [blåbær], examples: [Blåbær]}\n";
    writeFileSync(at("w1252.yaml"), Uint8Array.from([...text].map((c) => c.charCodeAt(0))));
    const result = await readCodebook(at("w1252.yaml"));
    expect(result.ok && result.value.codes[0]?.label).toBe("Blåbær");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["encoding-windows-1252"]);
    expect(result.ok && lintCodebookExamples(result.value)).toEqual([]);
  });

  it("refuses binary: NUL bytes, mostly control characters, UTF-32", () => {
    const cases: [number[], RegExp][] = [
      [[0x50, 0x4b, 0x03, 0x04, 0x00, 0x00], /NUL byte \(at byte 5\)/u],
      [[0x01, 0x02, 0x03, 0x41, 0x05, 0x06], /6 of its first 6 bytes|5 of its first 6 bytes/u],
      [[0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00], /UTF-32/u],
    ];
    for (const [bytes, reason] of cases) {
      const decoded = decodeText(Uint8Array.from(bytes), "x.csv");
      expect(decoded.ok).toBe(false);
      expect(decoded.diagnostics.map((d) => d.code)).toEqual(["file-binary"]);
      expect(decoded.diagnostics[0]!.reason).toMatch(reason);
    }
  });
});

describe("NFC after parsing", () => {
  it("a U+037E (Greek question mark) in a CSV field stays in that field, as ';' (NFC), in readNotes and streamNotes", async () => {
    writeFileSync(at("greek.csv"), "id;tekst;gruppe\nn1;Hva\u037E sa du;G1\nn2;Tid;G2\n");
    const loaded = await readNotes(at("greek.csv"));
    expect(loaded.ok && loaded.value.notes.map((n) => [n.id, n.text, n.group])).toEqual([["n1", "Hva; sa du", "G1"], ["n2", "Tid", "G2"]]);
    expect(loaded.diagnostics).toEqual([]);
    const { streamNotes } = await import("../../src/index.ts");
    const streamed: unknown[] = [];
    for await (const note of streamNotes(at("greek.csv"))) streamed.push([note.id, note.text, note.group]);
    expect(streamed).toEqual([["n1", "Hva; sa du", "G1"], ["n2", "Tid", "G2"]]);
    // Other formats are normalised whole; a decomposed å is composed everywhere.
    writeFileSync(at("greek.md"), "# Seminar: Nord\n- Hva\u037E og a\u030Apen\n");
    const md = await readNotes(at("greek.md"));
    expect(md.ok && md.value.notes[0]?.text).toBe("Hva; og åpen");
  });
});
