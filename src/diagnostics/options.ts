import type { z } from "zod";
import { diagnostic, type Diagnostic } from "./diagnostic.ts";
import { KodebokError, unwrap, type Result } from "./result.ts";

/**
 * Checks the options of a public function with their zod schema, before any work, and returns
 * them with their defaults. Bad options throw a {@link KodebokError} with one `option-invalid`
 * diagnostic per problem, each naming the option (`field`), saying what it must be and quoting
 * the value given: `Cannot code notes: option "language" is invalid: expected one of "nb", "nn",
 * "en", "auto" (or "no" for Bokmål); got "xx"`. An option the function does not have is refused
 * too, when the schema is strict (a typo such as `langauge` would otherwise be ignored).
 *
 * @param schema the options schema
 * @param options what the caller passed (`undefined` for none)
 * @param action what the function does, for the message: `code notes`, `roll up`
 * @param source the diagnostic source (`kodebok:match`, ...)
 * @returns the parsed options
 * @example
 * ```ts
 * const options = checkOptions(CodeNotesOptionsSchema, { language: "no" }, "code notes"); // { language: "nb" }
 * ```
 */
export function checkOptions<S extends z.ZodType>(schema: S, options: unknown, action: string, source = "kodebok"): z.output<S> {
  return unwrap(validateOptions(schema, options, action, source));
}

/**
 * Checks options as {@link checkOptions} does, for a function that returns a `Result` (the `readX`
 * and `parseX` functions): the options with their defaults, or the `option-invalid` diagnostics.
 *
 * @param schema the options schema
 * @param options what the caller passed (`undefined` for none)
 * @param action what the function does, for the message: `load notes`
 * @param source the diagnostic source
 * @returns the parsed options, or the diagnostics
 * @example
 * ```ts
 * const checked = validateOptions(NotesOptionsSchema, { delimiter: ";;" }, "load notes");
 * checked.ok; // false
 * ```
 */
export function validateOptions<S extends z.ZodType>(schema: S, options: unknown, action: string, source = "kodebok"): Result<z.output<S>> {
  if (options !== undefined && (options === null || typeof options !== "object" || Array.isArray(options))) {
    const d = diagnostic({ code: "option-invalid", severity: "error", source, reason: `Cannot ${action}: the options must be an object such as { language: "nb" }; got ${quote(options)}`, actual: quote(options) });
    return { ok: false, diagnostics: [d] };
  }
  const parsed = schema.safeParse(options ?? {});
  if (parsed.success) return { ok: true, value: parsed.data, diagnostics: [] };
  const known = "shape" in schema && typeof schema.shape === "object" && schema.shape !== null ? Object.keys(schema.shape) : [];
  return { ok: false, diagnostics: parsed.error.issues.flatMap((issue) => optionDiagnostics(issue, options, action, source, known)) };
}

function optionDiagnostics(issue: z.core.$ZodIssue, options: unknown, action: string, source: string, known: readonly string[]): Diagnostic[] {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const list = path === "" && known.length > 0 ? ` (they are ${known.join(", ")})` : "";
    return issue.keys.map((key) => {
      const field = path === "" ? key : `${path}.${key}`;
      return diagnostic({ code: "option-invalid", severity: "error", source, field, actual: key, reason: `Cannot ${action}: "${field}" is not one of its options${list}` });
    });
  }
  const value = valueAt(options, issue.path);
  const got = value === undefined ? "" : `; got ${quote(value)}`;
  return [
    diagnostic({
      code: "option-invalid",
      severity: "error",
      source,
      field: path,
      ...(value !== undefined ? { actual: quote(value) } : {}),
      reason: `Cannot ${action}: option "${path}" is invalid: ${describe(issue)}${got}`,
    }),
  ];
}

/** What an issue asks for, in words: zod's own message, with enum values listed plainly. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value" && issue.values.length > 0) return `expected ${issue.values.length === 1 ? "" : "one of "}${issue.values.map((v) => quote(v)).join(", ")}`;
  if (issue.code === "invalid_type") return `expected ${issue.expected === "int" ? "a whole number" : issue.expected}`;
  if (issue.code === "invalid_union") return issue.message === "Invalid input" ? "not a value it takes" : issue.message;
  if ((issue.code === "too_small" || issue.code === "too_big") && (issue.origin === "number" || issue.origin === "int")) {
    const bound = issue.code === "too_small" ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
    return `expected a number ${bound} ${String(issue.code === "too_small" ? issue.minimum : issue.maximum)}`;
  }
  return issue.message.replace(/^Invalid input: /u, "");
}

function valueAt(options: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = options;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `[${value.slice(0, 5).map(quote).join(", ")}${value.length > 5 ? ", …" : ""}]`;
  if (value !== null && typeof value === "object") return "an object";
  return String(value);
}

/**
 * The error for an argument that is not what a function takes (not an option): `option-invalid`,
 * naming the argument.
 *
 * @param action what the function does: `code notes`
 * @param why what is wrong, in words
 * @param field the argument's name
 * @param source the diagnostic source
 * @returns the error to throw
 * @example
 * ```ts
 * throw invalidArgument("roll up", `the codebook must be a codebook, not ${describeValue("natland-2021")}`, "codebook");
 * ```
 */
export function invalidArgument(action: string, why: string, field: string, source = "kodebok"): KodebokError {
  return new KodebokError([diagnostic({ code: "option-invalid", severity: "error", source, field, reason: `Cannot ${action}: ${why}` })]);
}

/**
 * A value described for a message: `the string "x"`, `a list`, `an object`, `the number 3`.
 *
 * @param value anything
 * @returns the description
 * @example
 * ```ts
 * describeValue("natland-2021"); // 'the string "natland-2021"'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "function") return "a function";
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : `the ${typeof value} ${String(value)}`;
}

/**
 * Refuses a codebook argument that is not a codebook object (a codebook's name, say).
 *
 * @param codebook the argument
 * @param action what the function does
 * @param source the diagnostic source
 * @returns nothing; throws `option-invalid` with a hint to load a named codebook
 * @example
 * ```ts
 * checkCodebookArgument(codebook, "roll up");
 * ```
 */
export function checkCodebookArgument(codebook: unknown, action: string, source = "kodebok"): void {
  const book = codebook as { lookup?: unknown; codes?: unknown } | null;
  if (book !== null && typeof book === "object" && ("lookup" in book || Array.isArray(book.codes))) return;
  const hint = typeof codebook === "string" ? `: load it first, with await loadCodebook(${JSON.stringify(codebook)})` : "";
  throw invalidArgument(action, `the codebook must be a codebook (from loadCodebook) or a matcher (from compileCodebook), not ${describeValue(codebook)}${hint}`, "codebook", source);
}
