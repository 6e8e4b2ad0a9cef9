/** The note fields a column can map to. */
export type NoteField = "id" | "text" | "seminar" | "group" | "participant" | "question" | "source" | "language" | "cluster";

/**
 * Header names recognised for each note field, in English and Norwegian (compared after trimming,
 * lower-casing and turning spaces and hyphens into `_`).
 */
export const COLUMN_ALIASES: Readonly<Record<NoteField, readonly string[]>> = {
  id: ["id", "note_id", "noteid", "note", "notat_id", "nr", "lapp_id", "lappnr", "svar_id", "answer_id", "response_id"],
  text: [
    "text", "tekst", "notat", "note_text", "svar", "answer", "response", "kommentar", "comment", "fritekst",
    "free_text", "innhold", "content", "utsagn", "statement", "ytring", "post_it", "postit", "lapp", "sitat", "quote",
  ],
  seminar: ["seminar", "dialogseminar", "workshop", "event", "samling"],
  group: ["group", "gruppe", "group_id", "gruppe_id", "team", "bord", "table"],
  participant: [
    "participant", "deltaker", "deltakar", "participant_id", "deltaker_id", "respondent", "respondent_id",
    "respondentid", "informant", "person", "speaker", "taler", "pseudonym", "user", "bruker",
  ],
  question: ["question", "spørsmål", "sporsmal", "spm", "question_id", "spørsmål_id", "prompt"],
  source: ["source", "kilde", "source_type", "kildetype"],
  language: ["language", "språk", "sprak", "lang", "målform", "malform"],
  cluster: ["cluster", "klynge", "cluster_label", "klyngenavn", "gruppering"],
};

/**
 * Normalises a header name for matching aliases.
 *
 * @example
 * ```ts
 * normaliseHeader(" Note-ID "); // "note_id"
 * ```
 */
export function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().normalize("NFC").replace(/[\s-]+/gu, "_");
}

/**
 * Finds the field a header names, or undefined for a free attribute column.
 *
 * @example
 * ```ts
 * fieldForHeader("Deltaker"); // "participant"
 * fieldForHeader("kommune"); // undefined
 * ```
 */
export function fieldForHeader(name: string): NoteField | undefined {
  const key = normaliseHeader(name);
  for (const [field, aliases] of Object.entries(COLUMN_ALIASES) as [NoteField, readonly string[]][]) {
    if (aliases.includes(key)) return field;
  }
  return undefined;
}

/**
 * Reads a language name in a cell: codes and names in English and Norwegian.
 *
 * @example
 * ```ts
 * parseLanguageCell("Nynorsk"); // "nn"
 * ```
 */
export function parseLanguageCell(value: string): "nb" | "nn" | "en" | undefined {
  const v = value.trim().toLowerCase();
  if (["nb", "bokmål", "bokmal", "no", "nob", "norsk", "norwegian", "nb-no", "no-nb"].includes(v)) return "nb";
  if (["nn", "nynorsk", "nno", "nn-no", "no-nn"].includes(v)) return "nn";
  if (["en", "eng", "english", "engelsk", "en-gb", "en-us"].includes(v)) return "en";
  return undefined;
}
