import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { LineCounter, locator } from "../../src/codebook/locate.ts";
import { detectNotesFormat, formatDiagnostic, parseNotes, parseNotesJson, parseNotesMarkdown, parseTranscript } from "../../src/index.ts";
import { headingOf, stripComments } from "../../src/notes/markdown.ts";
import { fuzz } from "../fuzz/settings.ts";

// The loaders read in linear time. Each input below took minutes (or never finished) with the
// backtracking patterns they used; the property tests show the one-pass readers give what those
// patterns gave.

const OLD_HEADING = /^(#{1,4})\s+(.*?)\s*#*\s*$/u;
const OLD_TURN = /^(?:\[(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]\s*)?([\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}?)\s*(?:\((\d{1,2}:\d{2}(?::\d{2})?)\))?\s*:\s+(.*)$/u;

describe("Markdown notes", () => {
  it("read a heading with a run of 200,000 spaces and 100,000 unclosed <!-- at once", () => {
    const spaces = parseNotesMarkdown(`# Seminar:${" ".repeat(200_000)}Nord x\n- tid\n`);
    expect(spaces.ok && spaces.value.notes[0]?.seminar).toBe(`Nord x`);
    const trailing = parseNotesMarkdown(`## G${" ".repeat(200_000)}#${" ".repeat(100)}\n- tid\n`);
    expect(trailing.ok && trailing.value.notes[0]?.group).toBe("G");
    const comments = parseNotesMarkdown(`- tid\n${"<!--".repeat(100_000)}\n`);
    expect(comments.ok && comments.value.notes.length).toBe(1);
  });

  it("take headings and comments as the patterns did", () => {
    const text = fc.array(fc.constantFrom("#", " ", "\t", "a", "b", "\u00a0", "\u2028", "\r", "<!--", "-->", "-", "\n"), { maxLength: 16 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect(stripComments(t)).toBe(t.replace(/<!--[\s\S]*?-->/gu, (c) => c.replace(/[^\n]/gu, " ")));
        const old = OLD_HEADING.exec(t.trim());
        expect(headingOf(t.trim())).toEqual(old ? { level: old[1]!.length, title: old[2] } : undefined);
      }),
      fuzz(2000),
    );
  });

  it("a CR-only file is read line by line", () => {
    const result = parseNotesMarkdown("# Seminar: Nord\r## Gruppe 1\r- Fikk tid\r- Ble sett\r");
    expect(result.ok && result.value.notes.map((n) => [n.text, n.group, n.origin?.line])).toEqual([
      ["Fikk tid", "1", 3],
      ["Ble sett", "1", 4],
    ]);
  });
});

describe("transcripts", () => {
  it("read P + 20,000 spaces + ':x' at once (45 s before)", () => {
    // Not a turn (no space after the colon): it continues the question.
    const result = parseTranscript(`I: Hva hjalp?\nP${" ".repeat(20_000)}:x\nP1: Tid.\n`);
    expect(result.ok && result.value.notes.map((n) => [n.text, n.question?.length])).toEqual([["Tid.", 20_014]]);
  });

  it("find the turns the old pattern found", () => {
    const line = fc.array(fc.constantFrom("P", "1", " ", ":", "(", ")", "0", "[", "]", "x", ".", "\t"), { maxLength: 16 }).map((cs) => cs.join(""));
    const TURN_NOW = /^(?:\[(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]\s*)?([\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}?)(?:\s*\((\d{1,2}:\d{2}(?::\d{2})?)\))?\s*:\s+(.*)$/u;
    fc.assert(
      fc.property(line, (l) => {
        expect(TURN_NOW.exec(l)?.slice(1)).toEqual(OLD_TURN.exec(l)?.slice(1));
      }),
      fuzz(2000),
    );
    // And the module's pattern is that one: a turn with a time in parentheses.
    const r = parseTranscript("I (00:01): Hva hjalp?\nP1 (00:02) : At hun hørte.\n");
    expect(r.ok && r.value.notes.map((n) => [n.participant, n.text, n.attributes])).toEqual([["P1", "At hun hørte.", { time: "00:02" }]]);
  });

  it("a first line [00:00:05] I: ... is a transcript, not JSON; CR-only endings split turns", () => {
    const text = "[00:00:05] I: Hva hjalp?\r[00:00:09] P1: At hun hørte på meg.\r";
    expect(detectNotesFormat(undefined, text)).toBe("transcript");
    const result = parseNotes(text);
    expect(result.ok && result.value.notes.map((n) => [n.participant, n.text, n.question, n.origin?.line])).toEqual([["P1", "At hun hørte på meg.", "Hva hjalp?", 2]]);
  });
});

describe("JSON notes", () => {
  it("place a syntax error at 1:1 at 1:1, not at the end of the file", () => {
    const result = parseNotesJson('}\n[{"id": "1", "text": "x"}]\n', { file: "n.json" });
    expect(result.diagnostics.map(formatDiagnostic)[0]).toMatch(/^n\.json:1:1: /u);
    const late = parseNotesJson('[{"id": "1", "text": "x"},\n {"id": "2" "text": "y"}]', { file: "n.json" });
    expect(late.diagnostics.map(formatDiagnostic)[0]).toMatch(/^n\.json:2:13: /u);
  });

  it("place notes and schema problems where the YAML document places them, with one scan", () => {
    const note = fc.record({ id: fc.oneof(fc.constantFrom("a", "b\\n", "c", "æ"), fc.integer()), text: fc.oneof(fc.constantFrom("tid", "x\ny", "\"q\""), fc.constant(undefined)) }, { requiredKeys: ["id"] });
    const layout = fc.constantFrom("", " ", "\n", "\r\n", "\t");
    fc.assert(
      fc.property(fc.array(note, { maxLength: 5 }), layout, fc.boolean(), (notes, ws, wrapped) => {
        const items = notes.map((n) => JSON.stringify(n).replace(/,/gu, `,${ws}`)).join(`,${ws}`);
        const text = wrapped ? `{${ws}"notes":${ws}[${ws}${items}${ws}]${ws}}` : `[${ws}${items}${ws}]`;
        const lines = new LineCounter();
        const place = locator(parseDocument(text, { lineCounter: lines }), lines);
        const result = parseNotesJson(text);
        if (result.ok) {
          expect(result.value.notes.map((n) => n.origin && { line: n.origin.line, column: n.origin.column })).toEqual(notes.map((_, i) => place.place(wrapped ? ["notes", i] : [i])));
        } else {
          for (const d of result.diagnostics.filter((x) => x.code === "note-invalid")) expect(d.start, d.field).toEqual(place.place((d.field ?? "").split(".").filter((p) => p !== "").map((p) => (/^\d+$/u.test(p) ? Number(p) : p))));
        }
      }),
      fuzz(300),
    );
  });
});
