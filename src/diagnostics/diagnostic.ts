import { z } from "zod";
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "./codes.ts";

const codeValues = Object.keys(DIAGNOSTIC_CODES) as [DiagnosticCode, ...DiagnosticCode[]];

/** Where in a file a diagnostic points. Lines and columns count from 1. */
export const PlaceSchema = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type Place = z.infer<typeof PlaceSchema>;

/**
 * One located message, modelled on unified's `vfile-message`: what went wrong, where
 * (file, line, column, field), a stable code, and optionally the actual and expected values.
 */
export const DiagnosticSchema = z.object({
  /** The human-readable reason: names the action that failed, then why. */
  reason: z.string(),
  /** A stable code from {@link DIAGNOSTIC_CODES}. */
  code: z.enum(codeValues),
  severity: z.enum(["error", "warning", "info"]),
  /** The file the diagnostic is about, as given by the caller. */
  file: z.string().optional(),
  start: PlaceSchema.optional(),
  end: PlaceSchema.optional(),
  /** The field or path inside the record (`text`, `codes[2].rules[0].terms[1]`). */
  field: z.string().optional(),
  actual: z.string().optional(),
  expected: z.string().optional(),
  /** Extra help: how to fix it. */
  note: z.string().optional(),
  /** The producer: `kodebok:csv`, `kodebok:codebook`, ... */
  source: z.string().default("kodebok"),
  /** True when processing could not go on. */
  fatal: z.boolean().default(false),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;
export type DiagnosticInput = z.input<typeof DiagnosticSchema>;

/**
 * Creates a diagnostic, filling defaults.
 *
 * @example
 * ```ts
 * const d = diagnostic({ code: "note-empty-text", severity: "warning",
 *   reason: "Skipped note \"n3\": its text is empty", file: "notes.csv", start: { line: 4, column: 1 } });
 * formatDiagnostic(d); // "notes.csv:4:1: warning: Skipped note \"n3\": its text is empty [note-empty-text]"
 * ```
 */
export function diagnostic(input: DiagnosticInput): Diagnostic {
  const out: Diagnostic = {
    reason: input.reason,
    code: input.code,
    severity: input.severity,
    source: input.source ?? "kodebok",
    fatal: input.fatal ?? input.severity === "error",
  };
  if (input.file !== undefined) out.file = input.file;
  if (input.start !== undefined) out.start = input.start;
  if (input.end !== undefined) out.end = input.end;
  if (input.field !== undefined) out.field = input.field;
  if (input.actual !== undefined) out.actual = input.actual;
  if (input.expected !== undefined) out.expected = input.expected;
  if (input.note !== undefined) out.note = input.note;
  return out;
}

/**
 * Prints a diagnostic as `file:line:column: message [code]`, the form compilers and
 * editors understand. Warnings and infos carry their severity before the message.
 *
 * @example
 * ```ts
 * formatDiagnostic(diagnostic({ code: "csv-unclosed-quote", severity: "error",
 *   reason: "Cannot load notes: a quoted field is not closed", file: "notes.csv",
 *   start: { line: 12, column: 5 } }));
 * // "notes.csv:12:5: Cannot load notes: a quoted field is not closed [csv-unclosed-quote]"
 * ```
 */
export function formatDiagnostic(d: Diagnostic): string {
  const place = [d.file ?? "<input>", d.start ? `${d.start.line}:${d.start.column}` : undefined]
    .filter((x) => x !== undefined)
    .join(":");
  const severity = d.severity === "error" ? "" : `${d.severity}: `;
  const field = d.field && !d.reason.includes(d.field) ? ` (field "${d.field}")` : "";
  return `${place}: ${severity}${d.reason}${field} [${d.code}]`;
}

/**
 * True when any diagnostic is an error (warnings and infos do not stop a run).
 *
 * @param diagnostics the diagnostics of a run
 * @returns whether one of them is an error
 * @example
 * ```ts
 * hasErrors([diagnostic({ code: "note-empty-text", severity: "warning", reason: "Skipped note" })]); // false
 * ```
 */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
