import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { z } from "zod";
import type { Codebook } from "../codebook/codebook.ts";
import { LineCounter, locator, type Locator } from "../codebook/locate.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError, toResult, type Result } from "../diagnostics/result.ts";
import { modelCodebookHash } from "./codebook-identity.ts";
import { jsonErrorPlace } from "../notes/json.ts";
import { LearnedModelSchema, MODEL_FORMAT, type LearnedModel } from "./model.ts";

/** Options of {@link parseModel} and {@link readModel}. */
export interface ParseModelOptions {
  /** The file name used in diagnostics. */
  file?: string;
  /** The codebook the model is to be used with: a model trained for another one is refused. */
  codebook?: Codebook;
}

const SOURCE = "kodebok:model";

/**
 * Parses and validates a model file's JSON text. A syntax error, a value that does not match
 * the model schema, a model trained for another codebook (or another version of it) and a
 * classifier for a code the codebook does not define are each located at `file:line:column`.
 *
 * @param text the model file's JSON
 * @param options the file name for messages, and the codebook to check the model against
 * @returns the model, or the diagnostics
 * @example
 * ```ts
 * const result = parseModel(text, { file: "model.json", codebook });
 * if (!result.ok) for (const d of result.diagnostics) console.error(formatDiagnostic(d));
 * ```
 */
export function parseModel(text: string, options: ParseModelOptions = {}): Result<LearnedModel> {
  const file = options.file;
  const name = file ?? "model";
  const body = text.replace(/^\uFEFF/u, "");
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const raw = (error as Error).message.replace(/ in JSON at position \d+.*$/u, "");
    const message = raw.charAt(0).toLowerCase() + raw.slice(1);
    return { ok: false, diagnostics: [diagnostic({ code: "json-parse-error", severity: "error", reason: `Cannot load model "${name}": ${message}`, file, start: jsonErrorPlace(body, (error as Error).message), source: SOURCE })] };
  }
  let places: Locator | undefined;
  const place = (path: readonly PropertyKey[]) => {
    if (places === undefined) {
      const lines = new LineCounter();
      places = locator(parseDocument(body, { lineCounter: lines }), lines);
    }
    return places.place(path);
  };
  if (typeof data !== "object" || data === null || (data as { format?: unknown }).format !== MODEL_FORMAT) {
    return { ok: false, diagnostics: [diagnostic({ code: "model-invalid", severity: "error", reason: `Cannot load model "${name}": it is not a kodebok model (no "format": "${MODEL_FORMAT}")`, file, start: place(["format"]) ?? { line: 1, column: 1 }, field: "format", source: SOURCE })] };
  }
  const parsed = LearnedModelSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, diagnostics: parsed.error.issues.slice(0, 20).map((issue) => schemaDiagnostic(issue, name, file, place)) };
  }
  const model = parsed.data;
  const diagnostics = options.codebook === undefined ? [] : checkModel(model, options.codebook, { file, place });
  return toResult(model, diagnostics);
}

/**
 * Checks that a model fits a codebook: it was trained for this codebook (the codebook's hash
 * without `model`; see `modelCodebookHash`), and, for a model of a codebook with this id, every
 * code it has a classifier for is defined.
 *
 * @param model the model
 * @param codebook the codebook it is to be used with
 * @param where the model's file, and a function giving the place of a path in it
 * @returns the problems (errors), none when the model fits
 * @example
 * ```ts
 * checkModel(model, await loadCodebook("natland-2021")); // [] when the model was trained for it
 * ```
 */
export function checkModel(model: LearnedModel, codebook: Codebook, where: { file?: string | undefined; place?: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined } = {}): Diagnostic[] {
  const name = where.file ?? "model";
  const place = where.place ?? (() => undefined);
  const out: Diagnostic[] = [];
  const known = new Set(codebook.codes.map((c) => c.id));
  const hash = modelCodebookHash(codebook);
  if (model.codebook.hash !== hash) {
    const trainedFor = `codebook "${model.codebook.id}"${model.codebook.version ? ` ${model.codebook.version}` : ""}`;
    const why = model.codebook.id === codebook.id
      ? `it was trained for another version of codebook "${codebook.id}" (its codes, rules or cues have changed since)`
      : `it was trained for ${trainedFor}, not for "${codebook.id}"`;
    out.push(diagnostic({
      code: "model-codebook-mismatch", severity: "error",
      reason: `Cannot use model "${name}" with codebook "${codebook.id}": ${why}`,
      file: where.file, start: place(["codebook", "hash"]), field: "codebook.hash",
      actual: model.codebook.hash, expected: hash,
      note: "Train the model again against this codebook (kodebok learn), or code without it (--combine rules / { model: false }).",
      source: SOURCE,
    }));
  }
  // For another codebook altogether, its codes differing is no news: the mismatch says it all.
  if (model.codebook.id === codebook.id) model.codes.forEach((c, i) => {
    if (!known.has(c.code)) {
      out.push(diagnostic({ code: "model-unknown-code", severity: "error", reason: `Cannot use model "${name}": it has a classifier for code "${c.code}", which codebook "${codebook.id}" does not define`, file: where.file, start: place(["codes", i, "code"]), field: `codes.${i}.code`, actual: c.code, source: SOURCE }));
    }
  });
  return out;
}

/**
 * Reads a model file: a thin wrapper over {@link parseModel} that reads the file (UTF-8).
 *
 * @param path the model file
 * @param options the codebook to check the model against
 * @returns the model, or located diagnostics
 * @example
 * ```ts
 * const result = await readModel("model.json", { codebook });
 * ```
 */
export async function readModel(path: string, options: Omit<ParseModelOptions, "file"> = {}): Promise<Result<LearnedModel>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, diagnostics: [diagnostic({ code: "file-not-found", severity: "error", reason: `Cannot load model "${path}": ${code === "ENOENT" ? "the file does not exist" : (error as Error).message}`, file: path, source: SOURCE })] };
  }
  return parseModel(text, { ...options, file: path });
}

/**
 * Loads a model file and throws a {@link KodebokError} when it is invalid or does not fit the codebook.
 *
 * @param path the model file
 * @param options the codebook to check the model against
 * @returns the model
 * @example
 * ```ts
 * const model = await loadModel("model.json", { codebook });
 * codeNotes(notes, codebook, { model });
 * ```
 */
export async function loadModel(path: string, options: Omit<ParseModelOptions, "file"> = {}): Promise<LearnedModel> {
  const result = await readModel(path, options);
  if (!result.ok) throw new KodebokError(result.diagnostics);
  return result.value;
}

function schemaDiagnostic(issue: z.core.$ZodIssue, name: string, file: string | undefined, place: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined): Diagnostic {
  const path = issue.path as PropertyKey[];
  const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.map((k) => `"${k}"`).join(", ")})` : "";
  return diagnostic({
    code: "model-invalid",
    severity: "error",
    reason: `Cannot load model "${name}": ${path.length ? `"${path.map(String).join(".")}": ` : ""}${issue.message}${keys}`,
    file,
    start: place(path),
    field: path.map(String).join("."),
    source: SOURCE,
  });
}
