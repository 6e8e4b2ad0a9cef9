import { validateOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import { parseDocument } from "yaml";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { toResult, type Result } from "../diagnostics/result.ts";
import { checkCodebook } from "./check.ts";
import { CodebookSchema, type Codebook } from "./codebook.ts";
import { LineCounter, locator } from "./locate.ts";

/** Options of {@link parseCodebook}. */
export interface ParseCodebookOptions {
  /** The file name used in diagnostics. */
  file?: string;
}

const ParseCodebookOptionsSchema: z.ZodType<ParseCodebookOptions, unknown> = z.object({ file: z.string().optional() }).strict();

/**
 * Parses and validates a codebook from YAML or JSON text (JSON is read as YAML, its superset).
 * Every problem is a diagnostic located at the YAML node: line and column of the offending
 * value. A codebook that `extends` another is checked as far as it can be alone; `readCodebook`
 * checks the merged result.
 *
 * @param text the codebook's YAML or JSON
 * @param options the file name for messages
 * @returns the codebook, or the diagnostics
 * @example
 * ```ts
 * const result = parseCodebook("id: demo\ntitle: Demo\nlanguages: [nb]\ncategories: []\ncodes: []\n");
 * result.ok; // true
 * ```
 */
export function parseCodebook(text: string, options: ParseCodebookOptions = {}): Result<Codebook> {
  const valid = validateOptions(ParseCodebookOptionsSchema, options, "load the codebook", "kodebok:codebook");
  if (!valid.ok) return valid;
  const file = options.file;
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/u, ""), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return diagnostic({
          code: "codebook-parse-error",
          severity: "error",
          reason: `Cannot parse codebook: ${error.message.split("\n")[0]}`,
          file,
          start: { line, column: col },
          source: "kodebok:codebook",
        });
      }),
    };
  }
  const place = locator(doc, lines);
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // For example an alias used before its anchor is defined.
    return {
      ok: false,
      diagnostics: [
        diagnostic({ code: "codebook-parse-error", severity: "error", reason: `Cannot parse codebook: ${(error as Error).message}`, file, start: { line: 1, column: 1 }, source: "kodebok:codebook" }),
      ],
    };
  }
  const parsed = CodebookSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      diagnostics: parsed.error.issues.map((issue) => {
        const path = issue.path as PropertyKey[];
        const start = place.place(path);
        const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.map((k) => `"${k}"`).join(", ")})` : "";
        return diagnostic({
          code: "codebook-invalid",
          severity: "error",
          reason: `Invalid codebook: ${path.length ? `"${path.join(".")}": ` : ""}${issue.message}${keys}`,
          file,
          start,
          field: path.join("."),
          source: "kodebok:codebook",
        });
      }),
    };
  }
  const codebook = parsed.data;
  const diagnostics: Diagnostic[] = checkCodebook(codebook, { partial: codebook.extends !== undefined }).map((p) => {
    const start = place.place(p.path);
    return { ...p.diagnostic, ...(file !== undefined ? { file } : {}), ...(start ? { start } : {}) };
  });
  return toResult(codebook, diagnostics);
}
