import { RefiExportOptionsSchema } from "./refi-options.ts";
import { checkOptions } from "../diagnostics/options.ts";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import type { CodedNote } from "../match/coded-note.ts";
import type { Note } from "../notes/note.ts";
import { codePointIndex } from "./code-points.ts";
import { refiGuid } from "./guid.ts";
import { noteFieldsDescription } from "./note-fields.ts";
import { codebookCodeElements, codebookGuids, KODEBOK_ORIGIN, localized, type QdcOptions } from "./to-qdc.ts";
import { serializeXml, type XmlElement } from "./xml-write.ts";
import { writeZipDeterministic } from "./zip.ts";

/** The REFI-QDA 1.0 project namespace. */
export const QDE_NAMESPACE = "urn:QDA-XML:project:1.0";
/** What separates two notes inside one text source: a blank line. */
export const NOTE_SEPARATOR = "\n\n";
/** The name of kodebok's own user, the coder of every coding by the codebook's rules. */
export const KODEBOK_USER = "kodebok";
/** The name of the user that codes what a learned model decided (`codeNotes(..., { model })`), apart from the rules. */
export const KODEBOK_MODEL_USER = "kodebok-model";

/** How notes are grouped into text sources. */
export type SourceGrouping = "seminar" | "note-source" | "note";

/** Options of {@link toQdpx}. */
export interface QdpxOptions extends QdcOptions {
  /** The project name (default: the codebook's title). */
  name?: string;
  /** One text source per seminar (default), per note `source` (survey, interview, ...), or per note. */
  sources?: SourceGrouping;
  /**
   * Human codings to include, each coder as a user (their codes apply to whole notes). Codings by
   * the coder `kodebok` are kodebok's own: they are left out, since the machine coding is written
   * from the coded notes (see `machine`).
   */
  codings?: readonly Coding[];
  /**
   * For each human coder, the notes the coder read (coded or deliberately left uncoded), as
   * `LoadedCodings.seen` gives it. A note a coder saw and gave no code is recorded as
   * `seen, no code: <coder>` in its selection's `Description`, so agreement and uncoded shares
   * come back the same after an import. Left out: every coder counts as having seen every note.
   */
  seen?: ReadonlyArray<{ coder: string; notes: readonly string[] }>;
  /** Include kodebok's own codings (default true). */
  machine?: boolean;
}

/** A text source of an export: its GUID, name and text, and where each note lies in it. */
export interface ExportedSource {
  guid: string;
  name: string;
  text: string;
  notes: { note: Note; start: number; end: number }[];
}

/** The parts of a `.qdpx` before zipping: the `project.qde` text and the source texts. */
export interface ExportedProject {
  qde: string;
  sources: ExportedSource[];
}

const VARIABLES = [
  ["Seminar", "seminar"],
  ["Group", "group"],
  ["Participant", "participant"],
  ["Question", "question"],
] as const;

/**
 * The GUID of the selection that spans a whole note in a kodebok export: derived from the note id
 * and its positions only, so an import can recognise kodebok's note selections and give the notes
 * back exactly (even notes that contain blank lines).
 *
 * @param noteId - the note id (the selection's name)
 * @param start - start position in code points
 * @param end - end position in code points
 * @returns the GUID
 * @example
 * ```ts
 * noteSelectionGuid("n1", 0, 39) === noteSelectionGuid("n1", 0, 39); // true
 * ```
 */
export function noteSelectionGuid(noteId: string, start: number, end: number): string {
  return refiGuid("note-selection", noteId, String(start), String(end));
}

function groupKey(note: Note, grouping: SourceGrouping): string {
  if (grouping === "note") return note.id;
  if (grouping === "note-source") return note.source ?? "notes";
  return note.seminar ?? "notes";
}

/** A note selection's `Description`: the note's fields, then (after a blank line) the evidence. */
function selectionDescription(fields: string | undefined, evidence: readonly string[]): XmlElement | undefined {
  const parts = [...(fields !== undefined ? [fields] : []), ...(evidence.length > 0 ? [evidence.join("\n")] : [])];
  return parts.length > 0 ? { name: "Description", text: parts.join("\n\n") } : undefined;
}

/** Compares strings by UTF-16 code units: the same order everywhere, whatever the locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function variableValue(guid: string, value: string): XmlElement {
  return { name: "VariableValue", children: [{ name: "VariableRef", attrs: [["targetGUID", guid]] }, { name: "TextValue", text: value }] };
}

/**
 * Builds a REFI-QDA project from coded notes: the `project.qde` XML and the text of each source.
 * {@link toQdpx} zips the result; use this to inspect or validate the XML.
 *
 * @param coded - coded notes (from `codeNotes`)
 * @param codebook - the codebook they were coded with
 * @param options - see {@link QdpxOptions}
 * @returns the project XML and the sources
 * @throws KodebokError when a human coding names a note or code that is not there
 * @example
 * ```ts
 * const { qde, sources } = buildProject(codeNotes(notes, codebook), codebook);
 * sources[0].text; // the seminar's notes, separated by blank lines
 * ```
 */
export function buildProject(coded: readonly CodedNote[], codebook: Codebook, options: QdpxOptions = {}): ExportedProject {
  options = checkOptions(RefiExportOptionsSchema, options, "write the REFI-QDA project", "kodebok:refi-qda");
  const grouping = options.sources ?? "seminar";
  const language = options.language ?? codebook.languages[0];
  const projectName = options.name ?? (localized(codebook.title, language) || codebook.id);
  const key = codebook.id;
  const guids = codebookGuids(codebook);
  const codeGuid = (id: string) => guids.get(`code:${id}`);
  const codeById = new Map<string, { label: Codebook["codes"][number]["label"] }>([
    ...codebook.codes.map((c) => [c.id, c] as const),
    ...(codebook.dimensions ?? []).flatMap((d) => d.codes.map((c) => [c.id, c] as const)),
  ]);
  const kodebokUser = refiGuid("user", KODEBOK_USER);
  const modelUser = refiGuid("user", KODEBOK_MODEL_USER);
  let modelCoded = false;
  const problems: Diagnostic[] = [];

  // Human coders and their codings, checked against the notes and the codebook. Coders are
  // written in name order and each note's codings in coder and codebook order, so the same codings
  // in any order give the same bytes (an import followed by an export gives the project back).
  const noteIds = new Set(coded.map((c) => c.note.id));
  const codeOrder = new Map(codebook.codes.map((c, i) => [c.id, i]));
  const humanByNote = new Map<string, Coding[]>();
  const coderNames = new Set<string>();
  for (const c of options.codings ?? []) {
    if (c.coder === KODEBOK_USER || c.coder === KODEBOK_MODEL_USER) continue;
    if (!noteIds.has(c.note)) {
      problems.push(diagnostic({ code: "coding-unknown-note", severity: "error", source: "kodebok:refi-qda",
        reason: `Cannot export coding by "${c.coder}": note "${c.note}" is not among the coded notes` }));
    } else if (!codeGuid(c.code)) {
      problems.push(diagnostic({ code: "coding-unknown-code", severity: "error", source: "kodebok:refi-qda",
        reason: `Cannot export coding by "${c.coder}" of note "${c.note}": code "${c.code}" is not in codebook "${codebook.id}"` }));
    } else {
      coderNames.add(c.coder);
      const list = humanByNote.get(c.note) ?? [];
      if (!list.some((x) => x.coder === c.coder && x.code === c.code)) list.push(c);
      humanByNote.set(c.note, list);
    }
  }
  const seenBy = new Map<string, Set<string>>();
  for (const s of options.seen ?? []) {
    if (s.coder === KODEBOK_USER || s.coder === KODEBOK_MODEL_USER) continue;
    coderNames.add(s.coder);
    const set = seenBy.get(s.coder) ?? new Set<string>();
    for (const n of s.notes) set.add(n);
    seenBy.set(s.coder, set);
  }
  const coders = new Map([...coderNames].sort(byCodeUnits).map((name) => [name, refiGuid("user", name)]));
  for (const list of humanByNote.values()) {
    list.sort((a, b) => byCodeUnits(a.coder, b.coder) || codeOrder.get(a.code)! - codeOrder.get(b.code)!);
  }
  /** The coders who saw a note and gave it no code: kodebok first (when it codes), then the humans. */
  const seenUncoded = (c: CodedNote): string[] => {
    const out = options.machine !== false && c.codes.length === 0 ? [KODEBOK_USER] : [];
    const codedBy = new Set((humanByNote.get(c.note.id) ?? []).map((h) => h.coder));
    for (const coder of coders.keys()) {
      const saw = options.seen === undefined || seenBy.get(coder)?.has(c.note.id) === true;
      if (saw && !codedBy.has(coder)) out.push(coder);
    }
    return out;
  };
  for (const c of coded) {
    for (const a of c.codes) {
      if (!codeGuid(a.code)) {
        problems.push(diagnostic({ code: "coding-unknown-code", severity: "error", source: "kodebok:refi-qda",
          reason: `Cannot export note "${c.note.id}": code "${a.code}" is not in codebook "${codebook.id}"` }));
      }
    }
  }
  if (problems.length > 0) throw new KodebokError(problems);

  // Sources: notes grouped, joined with a blank line.
  const groups = new Map<string, CodedNote[]>();
  for (const c of coded) {
    const k = groupKey(c.note, grouping);
    const list = groups.get(k);
    if (list) list.push(c);
    else groups.set(k, [c]);
  }
  const sources: ExportedSource[] = [];
  const sourceElements: XmlElement[] = [];
  const selectionsOf = new Map<string, string>(); // note id -> note selection guid
  const sourceOfNote = new Map<string, string>();
  const usedVariables = new Set<string>();
  for (const c of coded) for (const [, field] of VARIABLES) if (c.note[field] !== undefined) usedVariables.add(field);
  const variableGuid = (field: string) => refiGuid("variable", key, field);

  for (const [k, notes] of groups) {
    const guid = refiGuid("source", key, grouping, k);
    const placed: ExportedSource["notes"] = [];
    let text = "";
    for (const c of notes) {
      if (text !== "" || placed.length > 0) text += NOTE_SEPARATOR;
      placed.push({ note: c.note, start: text.length, end: text.length + c.note.text.length });
      text += c.note.text;
    }
    const index = codePointIndex(text);
    sources.push({ guid, name: k, text, notes: placed });

    interface Sel { guid: string; start: number; end: number; name: string; fields?: string; description: string[]; codings: XmlElement[]; codingGuids: Set<string>; order: number }
    const selections = new Map<string, Sel>();
    const selection = (noteId: string, start: number, end: number, name: string, order: number, kind: string): Sel => {
      const id = `${start}:${end}`;
      let s = selections.get(id);
      if (!s) {
        s = { guid: kind === "note" ? noteSelectionGuid(noteId, start, end) : refiGuid(kind, key, noteId, String(start), String(end)), start, end, name, description: [], codings: [], codingGuids: new Set(), order };
        selections.set(id, s);
      }
      return s;
    };
    for (const [i, p] of placed.entries()) {
      const start = index.toCodePoint(p.start);
      const end = index.toCodePoint(p.end);
      const noteSel = selection(p.note.id, start, end, p.note.id, 0, "note");
      noteSel.fields = noteFieldsDescription(p.note, seenUncoded(notes[i]!));
      selectionsOf.set(p.note.id, noteSel.guid);
      sourceOfNote.set(p.note.id, guid);
      for (const h of humanByNote.get(p.note.id) ?? []) {
        noteSel.codings.push({ name: "Coding", attrs: [["guid", refiGuid("coding", key, p.note.id, h.coder, h.code)], ["creatingUser", coders.get(h.coder)]],
          children: [{ name: "CodeRef", attrs: [["targetGUID", codeGuid(h.code)]] }] });
      }
      if (options.machine === false) continue;
      const application = notes[i]!;
      // The themes, then the codes of further dimensions (actors), which have a polarity only where the dimension has one.
      const applications = [
        ...application.codes,
        ...Object.entries(application.dimensions ?? {}).flatMap(([dimension, list]) => list.map((a) => ({ ...a, dimension }))),
      ];
      for (const a of applications) {
        const label = localized(codeById.get(a.code)?.label, language) || a.code;
        const learned = "learned" in a ? a.learned : undefined;
        if (learned !== undefined) {
          // A learned model decided: coded by its own user, on the rules' evidence if any, else on the whole note.
          modelCoded = true;
          const why = `${label}: ${a.polarity} (model, p = ${learned.probability}; ${learned.features.map((f) => f.feature).join(", ") || "no feature"})`;
          const targets = a.evidence.length > 0
            ? a.evidence.map((e) => selection(p.note.id, index.toCodePoint(p.start + e.start), index.toCodePoint(p.start + e.end), e.text, 1, "evidence"))
            : [noteSel];
          for (const s of targets) {
            const codingGuid = refiGuid("coding", key, p.note.id, KODEBOK_MODEL_USER, a.code, String(s.start), String(s.end));
            if (s.codingGuids.has(codingGuid)) continue;
            s.codingGuids.add(codingGuid);
            s.description.push(why);
            s.codings.push({ name: "Coding", attrs: [["guid", codingGuid], ["creatingUser", modelUser]],
              children: [{ name: "CodeRef", attrs: [["targetGUID", codeGuid(a.code)]] }] });
          }
          continue;
        }
        for (const e of a.evidence) {
          const s = selection(p.note.id, index.toCodePoint(p.start + e.start), index.toCodePoint(p.start + e.end), e.text, 1, "evidence");
          const kind = e.polarity ?? ("dimension" in a ? a.dimension : "");
          s.description.push(`${label}: ${kind} (rule ${e.rule}, term "${e.term}"${e.cue ? `, cue "${e.cue}"` : ""})`);
          const codingGuid = refiGuid("coding", key, p.note.id, KODEBOK_USER, a.code, String(s.start), String(s.end));
          if (s.codingGuids.has(codingGuid)) continue;
          s.codingGuids.add(codingGuid);
          s.codings.push({ name: "Coding", attrs: [["guid", codingGuid], ["creatingUser", kodebokUser]],
            children: [{ name: "CodeRef", attrs: [["targetGUID", codeGuid(a.code)]] }] });
        }
      }
    }
    const ordered = [...selections.values()].sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
    const sourceVariables: XmlElement[] = [];
    for (const [, field] of VARIABLES) {
      const values = new Set(notes.map((c) => c.note[field]));
      const [only] = values;
      if (values.size === 1 && only !== undefined && (grouping === "note" || field === "seminar")) {
        sourceVariables.push(variableValue(variableGuid(field), only));
      }
    }
    sourceElements.push({
      name: "TextSource",
      attrs: [["guid", guid], ["name", k], ["plainTextPath", `internal://${guid}.txt`], ["creatingUser", kodebokUser]],
      children: [
        ...ordered.map((s): XmlElement => ({
          name: "PlainTextSelection",
          attrs: [["guid", s.guid], ["name", s.name], ["startPosition", s.start], ["endPosition", s.end], ["creatingUser", kodebokUser]],
          children: [selectionDescription(s.fields, s.description), ...s.codings],
        })),
        ...sourceVariables,
      ],
    });
  }

  // Cases: one per participant, or per group for notes without a participant.
  const cases = new Map<string, { name: string; notes: Note[] }>();
  for (const c of coded) {
    const n = c.note;
    const caseKey = n.participant !== undefined ? `participant:${n.participant}` : n.group !== undefined ? `group:${n.seminar ?? ""}:${n.group}` : undefined;
    if (caseKey === undefined) continue;
    const name = n.participant !== undefined ? n.participant : `${n.group}${n.seminar !== undefined ? ` (${n.seminar})` : ""}`;
    const entry = cases.get(caseKey) ?? { name, notes: [] };
    entry.notes.push(n);
    cases.set(caseKey, entry);
  }
  const caseElements = [...cases].map(([caseKey, { name, notes }]): XmlElement => {
    const values: XmlElement[] = [];
    for (const [, field] of VARIABLES) {
      if (field === "question") continue;
      const v = new Set(notes.map((n) => n[field]));
      const [only] = v;
      if (v.size === 1 && only !== undefined) values.push(variableValue(variableGuid(field), only));
    }
    return {
      name: "Case",
      attrs: [["guid", refiGuid("case", key, caseKey)], ["name", name]],
      children: [
        ...values,
        ...(grouping === "note"
          ? notes.map((n): XmlElement => ({ name: "SourceRef", attrs: [["targetGUID", sourceOfNote.get(n.id)]] }))
          : notes.map((n): XmlElement => ({ name: "SelectionRef", attrs: [["targetGUID", selectionsOf.get(n.id)]] }))),
      ],
    };
  });

  const users: XmlElement[] = [
    { name: "User", attrs: [["guid", kodebokUser], ["name", KODEBOK_USER]] },
    ...(modelCoded ? [{ name: "User", attrs: [["guid", modelUser], ["name", KODEBOK_MODEL_USER]] } satisfies XmlElement] : []),
    ...[...coders].map(([name, guid]): XmlElement => ({ name: "User", attrs: [["guid", guid], ["name", name]] })),
  ];
  const variables = VARIABLES.filter(([, field]) => usedVariables.has(field)).map(([name, field]): XmlElement => ({
    name: "Variable",
    attrs: [["guid", variableGuid(field)], ["name", name], ["typeOfVariable", "Text"]],
    children: [{ name: "Description", text: `The note's ${field}, from kodebok` }],
  }));
  const codes = codebookCodeElements(codebook, options);
  const qde = serializeXml({
    name: "Project",
    attrs: [["xmlns", QDE_NAMESPACE], ["name", projectName], ["origin", KODEBOK_ORIGIN], ["creatingUserGUID", kodebokUser]],
    children: [
      { name: "Users", children: users },
      codes.length > 0 ? { name: "CodeBook", children: [{ name: "Codes", children: codes }] } : undefined,
      variables.length > 0 ? { name: "Variables", children: variables } : undefined,
      caseElements.length > 0 ? { name: "Cases", children: caseElements } : undefined,
      sourceElements.length > 0 ? { name: "Sources", children: sourceElements } : undefined,
    ],
  });
  return { qde, sources };
}

/**
 * Exports coded notes as a REFI-QDA project (`.qdpx`): a ZIP with `project.qde` and one
 * `sources/<guid>.txt` per text source (UTF-8, no BOM, LF as in the notes). By default one source
 * per seminar, notes separated by a blank line ({@link NOTE_SEPARATOR}). Each note is a
 * `PlainTextSelection` named by its id (human codings apply to it; its `Description` carries every
 * other field of the note and the coders who saw it and gave no code, see `noteFieldsDescription`,
 * so that `readQdpx` gives the notes back exactly), each piece of kodebok's
 * evidence a `PlainTextSelection` coded by the user `kodebok`, with positions in Unicode code
 * points; a code a learned model decided is coded by the user `kodebok-model` (on the note, or on
 * the rules' evidence), so other tools show it apart. Users (kodebok, kodebok-model when a model
 * coded, and the human coders), the codebook, variables (seminar, group,
 * participant, question) and cases (participants, or groups) are included. GUIDs derive from the
 * codebook id and the note and code ids, and the ZIP has a fixed time: same input, same bytes.
 *
 * @param coded - coded notes (from `codeNotes`)
 * @param codebook - the codebook
 * @param options - grouping, human codings, language, project name
 * @returns the `.qdpx` bytes
 * @throws KodebokError when a coding names a note or a code that is not there
 * @example
 * ```ts
 * const bytes = toQdpx(codeNotes(notes, codebook), codebook, { codings: humanCodings });
 * await writeFile("seminars.qdpx", bytes);
 * ```
 */
export function toQdpx(coded: readonly CodedNote[], codebook: Codebook, options: QdpxOptions = {}): Uint8Array {
  const { qde, sources } = buildProject(coded, codebook, options);
  const encoder = new TextEncoder();
  return writeZipDeterministic([
    ["project.qde", encoder.encode(qde)],
    ...sources.map((s): [string, Uint8Array] => [`sources/${s.guid}.txt`, encoder.encode(s.text)]),
  ]);
}
