import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.ts";
import { KodebokError } from "../../src/diagnostics/result.ts";
import { parseQdpx } from "../../src/refi-qda/from-qdpx.ts";
import { buildProject, toQdpx } from "../../src/refi-qda/to-qdpx.ts";
import { codebook, coded, humanCodings, SHARED, validate } from "./helpers.ts";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("toQdpx()", () => {
  it("writes project.qde that validates against Project.xsd, for each grouping", () => {
    for (const sources of ["seminar", "note-source", "note"] as const) {
      const { qde } = buildProject(coded, codebook, { sources, codings: humanCodings });
      expect(validate(qde, "Project.xsd")).toBe("valid");
    }
  });

  it("zips project.qde and one UTF-8 source per seminar, without BOM, notes separated by a blank line", () => {
    const files = unzipSync(toQdpx(coded, codebook));
    const names = Object.keys(files);
    expect(names[0]).toBe("project.qde");
    expect(names.slice(1)).toHaveLength(2);
    for (const n of names.slice(1)) expect(n).toMatch(/^sources\/[0-9a-f-]{36}\.txt$/);
    const first = files[names[1]!]!;
    expect(first[0]).not.toBe(0xef);
    expect(decode(first)).toBe("Saksbehandleren tok seg tid 😀 og så meg\n\nFikk ærlig informasjon om ordningene");
    expect(validate(decode(files["project.qde"]!), "Project.xsd")).toBe("valid");
  });

  it("counts selection positions in code points, not UTF-16 units", () => {
    const { qde } = buildProject(coded, codebook);
    // "så meg" is UTF-16 34..40 in n1 (the emoji is two units) but code points 33..39.
    expect(qde).toMatch(/name="så meg" startPosition="33" endPosition="39"/);
    // n3 starts the Tromsø source with two emoji: "tid" is UTF-16 12..15, code points 9..12.
    expect(qde).toMatch(/name="tid" startPosition="9" endPosition="12"/);
    // n2 starts after n1 (39 code points) and the blank line: 41; "informasjon" at 41 + 11.
    expect(qde).toMatch(/name="n2" startPosition="41" endPosition="77"/);
    expect(qde).toMatch(/name="informasjon" startPosition="52" endPosition="63"/);
  });

  it("writes the same bytes twice, whatever the time zone", () => {
    const a = toQdpx(coded, codebook, { codings: humanCodings });
    const b = toQdpx(structuredClone(coded), codebook, { codings: [...humanCodings] });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("writes users for kodebok and each human coder, and cases with variables", () => {
    const { qde } = buildProject(coded, codebook, { codings: humanCodings });
    expect(qde.match(/<User guid="[^"]+" name="([^"]+)"\/>/g)?.map((u) => /name="([^"]+)"/.exec(u)![1])).toEqual(["kodebok", "Kari Nordmann", "Ola"]);
    expect(qde.match(/<Case guid="[^"]+" name="([^"]+)">/g)).toHaveLength(4);
    expect(qde).toContain('name="B (Tromsø 2020)"');
    expect(qde.match(/<Variable guid="[^"]+" name="(\w+)"/g)?.map((v) => /name="(\w+)"/.exec(v)![1])).toEqual(["Seminar", "Group", "Participant"]);
  });

  it("refuses human codings of unknown notes or codes", () => {
    expect(() => toQdpx(coded, codebook, { codings: [{ note: "n9", coder: "Kari", code: "time" }] })).toThrow(KodebokError);
    expect(() => toQdpx(coded, codebook, { codings: [{ note: "n1", coder: "Kari", code: "nope" }] })).toThrow(/code "nope" is not in codebook/);
  });
});

describe("parseQdpx() round trip", () => {
  const bytes = toQdpx(coded, codebook, { codings: humanCodings });
  const result = parseQdpx(bytes, { file: "seminars.qdpx" });

  it("gives back the same notes, with their ids, texts and metadata", () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.diagnostics).toEqual([]);
    expect(result.value.notes.map((n) => [n.id, n.text, n.seminar, n.group, n.participant])).toEqual(
      coded.map((c) => [c.note.id, c.note.text, c.note.seminar, c.note.group, c.note.participant]));
  });

  it("gives back the same codes and every coder's codings", () => {
    if (!result.ok) return;
    expect(result.value.codebook.codes.map((c) => [c.id, c.category])).toEqual(codebook.codes.map((c) => [c.id, c.category]));
    expect(result.value.users.map((u) => u.name)).toEqual(["kodebok", "Kari Nordmann", "Ola"]);
    const human = result.value.codings.filter((c) => c.coder !== "kodebok");
    expect(human.map((c) => `${c.coder}|${c.note}|${c.code}`).sort()).toEqual(humanCodings.map((c) => `${c.coder}|${c.note}|${c.code}`).sort());
    const machine = result.value.codings.filter((c) => c.coder === "kodebok").map((c) => `${c.note}|${c.code}`).sort();
    expect(machine).toEqual(coded.flatMap((c) => c.codes.map((a) => `${c.note.id}|${a.code}`)).sort());
  });

  it("gives back the same evidence positions", () => {
    if (!result.ok) return;
    const got = result.value.segments.filter((s) => s.coder === "kodebok").map((s) => `${s.note}|${s.code}|${s.start}|${s.end}`).sort();
    const want = coded.flatMap((c) => c.codes.flatMap((a) => a.evidence.map((e) => `${c.note.id}|${a.code}|${e.start}|${e.end}`))).sort();
    expect(got).toEqual(want);
  });

  it("round-trips one source per note too", () => {
    const r = parseQdpx(toQdpx(coded, codebook, { sources: "note" }), { split: "source" });
    expect(r.ok && r.value.notes.map((n) => [n.id, n.text])).toEqual(coded.map((c) => [c.note.id, c.note.text]));
  });

  it("gives back a note that contains a blank line whole, by kodebok's note selections", () => {
    const withBlank = [{ ...coded[3]!, note: { ...coded[3]!.note, id: "n5", text: "Første avsnitt.\n\nAndre avsnitt 😀." } }, coded[0]!];
    const zip = toQdpx(withBlank, codebook);
    const r = parseQdpx(zip);
    expect(r.ok && r.value.notes.map((n) => [n.id, n.text])).toEqual(withBlank.map((c) => [c.note.id, c.note.text]));
    const paragraphs = parseQdpx(zip, { split: "paragraphs" });
    expect(paragraphs.ok && paragraphs.value.notes.map((n) => n.text)).toEqual(["Første avsnitt.", "Andre avsnitt 😀.", coded[0]!.note.text]);
  });

  it("splits by lines or by selections when asked", () => {
    const lines = parseQdpx(bytes, { split: "lines" });
    expect(lines.ok && lines.value.notes).toHaveLength(4);
    const sel = parseQdpx(bytes, { split: "selections" });
    expect(sel.ok && sel.value.notes.map((n) => n.text)).toContain("så meg");
  });
});

describe("parseQdpx() on ATLAS.ti's standard project (a bare .qde)", () => {
  const xml = readFileSync(join(SHARED, "atlasti-8.4-mac-refi-standard-project.qde"), "utf8");
  const result = parseQdpx(xml, { file: "atlasti.qde" });

  it("imports all 14 codes, the Coke hierarchy and the 3 users", () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const book = result.value.codebook;
    expect(book.codes).toHaveLength(14);
    expect(book.codes.map((c) => c.label)).toEqual(expect.arrayContaining(["happiness", "Feelings", "Coke", "Coke::diet Coke", "Coke::full-fat Coke", '"rushed"', "cornflakes"]));
    const coke = book.codes.find((c) => c.label === "Coke")!;
    expect(coke.id).toBe("coke");
    expect(book.codes.filter((c) => c.category === coke.category).map((c) => c.label).sort()).toEqual(["Coke", "Coke::diet Coke", "Coke::full-fat Coke"]);
    expect(book.categories.find((c) => c.id === coke.category)?.label).toBe("Coke");
    expect(book.codes.find((c) => c.label === "cornflakes")?.definition).toBe("breakfast cereal made by Kellogg’s");
    expect(result.value.users.map((u) => u.name)).toEqual(["ATLAS.ti", "Friedrich Markgraf", "Sebastian Petrausch"]);
  });

  it("turns the selections of its text sources into notes and codings, and says what it skipped", () => {
    if (!result.ok) return;
    expect(result.value.codings.length).toBeGreaterThanOrEqual(7);
    expect(new Set(result.value.codings.map((c) => c.coder))).toEqual(new Set(["Friedrich Markgraf"]));
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toContain("refi-source-missing");
    expect(codes).toContain("refi-unsupported-source");
    expect(codes).toContain("refi-hierarchy-from-names");
    expect(result.value.notes.find((n) => n.text.startsWith("Oh, that was great"))).toBeDefined();
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.diagnostics.map(formatDiagnostic)[0]).toMatch(/^atlasti\.qde:/);
  });
});
