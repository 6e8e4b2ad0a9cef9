import { validateOptions } from "../diagnostics/options.ts";
import { TranscriptOptionsSchema } from "./notes-options.ts";
import { diagnostic, type Diagnostic, type Place } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";
import { readZipSafely } from "../refi-qda/zip.ts";
import { childNamed, childrenNamed, parseXmlSafely, type XmlNode } from "../refi-qda/xml-read.ts";
import type { LoadedNotes } from "./loaded-notes.ts";
import { parseNotesMarkdown } from "./markdown.ts";
import type { Note } from "./note.ts";
import { looksLikeTranscript, parseTranscript, type TranscriptOptions } from "./transcript.ts";

/** Options for reading notes from a Word document (`.docx`): as for transcripts and Markdown notes. */
export type WordNotesOptions = Pick<TranscriptOptions, "file" | "idPrefix" | "interviewers" | "includeInterviewer" | "source">;

/** One paragraph of a Word document, as kodebok reads it. */
export interface WordParagraph {
  /** The paragraph's number in the document body, from 1 (empty paragraphs count too). */
  number: number;
  /** Its text; tabs as tabs, line breaks inside it as `\n`. */
  text: string;
  /** The heading level (1-6) of a heading or title paragraph. */
  heading?: number;
  /** True for a list item (bulleted or numbered). */
  listItem?: boolean;
}

const SOURCE = "kodebok:docx";

/** The parts of a .docx that kodebok reads: the body and the style names. */
const PARTS = ["word/document.xml", "word/styles.xml"] as const;

/** A paragraph style: its name, and whether it makes a list item (a numbering in its properties). */
interface ParagraphStyle {
  name: string;
  numbered: boolean;
}

function readStyles(root: XmlNode | undefined): Map<string, ParagraphStyle> {
  const styles = new Map<string, ParagraphStyle>();
  for (const style of root ? childrenNamed(root, "style") : []) {
    const id = style.attrs.styleId;
    if (id === undefined) continue;
    const numPr = childNamed(childNamed(style, "pPr") ?? style, "numPr");
    styles.set(id, { name: childNamed(style, "name")?.attrs.val ?? id, numbered: numPr !== undefined && childNamed(numPr, "numId")?.attrs.val !== "0" });
  }
  return styles;
}

function headingLevel(style: string): number | undefined {
  const name = style.toLowerCase();
  if (/^(title|tittel)$/u.test(name)) return 1;
  const m = /^(?:heading|overskrift)\s*([1-6])$/u.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** The text of a run, hyperlink, insertion or other inline container, in document order. */
function inlineText(node: XmlNode): string {
  switch (node.name) {
    case "t":
      return node.text;
    case "tab":
    case "ptab":
      return "\t";
    case "br":
      return node.attrs.type === undefined || node.attrs.type === "textWrapping" ? "\n" : "";
    case "cr":
      return "\n";
    case "noBreakHyphen":
      return "\u2011";
    case "softHyphen":
      return "";
    case "del":
    case "delText":
    case "instrText":
    case "pPr":
    case "rPr":
    case "footnoteReference":
    case "endnoteReference":
    case "commentReference":
      return "";
    default:
      return node.children.map(inlineText).join("");
  }
}

function collectParagraphs(node: XmlNode, styles: Map<string, ParagraphStyle>, out: WordParagraph[]): void {
  if (node.name === "p") {
    const pPr = childNamed(node, "pPr");
    const styleId = pPr ? childNamed(pPr, "pStyle")?.attrs.val : undefined;
    const style = styleId !== undefined ? styles.get(styleId) : undefined;
    const numPr = pPr ? childNamed(pPr, "numPr") : undefined;
    const paragraph: WordParagraph = { number: out.length + 1, text: node.children.map(inlineText).join("") };
    const level = headingLevel(style?.name ?? styleId ?? "") ?? headingLevel((styleId ?? "").replace(/(\d)$/u, " $1"));
    const numbered = numPr !== undefined ? childNamed(numPr, "numId")?.attrs.val !== "0" : style?.numbered === true;
    if (level !== undefined) paragraph.heading = level;
    else if (numbered || /\blist\b|^liste/iu.test(style?.name ?? "")) paragraph.listItem = true;
    out.push(paragraph);
    return;
  }
  if (node.name === "del") return;
  for (const child of node.children) collectParagraphs(child, styles, out);
}

function decodePart(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * Reads the paragraphs of a Word document (`.docx`): their text, heading levels (Word's Heading 1-6
 * and Title styles, also Norwegian "Overskrift 1-6" and "Tittel") and list items (bulleted or
 * numbered paragraphs, and "List ..." styles). Paragraphs inside tables and content controls are
 * read in document order, each on its own; deleted text (tracked changes) is left out, inserted
 * text kept. The archive is read with kodebok's ZIP limits and the XML without DTDs or entities,
 * as REFI-QDA files are; nothing outside the file is opened.
 *
 * @param bytes the document's bytes
 * @param file the file name, for messages
 * @returns the paragraphs, or a diagnostic saying why the file cannot be read
 * @example
 * ```ts
 * const result = readWordParagraphs(await readFile("interview.docx"), "interview.docx");
 * if (result.ok) result.value[0]?.text;
 * ```
 */
export function readWordParagraphs(bytes: Uint8Array, file?: string): Result<WordParagraph[]> {
  const why = (reason: string) => `Cannot load notes: the file is not a readable .docx document: ${reason}`;
  const fail = (reason: string): Result<WordParagraph[]> => ({
    ok: false,
    diagnostics: [diagnostic({ code: "docx-invalid", severity: "error", source: SOURCE, file, reason: why(reason) })],
  });
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return fail(bytes[0] === 0xd0 && bytes[1] === 0xcf ? "it is an old binary Word file (.doc); save it as .docx" : "it is not a ZIP archive, as .docx files are");
  }
  const zip = readZipSafely(bytes, { file, want: (name) => (PARTS as readonly string[]).includes(name) });
  if (!zip.ok) {
    return { ok: false, diagnostics: zip.diagnostics.map((d) => ({ ...d, source: SOURCE, reason: why(d.reason.replace(/^Cannot read REFI-QDA archive: /u, "")) })) };
  }
  const documentPart = zip.value.get("word/document.xml");
  if (documentPart === undefined) return fail("it has no main document part (word/document.xml)");
  const parse = (name: string, part: Uint8Array): Result<XmlNode> => {
    const parsed = parseXmlSafely(decodePart(part), { file: file !== undefined ? `${file}/${name}` : name, what: `Word document part ${name}` });
    return parsed.ok ? parsed : { ok: false, diagnostics: parsed.diagnostics.map((d) => ({ ...d, code: "docx-invalid", source: SOURCE })) };
  };
  const document = parse("word/document.xml", documentPart);
  if (!document.ok) return document;
  const stylesPart = zip.value.get("word/styles.xml");
  const styles = stylesPart ? parse("word/styles.xml", stylesPart) : undefined;
  if (styles !== undefined && !styles.ok) return styles;
  const body = childNamed(document.value, "body");
  if (body === undefined) return fail("its main document part has no <w:body>");
  const paragraphs: WordParagraph[] = [];
  collectParagraphs(body, readStyles(styles?.value), paragraphs);
  return { ok: true, value: paragraphs, diagnostics: [] };
}

/**
 * Reads notes from a Word document (`.docx`): an interview or focus-group transcript (most
 * paragraphs `P1: text`, read as `parseTranscript` reads a `.txt`) or flip-over notes (headings and
 * bullets, read as `parseNotesMarkdown` reads a `.md`: Heading 1 the seminar, 2 the group, 3 the
 * question, 4 the cluster, one list item per post-it; without list items one note per paragraph).
 * Places are paragraphs: `interview.docx:12:5` is paragraph 12, column 5 of its text, and the
 * messages say "paragraph 12".
 *
 * @param bytes the document's bytes
 * @param options file name, id prefix, interviewer names, source
 * @returns the notes, or located diagnostics
 * @example
 * ```ts
 * const result = parseNotesDocx(await readFile("interview.docx"), { file: "interview.docx" });
 * if (result.ok) result.value.notes.map((n) => n.participant);
 * ```
 */
export function parseNotesDocx(bytes: Uint8Array, options: WordNotesOptions = {}): Result<LoadedNotes> {
  const valid = validateOptions(TranscriptOptionsSchema, options, "load notes", "kodebok:docx");
  if (!valid.ok) return valid;
  const file = options.file;
  const read = readWordParagraphs(bytes, file);
  if (!read.ok) return read;
  // The paragraphs as the lines of a .txt/.md file, and for each line its paragraph and the
  // length of the prefix added before the paragraph's text.
  const lines: string[] = [];
  const lineParagraph: Array<{ paragraph: number; prefix: number; offset: number }> = [];
  for (const p of read.value) {
    const parts = p.text.split("\n");
    let offset = 0;
    parts.forEach((part, i) => {
      const prefix = i > 0 ? (p.listItem ? "  " : "") : p.heading !== undefined ? `${"#".repeat(p.heading)} ` : p.listItem ? "- " : "";
      lines.push(`${prefix}${part}`);
      lineParagraph.push({ paragraph: p.number, prefix: prefix.length, offset });
      offset += part.length + 1;
    });
  }
  const text = lines.join("\n");
  const common = { ...(file !== undefined ? { file } : {}), ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}), ...(options.source ? { source: options.source } : {}) };
  const result = looksLikeTranscript(text)
    ? parseTranscript(text, {
        ...common,
        ...(options.interviewers ? { interviewers: options.interviewers } : {}),
        ...(options.includeInterviewer ? { includeInterviewer: true } : {}),
      })
    : parseNotesMarkdown(text, common);
  const toParagraph = (place: Place): Place => {
    const at = lineParagraph[place.line - 1];
    if (at === undefined) return place;
    return { line: at.paragraph, column: Math.max(1, place.column - at.prefix + at.offset) };
  };
  const relocate = (d: Diagnostic): Diagnostic => {
    if (d.start === undefined) return d;
    const start = toParagraph(d.start);
    const out: Diagnostic = { ...d, start, reason: `${d.reason} (paragraph ${start.line})` };
    if (d.end !== undefined) out.end = toParagraph(d.end);
    return out;
  };
  const diagnostics = result.diagnostics.map(relocate);
  if (!result.ok) return { ok: false, diagnostics };
  const notes: Note[] = result.value.notes.map((n) => (n.origin ? { ...n, origin: { ...n.origin, ...toParagraph(n.origin) } } : n));
  const codings = result.value.codings.map((c) => (c.origin ? { ...c, origin: { ...c.origin, ...toParagraph(c.origin) } } : c));
  return { ok: true, value: { notes, codings }, diagnostics };
}
