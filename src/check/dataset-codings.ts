import { CODING_COLUMN_ALIASES, recoverCodings } from "../codings/parse-codings.ts";
import type { LoadedCodings } from "../codings/loaded-codings.ts";
import type { Recovered } from "../diagnostics/result.ts";
import { fieldForHeader } from "../notes/columns.ts";
import { detectDelimiter, withoutSepLine } from "../notes/csv.ts";
import { splitLines } from "../notes/raw-lines.ts";

/**
 * True when a file of a dataset is a codings file rather than a notes file: a table with coder and
 * code columns (long form: `note_id, coder, code`), a table with a note id and coders' columns
 * (`codes:<coder>` or bare names) but no text column (wide form without texts), or a JSON array of
 * `{ note, coder, code }` objects.
 *
 * @param file the file name (its extension helps)
 * @param text the file's text
 * @returns whether to read it with `parseCodings`
 * @example
 * ```ts
 * looksLikeCodingsFile("codings.csv", "note_id;coder;code\nn1;anna;time\n"); // true
 * looksLikeCodingsFile("notes.csv", "id;text;codes:anna\nn1;Tid;time\n"); // false
 * ```
 */
export function looksLikeCodingsFile(file: string, text: string): boolean {
  const head = text.replace(/^\uFEFF/u, "").trimStart();
  if (head.startsWith("[") || head.startsWith("{")) {
    const first = head.slice(0, 400);
    return /"coder"\s*:/u.test(first) && /"code"\s*:/u.test(first) && !/"text"\s*:/u.test(first);
  }
  if (!/\.(csv|tsv|tab)$/iu.test(file)) return false;
  const firstLine = splitLines(withoutSepLine(head).text)[0] ?? "";
  const delimiter = /\.(tsv|tab)$/iu.test(file) ? "\t" : detectDelimiter(firstLine);
  const header = firstLine.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/u, "$1").trim().toLowerCase());
  const is = (aliases: readonly string[]) => header.some((h) => aliases.includes(h));
  if (is(CODING_COLUMN_ALIASES.coder) && is(CODING_COLUMN_ALIASES.code)) return true;
  const hasText = header.some((h) => fieldForHeader(h) === "text");
  // Wide form without texts: a note id and coders' columns, `codes:<coder>` or bare names (as
  // docs/agreement.md shows it). A notes file always has a text column.
  if (hasText) return false;
  return header.some((h) => /^(codes?|koder?)\s*:/u.test(h)) || (is(CODING_COLUMN_ALIASES.note) && header.length >= 2);
}

/**
 * Reads a codings file of a dataset (long or wide form) through `parseCodings`'s core, keeping
 * what could be read beside its errors. Unknown codes and notes are left to `checkDataset`, which
 * reports them once, located.
 *
 * @param text the file's text
 * @param file the file name for messages
 * @returns the codings, coders and what each coder saw, when a table could be read; and located diagnostics
 * @example
 * ```ts
 * parseDatasetCodings("note_id;coder;code\nn1;anna;time\n", "codings.csv").value?.codings.length; // 1
 * ```
 */
export function parseDatasetCodings(text: string, file: string): Recovered<LoadedCodings> {
  return recoverCodings(text, { file });
}
