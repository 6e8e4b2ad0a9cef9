import type { Coding } from "../codings/coding.ts";
import type { Result } from "../diagnostics/result.ts";

/** Long-form codings read from one dataset file. */
export interface DatasetCodings {
  coders: string[];
  notes: string[];
  codings: Coding[];
  seen: { coder: string; notes: string[] }[];
}

/**
 * True when a file of a dataset is a long-form codings file (`note_id, coder, code` columns, or a
 * JSON array of `{ note, coder, code }` objects) rather than a notes file.
 */
export function looksLikeCodingsFile(file: string, text: string): boolean {
  const head = text.replace(/^\uFEFF/u, "").trimStart();
  if (head.startsWith("[") || head.startsWith("{")) {
    const first = head.slice(0, 400);
    return /"coder"\s*:/u.test(first) && /"code"\s*:/u.test(first) && !/"text"\s*:/u.test(first);
  }
  if (!/\.(csv|tsv|tab)$/iu.test(file)) return false;
  const header = (head.split(/\r?\n/u)[0] ?? "").toLowerCase().split(/[;,\t]/u).map((h) => h.trim().replace(/^"(.*)"$/u, "$1"));
  return header.some((h) => ["coder", "koder", "rater", "coder_id"].includes(h)) && header.some((h) => ["code", "kode", "code_id"].includes(h));
}

/** Parses a long-form codings file. */
export function parseDatasetCodings(text: string, file: string): Result<DatasetCodings> {
  // TODO(cli): parse through parseCodings (src/codings/, issue 3) once it is on main.
  void text;
  return { ok: false, diagnostics: [] , ...{ file } } as Result<DatasetCodings>;
}
