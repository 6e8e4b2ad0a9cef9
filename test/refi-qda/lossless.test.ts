import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { checkDataset, type DatasetFile } from "../../src/check/check-dataset.ts";
import type { CheckReport } from "../../src/check/check-report.ts";
import { loadCodebook } from "../../src/codebook/load.ts";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";
import { codeNotes } from "../../src/match/code-notes.ts";
import { readNotes } from "../../src/notes/read-notes.ts";
import type { Note } from "../../src/notes/note.ts";
import { parseQdpx } from "../../src/refi-qda/from-qdpx.ts";
import { noteFieldsDescription, parseNoteFieldsDescription } from "../../src/refi-qda/note-fields.ts";
import { buildProject, toQdpx } from "../../src/refi-qda/to-qdpx.ts";
import { kodebok, ROOT } from "../cli/run-cli.ts";
import { validate } from "./helpers.ts";

const SEMINARS = ["fixtures/seminars/city-seminar.csv", "fixtures/seminars/rural-seminar.csv"];
const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "kodebok-lossless-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const withoutOrigin = (notes: readonly Note[]) => notes.map(({ origin: _origin, ...rest }) => rest);
const files = (paths: string[]): DatasetFile[] => paths.map((file) => ({ file, text: readFileSync(join(ROOT, file), "utf8") }));
/** What `kodebok check` reports that must not change: note count, agreement rows, uncoded shares. */
const figures = (report: CheckReport) => ({
  notes: report.totals.notes,
  coders: report.totals.coders,
  agreement: report.agreement.map((r) => [r.coders.join("×"), r.level, r.id, r.units, r.alpha]),
  uncoded: report.uncoded.map((u) => [u.coder, u.notes, u.uncoded, u.share]),
});

describe("noteFieldsDescription() / parseNoteFieldsDescription()", () => {
  it("gives back every field, also values with spaces at the ends, quotes, line breaks, and attribute names with colons", () => {
    const note: Note = {
      id: "n 1",
      text: "ignored",
      seminar: "Bergen 2019-03-12",
      group: " G1",
      participant: '"P3"',
      question: "Hva hjalp?\nOg hvorfor?",
      source: "seminar-note",
      language: "nn",
      cluster: "Tid: og tilgjengelighet",
      attributes: { "dato: start": "2019-03-12", kommune: "", tom: "a\tb" },
    };
    const text = noteFieldsDescription(note, ["anna", "bo, jr."]);
    expect(text.split("\n")).toEqual([
      "kodebok-note: n 1",
      "seminar: Bergen 2019-03-12",
      'group: " G1"',
      'participant: "\\"P3\\""',
      'question: "Hva hjalp?\\nOg hvorfor?"',
      "source: seminar-note",
      "language: nn",
      "cluster: Tid: og tilgjengelighet",
      'attribute "dato: start": 2019-03-12',
      'attribute kommune: ""',
      'attribute tom: "a\\tb"',
      "seen, no code: anna",
      "seen, no code: bo, jr.",
    ]);
    const { id: _id, text: _text, ...fields } = note;
    expect(parseNoteFieldsDescription(`${text}\n\nTid: helpful (rule time.terms, term "tid")`)).toEqual({ id: "n 1", fields, seenUncoded: ["anna", "bo, jr."] });
  });

  it("reads nothing from a description that is not kodebok's", () => {
    expect(parseNoteFieldsDescription("Memo: an interesting note")).toBeUndefined();
    expect(parseNoteFieldsDescription(undefined)).toBeUndefined();
  });
});

describe("a .qdpx round trip of the seminars is lossless", async () => {
  const codebook = await loadCodebook("natland-2021");
  const loaded = await readNotes(SEMINARS.map((f) => join(ROOT, f)));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map(formatDiagnostic).join("\n"));
  const { notes, codings } = loaded.value;
  const first = toQdpx(codeNotes(notes, codebook), codebook, { codings });
  const back = parseQdpx(first, { file: "seminars.qdpx" });
  if (!back.ok) throw new Error(back.diagnostics.map(formatDiagnostic).join("\n"));

  it("gives back every note with all its fields (question, language, cluster, ...), in the export's order", () => {
    expect(back.diagnostics).toEqual([]);
    expect(back.value.notes).toHaveLength(196);
    expect(back.value.notes).toEqual(withoutOrigin(notes));
    expect(back.value.notes[0]).toEqual({ id: "bgo-001", text: "Fast saksbehandler", seminar: "Bergen 2019-03-12", group: "B-G1", participant: "B-G1-P1", question: "q1", language: "nb", cluster: "Å bli sett" });
  });

  it("gives back which notes each coder saw, also the 21 the hand coder left without a code", () => {
    const hand = back.value.seen.find((s) => s.coder === "hand")!;
    expect(hand.notes).toEqual(notes.map((n) => n.id));
    const coded = new Set(back.value.codings.filter((c) => c.coder === "hand").map((c) => c.note));
    expect(hand.notes.filter((id) => !coded.has(id))).toHaveLength(21);
    // kodebok coded every note: it saw all 196 too.
    expect(back.value.seen.find((s) => s.coder === "kodebok")!.notes).toHaveLength(196);
    // The same codings (a note's codes in codebook order).
    const key = (c: { note: string; code: string }) => `${c.note} ${c.code}`;
    expect(back.value.codings.filter((c) => c.coder === "hand").map(key).sort()).toEqual(codings.map(key).sort());
  });

  it("exports again to the same bytes, from the imported notes, codings and seen notes", () => {
    const again = toQdpx(codeNotes(back.value.notes, codebook), codebook, { codings: back.value.codings, seen: back.value.seen });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it("writes a project.qde that still validates against Project.xsd", () => {
    expect(validate(buildProject(codeNotes(notes, codebook), codebook, { codings }).qde, "Project.xsd")).toBe("valid");
  });

  it("finds kodebok's notes by their descriptions when a tool has renewed the selections' GUIDs", () => {
    const archive = unzipSync(first);
    let n = 0;
    const qde = new TextDecoder().decode(archive["project.qde"]).replace(/<PlainTextSelection guid="[^"]+"/g, () => `<PlainTextSelection guid="${`00000000-0000-4000-8000-${String(n++).padStart(12, "0")}`}"`);
    const renewed = parseQdpx(zipSync({ ...archive, "project.qde": strToU8(qde) }));
    expect(renewed.ok && withoutOrigin(renewed.value.notes)).toEqual(withoutOrigin(notes));
  });
});

describe("kodebok export -> import -> export (CLI)", () => {
  it("writes the same .qdpx again, and check gives the same alpha, note count and uncoded share", async () => {
    const dir = scratch();
    const a = join(dir, "a.qdpx");
    const b = join(dir, "b.qdpx");
    const out = join(dir, "imported");
    expect((await kodebok(["export", ...SEMINARS, "--format", "qdpx", "--out", a])).code).toBe(0);
    const imported = await kodebok(["import", a, "--out-dir", out]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain("Imported 196 notes, 195 codings by 1 coder and 6 codes");
    expect(imported.stderr).toMatch(/kodebok's own \d+ codings in kodebok-codings\.csv/);
    const again = await kodebok(["export", join(out, "notes.csv"), join(out, "codings.csv"), "--format", "qdpx", "--out", b]);
    expect(again.code).toBe(0);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);

    const before = checkDataset(files(SEMINARS), await loadCodebook("natland-2021"), { againstAuto: true });
    const after = checkDataset(
      ["notes.csv", "codings.csv"].map((f) => ({ file: f, text: readFileSync(join(out, f), "utf8") })),
      await loadCodebook("natland-2021"),
      { againstAuto: true },
    );
    expect(figures(after)).toEqual(figures(before));
    // Before this round trip was lossless, the imported data gave alpha 0.941 over 167 notes and 0 % uncoded.
    expect(after.totals.notes).toBe(196);
    expect(after.agreement.find((r) => r.level === "overall")!.units).toBe(196 * 6);
    expect(after.uncoded.find((u) => u.coder === "hand")!.share.toFixed(3)).toBe("0.107");
    expect(after.findings.filter((d) => d.severity !== "info")).toEqual([]);
  });
});

describe("a project from another tool, which records only codings", async () => {
  const codebook = await loadCodebook("natland-2021");
  const loaded = await readNotes(SEMINARS.map((f) => join(ROOT, f)));
  if (!loaded.ok) throw new Error("notes");
  const archive = unzipSync(toQdpx(codeNotes(loaded.value.notes, codebook), codebook, { codings: loaded.value.codings, machine: false }));
  // As another tool would write it: no kodebok descriptions, its own GUIDs.
  let n = 0;
  const qde = new TextDecoder()
    .decode(archive["project.qde"])
    .replace(/\n\s*<Description>kodebok-note:[^<]*<\/Description>/g, "")
    .replace(/origin="kodebok"/, 'origin="NVivo 14"')
    .replace(/<PlainTextSelection guid="[^"]+"/g, () => `<PlainTextSelection guid="${`00000000-0000-4000-8000-${String(n++).padStart(12, "0")}`}"`);
  const foreign = zipSync({ ...archive, "project.qde": strToU8(qde) });

  it("imports say the notes' fields and the coders' uncoded notes are unknown", () => {
    const result = parseQdpx(foreign, { file: "nvivo.qdpx" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(["info refi-note-fields-missing", "warning refi-seen-unknown"]);
    expect(result.value.notes).toHaveLength(196);
    expect(result.value.notes[0]!.language).toBeUndefined();
    expect(result.value.seen).toEqual([{ coder: "hand", notes: expect.any(Array) }]);
    expect(result.value.seen[0]!.notes).toHaveLength(175);
  });

  it("check warns that the hand coder's figures cover 175 of the 196 notes", async () => {
    const dir = scratch();
    const path = join(dir, "nvivo.qdpx");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path, foreign);
    const out = join(dir, "imported");
    const imported = await kodebok(["import", path, "--out-dir", out]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain("[refi-seen-unknown]");
    const check = await kodebok(["check", join(out, "notes.csv"), join(out, "codings.csv"), "--codebook", "natland-2021", "--against-auto"]);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('warning: Coder "hand" saw 175 of the 196 notes: agreement and the uncoded share for this coder cover only those [check-partial-coverage]');
  });
});
