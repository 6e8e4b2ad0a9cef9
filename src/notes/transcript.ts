import { appendAll } from "../collections/append-all.ts";
import type { z } from "zod";
import { validateOptions } from "../diagnostics/options.ts";
import { TranscriptOptionsSchema } from "./notes-options.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { fromRecovered, type Recovered, type Result } from "../diagnostics/result.ts";
import { checkNotes, type LoadedNotes } from "./loaded-notes.ts";
import type { Note } from "./note.ts";
import { splitLines } from "./raw-lines.ts";

/** Options for reading interview and focus-group transcripts. */
export type TranscriptOptions = z.input<typeof TranscriptOptionsSchema>;

/** Speaker names that mark the interviewer by default (compared in lower case). */
export const DEFAULT_INTERVIEWERS: readonly string[] = [
  "i", "int", "intervjuer", "intervjuar", "interviewer", "moderator", "ordstyrer", "fasilitator", "facilitator", "q", "forsker", "researcher",
];

// A speaker turn. The white space before an optional `(00:03)` belongs to that group: written as
// `\s*(?:\(…\))?\s*`, two runs of white space could split a long run in every way, which took
// time quadratic in the run (`P` + 20,000 spaces + `:x`: 45 s).
const TURN = /^(?:\[(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]\s*)?([\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}?)(?:\s*\((\d{1,2}:\d{2}(?::\d{2})?)\))?\s*:\s+(.*)$/u;

/**
 * Tells whether a text looks like a transcript: most non-empty, non-heading lines start with a
 * speaker and a colon.
 *
 * @example
 * ```ts
 * looksLikeTranscript("I: Hva hjalp?\nP1: At hun hørte på meg."); // true
 * ```
 */
export function looksLikeTranscript(text: string): boolean {
  const lines = splitLines(text).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  if (lines.length === 0) return false;
  const turns = lines.filter((l) => TURN.test(l) && !/^[-*+•]\s/u.test(l)).length;
  return turns >= 2 && turns / lines.length >= 0.6;
}

/**
 * Parses an interview or focus-group transcript into notes, one per speaker turn. Lines look like
 * `P1: text`, optionally with a timestamp `[00:03:12] P1: text`; a line without a speaker
 * continues the turn before it; `#` lines are headings (the first becomes the `seminar`/session).
 * The interviewer's turns are left out by default, and the last question asked becomes the
 * `question` of the answers that follow.
 *
 * @param text the transcript
 * @param options file, interviewer names
 * @returns the notes, or located diagnostics
 * @example
 * ```ts
 * const r = parseTranscript("I: Hva hjalp?\nP1: At hun hørte på meg.");
 * r.ok && r.value.notes[0]; // { id: "note-1", text: "At hun hørte på meg.", participant: "P1", question: "Hva hjalp?", ... }
 * ```
 */
export function parseTranscript(text: string, options: TranscriptOptions = {}): Result<LoadedNotes> {
  return fromRecovered(transcriptNotes(text, options));
}

/**
 * {@link parseTranscript}'s core: the notes it read and every diagnostic, also when some are errors.
 *
 * @param text the text
 * @param options as for {@link parseTranscript}
 * @returns the notes, when any could be read, and the diagnostics
 * @example
 * ```ts
 * transcriptNotes("I: Hva hjalp?\nP1: Tid.\n").value?.notes.length; // 1
 * ```
 */
export function transcriptNotes(text: string, options: TranscriptOptions = {}): Recovered<LoadedNotes> {
  const valid = validateOptions(TranscriptOptionsSchema, options, "load notes", "kodebok:notes");
  if (!valid.ok) return { diagnostics: valid.diagnostics };
  const file = options.file;
  const prefix = options.idPrefix ?? ((file?.split(/[\\/]/u).pop() ?? "note").replace(/\.[^.]+$/u, "") || "note");
  const interviewers = new Set((options.interviewers ?? DEFAULT_INTERVIEWERS).map((s) => s.toLowerCase()));
  const diagnostics: Diagnostic[] = [];
  const turns: { speaker: string; text: string; line: number; column: number; time?: string }[] = [];
  let session: string | undefined;
  splitLines(text.replace(/^\uFEFF/u, "")).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === "") return;
    if (trimmed.startsWith("#")) {
      session ??= trimmed.replace(/^#+\s*/u, "");
      return;
    }
    const turn = TURN.exec(trimmed);
    if (turn) {
      const speakerText = turn[4]!;
      const entry: (typeof turns)[number] = { speaker: turn[2]!.trim(), text: speakerText, line, column: raw.indexOf(speakerText) + 1 };
      const time = turn[1] ?? turn[3];
      if (time) entry.time = time;
      turns.push(entry);
      return;
    }
    const last = turns.at(-1);
    if (last) last.text = `${last.text} ${trimmed}`;
    else {
      diagnostics.push(diagnostic({ code: "transcript-unrecognised-line", severity: "warning", reason: "Skipped a line before the first speaker turn", file, start: { line, column: 1 }, actual: trimmed.slice(0, 60), source: "kodebok:transcript" }));
    }
  });
  const notes: Note[] = [];
  let question: string | undefined;
  for (const turn of turns) {
    const isInterviewer = interviewers.has(turn.speaker.toLowerCase());
    if (isInterviewer) question = turn.text.trim();
    if (isInterviewer && !options.includeInterviewer) continue;
    const note: Note = { id: `${prefix}-${notes.length + 1}`, text: turn.text.trim(), participant: turn.speaker, source: options.source ?? "interview" };
    if (session) note.seminar = session;
    if (question && !isInterviewer) note.question = question;
    if (turn.time) note.attributes = { time: turn.time };
    note.origin = { ...(file !== undefined ? { file } : {}), line: turn.line, column: turn.column };
    notes.push(note);
  }
  const checked = checkNotes(notes, file);
  appendAll(diagnostics, checked.diagnostics);
  return { value: { notes: checked.notes, codings: [] }, diagnostics };
}
