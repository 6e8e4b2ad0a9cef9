import { appendAll } from "../collections/append-all.ts";
import type { z } from "zod";
import { validateOptions } from "../diagnostics/options.ts";
import { MarkdownNotesOptionsSchema } from "./notes-options.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { fromRecovered, type Recovered, type Result } from "../diagnostics/result.ts";
import { checkNotes, type LoadedNotes } from "./loaded-notes.ts";
import type { Note } from "./note.ts";
import { splitLines } from "./raw-lines.ts";

/** Options for reading notes typed from flip-over sheets. */
export type MarkdownNotesOptions = z.input<typeof MarkdownNotesOptionsSchema>;

const BULLET = /^([-*+•])\s+(.*)$/u;
const PARTICIPANT = /^\[([^\]\n]{1,40})\]\s*/u;
const ATTRIBUTE = /^([\p{L}][\p{L}\p{N}_ -]{0,30}):\s*(.+)$/u;

/**
 * Parses the plain-text/Markdown notes format a researcher types from the flip-over sheets:
 *
 * ```markdown
 * # Seminar: Bydel Nord 2019
 * date: 2019-03-12
 *
 * ## Gruppe 2
 * ### q1: Hva har hjulpet deg mest?
 * #### Klynge: Tid og tilgjengelighet
 * - [P3] Hun tok seg tid til å høre på meg
 * - Fikk direktenummeret til veilederen,
 *   og hun svarte alltid
 * ```
 *
 * Level 1 is the seminar (a `Seminar:` prefix is dropped; `key: value` lines straight after it
 * become attributes), level 2 the group (a `Gruppe`/`Group` word is dropped), level 3 the question
 * (a short id before a colon becomes the question id), level 4 the group's cluster label. Each bullet
 * is one note; `[P3]` at its start names the participant; a line indented under a bullet continues
 * it. Blank lines and `<!-- comments -->` are ignored. A file without any bullet is read as one
 * note per non-empty line. Other stray lines are reported, not dropped silently.
 *
 * @param text the file's text
 * @param options the file name and id prefix
 * @returns the notes, or located diagnostics
 * @example
 * ```ts
 * const r = parseNotesMarkdown("# Seminar: Nord\n## Gruppe 1\n- [P1] Fikk tid\n");
 * r.ok && r.value.notes[0]; // { id: "note-1", text: "Fikk tid", seminar: "Nord", group: "1", participant: "P1", ... }
 * ```
 */
export function parseNotesMarkdown(text: string, options: MarkdownNotesOptions = {}): Result<LoadedNotes> {
  return fromRecovered(markdownNotes(text, options));
}

/**
 * {@link parseNotesMarkdown}'s core: the notes it read and every diagnostic, also when some are errors.
 *
 * @param text the text
 * @param options as for {@link parseNotesMarkdown}
 * @returns the notes, when any could be read, and the diagnostics
 * @example
 * ```ts
 * markdownNotes("# Seminar\n## Gruppe 1\n- Tid\n- \n").value?.notes.length; // 1, beside the warning for the empty bullet
 * ```
 */
export function markdownNotes(text: string, options: MarkdownNotesOptions = {}): Recovered<LoadedNotes> {
  const valid = validateOptions(MarkdownNotesOptionsSchema, options, "load notes", "kodebok:notes");
  if (!valid.ok) return { diagnostics: valid.diagnostics };
  const file = options.file;
  const prefix = options.idPrefix ?? stemOf(file);
  const lines = splitLines(stripComments(text.replace(/^\uFEFF/u, "")));
  const hasBullets = lines.some((l) => BULLET.test(l.trim()) && !/^\s{2,}/u.test(l));
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  const context: { seminar?: string; group?: string; question?: string; cluster?: string; attributes: Record<string, string> } = { attributes: {} };
  let afterSeminarHeading = false;
  let current: Note | undefined;
  const source = options.source ?? "seminar-note";

  const add = (body: string, line: number, column: number) => {
    const match = PARTICIPANT.exec(body);
    const note: Note = { id: `${prefix}-${notes.length + 1}`, text: (match ? body.slice(match[0].length) : body).trim(), source };
    if (context.seminar) note.seminar = context.seminar;
    if (context.group) note.group = context.group;
    if (match) note.participant = match[1]!.trim();
    if (context.question) note.question = context.question;
    if (context.cluster) note.cluster = context.cluster;
    if (Object.keys(context.attributes).length > 0) note.attributes = { ...context.attributes };
    note.origin = { ...(file !== undefined ? { file } : {}), line, column: column + (match ? match[0].length : 0) };
    notes.push(note);
    return note;
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === "") {
      current = undefined;
      return;
    }
    const heading = headingOf(trimmed);
    if (heading) {
      current = undefined;
      const { level, title } = heading;
      if (level === 1) {
        context.seminar = title.replace(/^seminar\s*:\s*/iu, "");
        context.attributes = {};
        delete context.group;
        delete context.question;
        delete context.cluster;
        afterSeminarHeading = true;
        return;
      }
      afterSeminarHeading = false;
      if (level === 2) {
        context.group = title.replace(/^(gruppe|group)\s*:?\s*/iu, "") || title;
        delete context.question;
        delete context.cluster;
      } else if (level === 3) {
        const q = /^([\p{L}\p{N}._-]{1,12})\s*:\s*\S/u.exec(title);
        context.question = q ? q[1]! : title.replace(/^(spørsmål|question)\s*:?\s*/iu, "");
        delete context.cluster;
      } else context.cluster = title.replace(/^(klynge|cluster)\s*:?\s*/iu, "");
      return;
    }
    if (afterSeminarHeading && !BULLET.test(trimmed)) {
      const attribute = ATTRIBUTE.exec(trimmed);
      if (attribute) {
        context.attributes[attribute[1]!.trim()] = attribute[2]!.trim();
        return;
      }
    }
    afterSeminarHeading = false;
    const bullet = BULLET.exec(trimmed);
    const indent = raw.length - raw.trimStart().length;
    if (bullet && (indent < 2 || !current)) {
      current = add(bullet[2]!, line, indent + bullet[1]!.length + 2);
      return;
    }
    if (current && indent >= 2) {
      current.text = `${current.text} ${trimmed}`;
      return;
    }
    if (!hasBullets) {
      add(trimmed, line, indent + 1);
      return;
    }
    diagnostics.push(
      diagnostic({
        code: "markdown-stray-text",
        severity: "warning",
        reason: "Skipped a line that is neither a heading nor a bullet",
        file,
        start: { line, column: indent + 1 },
        actual: trimmed.slice(0, 60),
        note: "Start a note with \"- \", or indent a continuation line by two spaces.",
        source: "kodebok:markdown",
      }),
    );
  });
  const checked = checkNotes(notes, file);
  appendAll(diagnostics, checked.diagnostics);
  return { value: { notes: checked.notes, codings: [] }, diagnostics };
}

/**
 * A heading line (trimmed): one to four `#`, white space, the title, optionally closed by `#`s
 * (what `/^(#{1,4})\s+(.*?)\s*#*\s*$/u` matches, read in one pass: that pattern took time
 * quadratic in a run of spaces and more). Internal (not in the package's index).
 *
 * @param line a trimmed line
 * @returns its level and title, or undefined when it is no heading
 * @example
 * ```ts
 * headingOf("## Gruppe 2 ##"); // { level: 2, title: "Gruppe 2" }
 * ```
 */
export function headingOf(line: string): { level: number; title: string } | undefined {
  let level = 0;
  while (level < line.length && line.charCodeAt(level) === 35) level++;
  if (level < 1 || level > 4 || level >= line.length || !isSpace(line[level]!)) return undefined;
  let start = level;
  while (start < line.length && isSpace(line[start]!)) start++;
  let end = line.length;
  while (end > start && isSpace(line[end - 1]!)) end--;
  while (end > start && line.charCodeAt(end - 1) === 35) end--;
  while (end > start && isSpace(line[end - 1]!)) end--;
  const title = line.slice(start, end);
  // The pattern's `.` does not cross a line terminator.
  if (/[\n\r\u2028\u2029]/u.test(title)) return undefined;
  return { level, title };
}

const SPACE = /\s/u;
function isSpace(ch: string): boolean {
  return SPACE.test(ch);
}

/**
 * Blanks out `<!-- ... -->` comments, keeping line breaks so line numbers stay right. An
 * unclosed `<!--` is left as it is. One pass: each comment is found with two searches (the lazy
 * pattern it replaces searched to the end of the text from every `<!--`). Internal.
 *
 * @param text the text
 * @returns the text with comments blanked
 * @example
 * ```ts
 * stripComments("a<!-- b -->c"); // "a          c"
 * ```
 */
export function stripComments(text: string): string {
  let out = "";
  let from = 0;
  for (let open = text.indexOf("<!--"); open >= 0; open = text.indexOf("<!--", from)) {
    const close = text.indexOf("-->", open + 4);
    if (close < 0) break;
    out += text.slice(from, open) + text.slice(open, close + 3).replace(/[^\n]/gu, " ");
    from = close + 3;
  }
  return from === 0 ? text : out + text.slice(from);
}

function stemOf(file: string | undefined): string {
  if (!file) return "note";
  return (file.split(/[\\/]/u).pop() ?? file).replace(/\.[^.]+$/u, "") || "note";
}
