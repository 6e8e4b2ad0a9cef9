import { RefiImportOptionsSchema } from "./refi-options.ts";
import { validateOptions } from "../diagnostics/options.ts";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";
import type { Note } from "../notes/note.ts";
import { codePointIndex, type CodePointIndex } from "./code-points.ts";
import { checkNamespace, reportSets } from "./from-qdc.ts";
import { normalizeGuid } from "./guid.ts";
import { importCodes, type ImportCodebookOptions } from "./import-codes.ts";
import { slugify, uniqueIds } from "./slug.ts";
import { parseNoteFieldsDescription, type NoteFieldsRecord } from "./note-fields.ts";
import { KODEBOK_MODEL_USER, KODEBOK_USER, noteSelectionGuid, QDE_NAMESPACE } from "./to-qdpx.ts";
import { childNamed, childrenNamed, parseXmlSafely, type XmlNode } from "./xml-read.ts";
import { readZipSafely, type ZipLimits } from "./zip.ts";

const SOURCE = "kodebok:refi-qda";

/**
 * How source texts become notes: `paragraphs` (blocks separated by blank lines), `lines` (every
 * non-blank line), `selections` (every coded selection is a note; selections with the same span
 * share one), `source` (one note per source), or
 * `notes` (the note selections kodebok wrote, with their ids; sources without them fall back to
 * paragraphs). Default: `notes` for a project kodebok wrote, `paragraphs` otherwise.
 */
export type SplitRule = "paragraphs" | "lines" | "selections" | "source" | "notes";

/** Options of {@link parseQdpx} and `readQdpx`. */
export interface QdpxImportOptions extends ImportCodebookOptions {
  split?: SplitRule;
  limits?: ZipLimits;
}

/** A user of the project (a coder). */
export interface RefiUser {
  guid: string;
  name: string;
}

/** One coded selection as read: source, code point positions, and the note it fell in. */
export interface RefiSegment {
  source: string;
  /** Code point positions in the source text, as in the file (end exclusive). */
  startPosition: number;
  endPosition: number;
  /** The first note the selection falls in, and the UTF-16 offsets inside that note's text. */
  note?: string;
  start?: number;
  end?: number;
  code: string;
  coder: string;
}

/** What a REFI-QDA project imports as: notes, human codings per user, the codebook and the users. */
export interface RefiProject {
  name: string;
  notes: Note[];
  /** One coding per (note, coder, code); `coder` is the user's name. Ready for agreement and check. */
  codings: Coding[];
  /**
   * For each user, the notes the user read: those the user coded, and those a kodebok export
   * records as `seen, no code` (the same shape as `LoadedCodings.seen`, for `compareCodings`,
   * `kodebok check` and `toQdpx`). Other tools record only codings, so for their projects a coder
   * counts as having seen the notes they coded (warning `refi-seen-unknown`).
   */
  seen: Array<{ coder: string; notes: string[] }>;
  codebook: Codebook;
  users: RefiUser[];
  segments: RefiSegment[];
}

/** A note's span in its source's text, in UTF-16 units. */
export interface Span { id: string; start: number; end: number }

function splitText(text: string, rule: SplitRule): Array<{ start: number; end: number }> {
  if (rule === "source") return text.trim() === "" ? [] : [{ start: 0, end: text.length }];
  const out: Array<{ start: number; end: number }> = [];
  const lines: Array<{ start: number; end: number; blank: boolean }> = [];
  const re = /\r\n|\n|\r/g;
  let from = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const end = m ? m.index : text.length;
    lines.push({ start: from, end, blank: text.slice(from, end).trim() === "" });
    if (!m) break;
    from = m.index + m[0].length;
  }
  if (rule === "lines") return lines.filter((l) => !l.blank).map(({ start, end }) => ({ start, end }));
  let open: { start: number; end: number } | undefined;
  for (const l of lines) {
    if (l.blank) {
      if (open) out.push(open);
      open = undefined;
    } else if (open) open.end = l.end;
    else open = { start: l.start, end: l.end };
  }
  if (open) out.push(open);
  return out;
}

function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8").decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Imports a REFI-QDA project from bytes: a `.qdpx` archive (read with zip limits) or a bare
 * `project.qde` (XML text or bytes; its sources are then missing and each coded selection becomes a
 * note with the selection's name as text). Sources become notes split by `split`; every `Coding` becomes
 * a human coding by its user (the `Coding`'s, else the selection's, else the source's
 * `creatingUser`), applied to each note the selection overlaps. Picture, PDF, audio and video
 * sources are skipped with an info.
 *
 * @param input - the `.qdpx` bytes, or the `.qde` XML as bytes or text
 * @param options - `split`, zip `limits`, `file` for messages, codebook `id`/`title`/`languages`
 * @returns notes, codings, codebook, users and segments; or errors
 * @example
 * ```ts
 * const result = parseQdpx(await readFile("project.qdpx"), { split: "paragraphs" });
 * if (result.ok) computeAgreement(result.value.codings);
 * ```
 */
export function parseQdpx(input: Uint8Array | string, options: QdpxImportOptions = {}): Result<RefiProject> {
  const valid = validateOptions(RefiImportOptionsSchema, options, "read the REFI-QDA project", "kodebok:refi-qda");
  if (!valid.ok) return valid;
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  let xml: string;
  let files: Map<string, Uint8Array> | undefined;
  if (typeof input !== "string" && !(input[0] === 0x50 && input[1] === 0x4b) && /\.qdpx$/iu.test(file ?? "")) {
    return { ok: false, diagnostics: [diagnostic({ code: "zip-invalid", severity: "error", file, source: SOURCE,
      reason: "Cannot read REFI-QDA archive: it is not a ZIP archive (a .qdpx file is one)", note: "A bare project file is a .qde; a codebook is a .qdc." })] };
  }
  if (typeof input !== "string" && input[0] === 0x50 && input[1] === 0x4b) {
    const zip = readZipSafely(input, {
      file,
      limits: options.limits,
      want: (name) => /^[^/]+\.qde$/i.test(name) || /^sources\/[^/]+\.txt$/i.test(name),
    });
    if (!zip.ok) return zip;
    files = zip.value;
    const qdes = [...files.keys()].filter((n) => /\.qde$/i.test(n)).sort((a, b) => (a === "project.qde" ? -1 : b === "project.qde" ? 1 : a.localeCompare(b)));
    if (qdes.length === 0) {
      return { ok: false, diagnostics: [diagnostic({ code: "refi-no-project", severity: "error", file, source: SOURCE,
        reason: "Cannot read REFI-QDA archive: it has no project.qde at its root" })] };
    }
    if (qdes[0] !== "project.qde") {
      diagnostics.push(diagnostic({ code: "refi-nonstandard", severity: "warning", file, source: SOURCE, actual: qdes[0],
        expected: "project.qde", reason: `Read the project from "${qdes[0]}": the standard name is project.qde` }));
    }
    xml = decodeText(files.get(qdes[0]!)!);
  } else {
    xml = typeof input === "string" ? input : decodeText(input);
  }
  const what = files ? "REFI-QDA project" : "REFI-QDA project file";
  const qdeFile = file && files ? `${file}/project.qde` : file;
  const parsed = parseXmlSafely(xml, { file: qdeFile, what });
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root.name !== "Project") {
    return { ok: false, diagnostics: [...diagnostics, diagnostic({ code: "refi-wrong-root", severity: "error", file: qdeFile, start: root.start,
      source: SOURCE, actual: root.name, expected: "Project", reason: `Cannot read ${what}: the root element is <${root.name}>, not <Project>`,
      note: root.name === "CodeBook" ? "this is a codebook: read it with readQdc() or parseQdc()" : undefined })] };
  }
  diagnostics.push(...checkNamespace(root, QDE_NAMESPACE, qdeFile));
  const projectName = root.attrs.name ?? "REFI-QDA project";
  const fromKodebok = (root.attrs.origin ?? "").startsWith("kodebok");

  // Users, with names unique among coders.
  const users: RefiUser[] = [];
  const userName = new Map<string, string>();
  const taken = new Set<string>();
  for (const u of childrenNamed(childNamed(root, "Users") ?? root, "User")) {
    const guid = normalizeGuid(u.attrs.guid);
    if (!guid) continue;
    let name = (u.attrs.name ?? u.attrs.id ?? "").trim() || guid;
    if (taken.has(name)) name = `${name} (${guid.slice(0, 8)})`;
    taken.add(name);
    users.push({ guid, name });
    userName.set(guid, name);
  }
  const coderOf = (...candidates: Array<string | undefined>): string => {
    for (const c of candidates) {
      const g = normalizeGuid(c);
      if (g) return userName.get(g) ?? g;
    }
    return "unknown";
  };

  const imported = importCodes(childNamed(childNamed(root, "CodeBook") ?? root, "Codes"), {
    ...options, file: qdeFile, title: options.title ?? projectName,
  });
  diagnostics.push(...imported.diagnostics);

  // Variables by GUID, for source-level values and cases.
  const variables = new Map<string, string>();
  for (const v of childrenNamed(childNamed(root, "Variables") ?? root, "Variable")) {
    const g = normalizeGuid(v.attrs.guid);
    if (g) variables.set(g, v.attrs.name ?? g);
  }
  const readValues = (node: XmlNode): Array<[string, string]> =>
    childrenNamed(node, "VariableValue").flatMap((vv) => {
      const ref = normalizeGuid(childNamed(vv, "VariableRef")?.attrs.targetGUID);
      const value = vv.children.find((c) => c.name !== "VariableRef");
      return ref && value ? [[variables.get(ref) ?? ref, value.text] as [string, string]] : [];
    });
  const applyValue = (note: Note, variable: string, value: string) => {
    const field = variable.toLowerCase();
    if (field === "seminar" || field === "group" || field === "participant" || field === "question") note[field] = value;
    else note.attributes = { ...note.attributes, [variable]: value };
  };

  const notes: Note[] = [];
  const codings: Coding[] = [];
  const segments: RefiSegment[] = [];
  const seen = new Set<string>();
  const noteIds = uniqueIds();
  const notesBySelection = new Map<string, Note[]>();
  const noteById = new Map<string, Note>();
  const notesBySource = new Map<string, Note[]>();
  /** Notes given back exactly from kodebok's note descriptions. */
  const exact = new Set<Note>();
  const seenBy = new Map<string, Set<string>>();
  const markSeen = (coder: string, note: string) => {
    const set = seenBy.get(coder) ?? new Set<string>();
    set.add(note);
    seenBy.set(coder, set);
  };
  const sourcesNode = childNamed(root, "Sources");
  const skipped = (sourcesNode?.children ?? []).filter((s) => s.name !== "TextSource");
  if (skipped.length > 0) {
    diagnostics.push(diagnostic({ code: "refi-unsupported-source", severity: "info", file: qdeFile, start: skipped[0]!.start, source: SOURCE,
      reason: `Skipped ${skipped.length} non-text source(s) (${[...new Set(skipped.map((s) => s.name))].join(", ")}): kodebok reads text sources only` }));
  }
  const split = options.split ?? (fromKodebok ? "notes" : "paragraphs");

  // Archive entries by lower-case name, looked up once per source (not a scan of every entry).
  const entryByName = new Map<string, string>();
  for (const k of files?.keys() ?? []) if (!entryByName.has(k.toLowerCase())) entryByName.set(k.toLowerCase(), k);
  for (const source of childrenNamed(sourcesNode ?? root, "TextSource")) {
    const sourceName = source.attrs.name ?? source.attrs.guid ?? "source";
    const sourceGuid = normalizeGuid(source.attrs.guid) ?? sourceName;
    const slug = slugify(sourceName.replace(/\.[a-z0-9]{1,4}$/i, ""), "source");
    let text: string | undefined;
    const path = source.attrs.plainTextPath;
    const internal = path?.startsWith("internal://") ? path.slice("internal://".length) : undefined;
    if (internal !== undefined && files) {
      const entry = entryByName.get(`sources/${internal.toLowerCase()}`);
      if (entry) text = decodeText(files.get(entry)!);
    }
    const content = childNamed(source, "PlainTextContent");
    if (text === undefined && content) text = content.text;
    const selections = childrenNamed(source, "PlainTextSelection");
    if (text === undefined && (selections.length > 0 || childrenNamed(source, "Coding").length > 0)) {
      diagnostics.push(diagnostic({ code: "refi-source-missing", severity: "warning", file: qdeFile, start: source.start, source: SOURCE,
        actual: path ?? "(no path)",
        reason: `The text of source "${sourceName}" is not in the ${files ? "archive" : "file"}: each of its coded selections became a note with the selection's name as text` }));
    }
    const index: CodePointIndex | undefined = text === undefined ? undefined : codePointIndex(text);
    const sourceNotes: Note[] = [];
    const spans: Span[] = [];
    const sourceValues = readValues(source);
    const makeNote = (id: string, noteText: string, record?: NoteFieldsRecord): Note => {
      let note: Note;
      if (record) {
        // A note kodebok wrote: its fields come back exactly, without the variables of sources and cases.
        note = { id, text: noteText, ...record.fields };
        exact.add(note);
        for (const coder of record.seenUncoded) markSeen(coder, id);
      } else {
        note = { id, text: noteText, attributes: { refiSource: sourceName } };
        for (const [k, v] of sourceValues) applyValue(note, k, v);
      }
      notes.push(note);
      noteById.set(id, note);
      sourceNotes.push(note);
      return note;
    };
    // kodebok's note selections (recognised by their GUID) give the notes back with their ids.
    const noteSelections = index
      ? selections.flatMap((sel) => {
          const name = sel.attrs.name ?? "";
          const s0 = position(sel.attrs.startPosition);
          const s1 = position(sel.attrs.endPosition);
          const record = parseNoteFieldsDescription(childNamed(sel, "Description")?.text);
          const inRange = Number.isInteger(s0) && Number.isInteger(s1) && 0 <= s0 && s0 <= s1 && s1 <= index.length;
          // Recognised by kodebok's GUID, or by the description (a tool that renews GUIDs keeps it).
          const isNote = inRange && ((name !== "" && normalizeGuid(sel.attrs.guid) === noteSelectionGuid(name, s0, s1).toUpperCase()) || record !== undefined);
          return isNote ? [{ name: record?.id ?? name, start: index.toUtf16(s0), end: index.toUtf16(s1), record }] : [];
        })
      : [];
    const byNoteSpan = new Map(noteSelections.map((n) => [`${n.start}:${n.end}`, n]));
    if (text !== undefined && split === "notes" && noteSelections.length > 0) {
      for (const n of [...noteSelections].sort((a, b) => a.start - b.start)) {
        const id = noteIds(n.name);
        makeNote(id, text.slice(n.start, n.end), n.record);
        spans.push({ id, start: n.start, end: n.end });
      }
    } else if (text !== undefined && split !== "selections") {
      splitText(text, split === "notes" ? "paragraphs" : split).forEach((p, i) => {
        const named = byNoteSpan.get(`${p.start}:${p.end}`);
        const id = noteIds(named?.name ?? (split === "source" ? slug : `${slug}-${i + 1}`));
        makeNote(id, text!.slice(p.start, p.end), named?.record);
        spans.push({ id, start: p.start, end: p.end });
      });
    }
    const selectionNotes = new Map<string, string>();
    const addCoding = (note: string, coder: string, code: string) => {
      const k = `${note}\u0000${coder}\u0000${code}`;
      if (seen.has(k)) return;
      seen.add(k);
      codings.push({ note, coder, code });
      markSeen(coder, note);
    };
    const hitsOf = spansHit(spans);
    for (const sel of selections) {
      const start = position(sel.attrs.startPosition);
      const end = position(sel.attrs.endPosition);
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || (index && end > index.length)) {
        diagnostics.push(diagnostic({ code: "refi-selection-out-of-range", severity: "warning", file: qdeFile, start: sel.start, source: SOURCE,
          actual: `${sel.attrs.startPosition}-${sel.attrs.endPosition}`, expected: index ? `0-${index.length}` : "0 <= start <= end",
          reason: `Skipped selection "${sel.attrs.name ?? sel.attrs.guid ?? ""}" of source "${sourceName}": its positions lie outside the text` }));
        continue;
      }
      let hit: Span[];
      let u0 = start;
      let u1 = end;
      const coded = childrenNamed(sel, "Coding").length > 0;
      if (index && text !== undefined) {
        u0 = index.toUtf16(start);
        u1 = index.toUtf16(end);
      }
      if (split === "selections" || text === undefined) {
        // Each coded selection is a note; selections with the same span (two coders) share it.
        if (!coded) continue;
        const spanKey = `${start}-${end}`;
        let id = selectionNotes.get(spanKey);
        if (id === undefined) {
          id = noteIds(`${slug}-${spanKey}`);
          selectionNotes.set(spanKey, id);
          makeNote(id, text === undefined ? (sel.attrs.name ?? "") : text.slice(u0, u1));
          spans.push({ id, start: u0, end: u1 });
        }
        hit = [{ id, start: u0, end: u1 }];
      } else {
        hit = hitsOf(u0, u1);
      }
      const selGuid = normalizeGuid(sel.attrs.guid);
      if (selGuid) notesBySelection.set(selGuid, hit.map((h) => noteById.get(h.id)!));
      for (const coding of childrenNamed(sel, "Coding")) {
        const ref = childNamed(coding, "CodeRef")?.attrs.targetGUID;
        const code = imported.codeByGuid.get(normalizeGuid(ref) ?? "");
        if (code === undefined) {
          diagnostics.push(diagnostic({ code: "refi-unknown-code-ref", severity: "warning", file: qdeFile, start: coding.start, source: SOURCE,
            actual: ref ?? "(none)", reason: `Skipped a coding of source "${sourceName}": code ${ref ?? "(none)"} is not a codable code of the codebook` }));
          continue;
        }
        const coder = coderOf(coding.attrs.creatingUser, sel.attrs.creatingUser, source.attrs.creatingUser);
        for (const h of hit) addCoding(h.id, coder, code);
        const first = hit[0];
        const segment: RefiSegment = { source: sourceName, startPosition: start, endPosition: end, code, coder };
        if (first && index) Object.assign(segment, { note: first.id, start: u0 - first.start, end: u1 - first.start });
        else if (first) segment.note = first.id;
        segments.push(segment);
      }
    }
    // Codings of the whole source.
    for (const coding of childrenNamed(source, "Coding")) {
      const code = imported.codeByGuid.get(normalizeGuid(childNamed(coding, "CodeRef")?.attrs.targetGUID) ?? "");
      if (code === undefined) continue;
      const coder = coderOf(coding.attrs.creatingUser, source.attrs.creatingUser);
      for (const n of sourceNotes) addCoding(n.id, coder, code);
    }
    notesBySource.set(sourceGuid, sourceNotes);
  }

  // Cases carry variables (seminar, group, participant, ...) to the notes they refer to.
  for (const c of childrenNamed(childNamed(root, "Cases") ?? root, "Case")) {
    const values = readValues(c);
    if (values.length === 0) continue;
    const targets = [
      ...childrenNamed(c, "SourceRef").flatMap((r) => notesBySource.get(normalizeGuid(r.attrs.targetGUID) ?? "") ?? []),
      ...childrenNamed(c, "SelectionRef").flatMap((r) => notesBySelection.get(normalizeGuid(r.attrs.targetGUID) ?? "") ?? []),
    ];
    for (const note of targets) if (!exact.has(note)) for (const [k, v] of values) applyValue(note, k, v);
  }
  diagnostics.push(...reportSets(childNamed(root, "Sets"), "targetGUID", qdeFile));
  const inexact = notes.filter((n) => !exact.has(n)).length;
  if (inexact > 0) {
    diagnostics.push(diagnostic({ code: "refi-note-fields-missing", severity: "info", file: qdeFile, source: SOURCE,
      reason: `${inexact} of ${notes.length} notes carry only what REFI-QDA variables hold (seminar, group, participant, question): the project does not record their language, cluster or source, so their language will be detected`,
      note: "Only projects kodebok wrote keep every note field (in each note selection's Description)." }));
  }
  const humanCoders = [...new Set(codings.map((c) => c.coder))].filter((c) => c !== KODEBOK_USER && c !== KODEBOK_MODEL_USER);
  if (inexact > 0 && humanCoders.length > 0) {
    diagnostics.push(diagnostic({ code: "refi-seen-unknown", severity: "warning", file: qdeFile, source: SOURCE,
      reason: `The project does not record which notes ${humanCoders.length === 1 ? `"${humanCoders[0]}"` : "its coders"} read and left uncoded: each coder counts as having seen only the notes they coded, so agreement and the share of uncoded notes will cover fewer notes`,
      note: "kodebok check warns about it too (check-partial-coverage); a coder's uncoded notes can be added as codings rows with an empty code." }));
  }
  // Kodebok's own codings come back under the coder "kodebok" like any user's.
  const order = new Map(notes.map((n, i) => [n.id, i]));
  const coderOrder = [...users.map((u) => u.name), ...seenBy.keys()];
  const seenList = [...new Set(coderOrder)].filter((c) => seenBy.has(c)).map((coder) => ({
    coder,
    notes: [...seenBy.get(coder)!].filter((id) => order.has(id)).sort((a, b) => order.get(a)! - order.get(b)!),
  }));
  return {
    ok: true,
    value: { name: projectName, notes, codings, seen: seenList, codebook: imported.codebook, users, segments },
    diagnostics,
  };
}

/**
 * The notes' spans a selection from `u0` to `u1` touches (overlaps, or holds its position when it
 * is empty), in the spans' order. Spans in text order that do not overlap (as notes and
 * paragraphs are) are found by two binary searches, so an import is O(selections * log notes),
 * not O(selections * notes) (80,000 of each took 41 s); other spans are filtered one by one.
 * Internal (not in the package's index).
 *
 * @param spans the notes' spans in a source, in order
 * @returns the spans a selection touches
 * @example
 * ```ts
 * spansHit([{ id: "a", start: 0, end: 4 }, { id: "b", start: 5, end: 9 }])(3, 6).map((s) => s.id); // ["a", "b"]
 * ```
 */
export function spansHit(spans: readonly Span[]): (u0: number, u1: number) => Span[] {
  const touches = (s: Span, u0: number, u1: number) => (u0 < s.end && u1 > s.start) || (u0 === u1 && u0 >= s.start && u0 <= s.end);
  let ordered = true;
  for (let i = 1; i < spans.length && ordered; i++) if (spans[i]!.start < spans[i - 1]!.start || spans[i]!.end < spans[i - 1]!.end) ordered = false;
  if (!ordered) return (u0, u1) => spans.filter((s) => touches(s, u0, u1));
  const firstWhere = (test: (s: Span) => boolean): number => {
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (test(spans[mid]!)) high = mid;
      else low = mid + 1;
    }
    return low;
  };
  return (u0, u1) => {
    const empty = u0 === u1;
    const from = firstWhere((s) => (empty ? s.end >= u0 : s.end > u0));
    const to = firstWhere((s) => (empty ? s.start > u0 : s.start >= u1));
    return spans.slice(from, Math.max(from, to));
  };
}

/**
 * A selection's position: a whole number written in decimal digits only. `Number()` also takes
 * `""` (0), `" 1"` and `"0x10"` (16), which would place a selection where its file does not;
 * anything else is NaN here, and the selection is reported as out of range.
 */
function position(value: string | undefined): number {
  return value !== undefined && /^[0-9]{1,15}$/u.test(value) ? Number(value) : Number.NaN;
}
