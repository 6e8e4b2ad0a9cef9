import type { Codebook } from "../codebook/codebook.ts";
import { canonicalJson, sha256 } from "../codebook/hash.ts";
import type { Coding } from "../codings/coding.ts";
import type { LoadedCodings } from "../codings/loaded-codings.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import type { Note } from "../notes/note.ts";
import { byCodeUnits } from "./features.ts";

/** What the hand coding says of one code on a note: the polarities coded (both false: coded without one). */
export interface HandPolarity {
  helpful: boolean;
  barrier: boolean;
}

/** A hand-coded note: the note, the codes its coder gave it and their polarities. */
export interface HandCodedNote {
  note: Note;
  codes: Set<string>;
  polarity: Map<string, HandPolarity>;
}

/** The training notes joined with their hand coding, sorted by note id. */
export interface TrainingSet {
  notes: HandCodedNote[];
  /** The coder whose codings were taken, when the codings name one. */
  coder: string | undefined;
  /** SHA-256 over the notes and codings, sorted by note id (see {@link trainingHash}). */
  hash: string;
}

/**
 * Joins notes with one coder's codings. With codings from `readCodings` (which know which notes
 * each coder saw), the training notes are the notes the coder saw, coded or left uncoded; with a
 * plain array of codings, every note given is taken as hand-coded (a note without a coding had
 * no code). A coding of a note that is not given, or of a code the codebook does not define,
 * is an error; so are codings of several coders when `coder` does not pick one.
 *
 * @param notes the notes
 * @param codings the hand codings
 * @param codebook the codebook whose codes are learned
 * @param coder the coder to learn from (needed when the codings hold several)
 * @returns the training set, sorted by note id
 * @throws KodebokError with the problems
 * @example
 * ```ts
 * trainingSet([{ id: "1", text: "Hun tok seg tid" }], [{ note: "1", coder: "anna", code: "time" }], codebook).notes[0]!.codes; // Set {"time"}
 * ```
 */
export function trainingSet(notes: readonly Note[], codings: readonly Coding[] | LoadedCodings, codebook: Codebook, coder?: string): TrainingSet {
  const loaded = Array.isArray(codings) ? undefined : (codings as LoadedCodings);
  const list: readonly Coding[] = loaded ? loaded.codings : (codings as readonly Coding[]);
  const coders = loaded ? loaded.coders : [...new Set(list.map((c) => c.coder))];
  const problems: Diagnostic[] = [];
  let chosen = coder;
  if (chosen === undefined) {
    if (coders.length > 1) {
      throw new KodebokError([diagnostic({ code: "agreement-ambiguous-coder", severity: "error", source: "kodebok:learn", reason: `Cannot train a model: the codings hold ${coders.length} coders (${coders.map((c) => `"${c}"`).join(", ")}); name the one to learn from` })]);
    }
    chosen = coders[0];
  } else if (!coders.includes(chosen)) {
    throw new KodebokError([diagnostic({ code: "agreement-unknown-coder", severity: "error", source: "kodebok:learn", reason: `Cannot train a model: coder "${chosen}" does not occur in the codings (${coders.map((c) => `"${c}"`).join(", ") || "none"})` })]);
  }
  const byId = new Map(notes.map((n) => [n.id, n]));
  const known = new Set(codebook.codes.map((c) => c.id));
  const hand = new Map<string, HandCodedNote>();
  const take = (id: string): HandCodedNote | undefined => {
    let h = hand.get(id);
    if (h === undefined) {
      const note = byId.get(id);
      if (note === undefined) return undefined;
      h = { note, codes: new Set(), polarity: new Map() };
      hand.set(id, h);
    }
    return h;
  };
  const seen = new Set(loaded?.seen.find((s) => s.coder === chosen)?.notes ?? []);
  if (loaded) {
    for (const id of seen) {
      if (take(id) === undefined) problems.push(diagnostic({ code: "coding-unknown-note", severity: "error", source: "kodebok:learn", reason: `Cannot train a model: coder "${chosen}" coded note "${id}", which is not among the notes` }));
    }
  } else {
    for (const n of notes) take(n.id);
  }
  for (const c of list) {
    if (c.coder !== chosen) continue;
    const at = c.origin ? { file: c.origin.file, start: { line: c.origin.line, column: c.origin.column } } : {};
    if (!byId.has(c.note)) {
      if (seen.has(c.note)) continue; // reported with the notes the coder saw
      problems.push(diagnostic({ code: "coding-unknown-note", severity: "error", source: "kodebok:learn", ...at, reason: `Cannot train a model: a coding names note "${c.note}", which is not among the notes` }));
      continue;
    }
    if (!known.has(c.code)) {
      problems.push(diagnostic({ code: "coding-unknown-code", severity: "error", source: "kodebok:learn", ...at, reason: `Cannot train a model: note "${c.note}" is coded "${c.code}", which codebook "${codebook.id}" does not define` }));
      continue;
    }
    const h = take(c.note)!;
    h.codes.add(c.code);
    const p = h.polarity.get(c.code) ?? { helpful: false, barrier: false };
    if (c.polarity === "helpful") p.helpful = true;
    if (c.polarity === "barrier") p.barrier = true;
    h.polarity.set(c.code, p);
  }
  if (problems.length > 0) throw new KodebokError(problems.slice(0, 50));
  const sorted = [...hand.values()].sort((a, b) => byCodeUnits(a.note.id, b.note.id));
  return { notes: sorted, coder: chosen, hash: trainingHash(sorted) };
}

/**
 * The training set's identity: SHA-256 of the canonical JSON of each note (id, text, language,
 * the fields that group notes into folds, attributes) with its codes and polarities, in note id
 * order. The same notes and codings in any order give the same hash.
 *
 * @param notes the hand-coded notes, sorted by id
 * @returns the hash, as hex
 * @example
 * ```ts
 * trainingHash(trainingSet(notes, codings, codebook).notes).length; // 64
 * ```
 */
export function trainingHash(notes: readonly HandCodedNote[]): string {
  const rows = notes.map((h) => ({
    id: h.note.id,
    text: h.note.text,
    language: h.note.language,
    seminar: h.note.seminar,
    group: h.note.group,
    source: h.note.source,
    attributes: h.note.attributes,
    codes: [...h.codes].sort(byCodeUnits).map((code) => {
      const p = h.polarity.get(code);
      return [code, p?.helpful ?? false, p?.barrier ?? false];
    }),
  }));
  return sha256(canonicalJson(rows));
}
