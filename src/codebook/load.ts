import { describeValue, validateOptions } from "../diagnostics/options.ts";
import { z } from "zod";
import { readdir, stat } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError, toResult, type Result } from "../diagnostics/result.ts";
import { binaryContent } from "../files/binary-content.ts";
import { INPUT_LIMITS, readInputFile } from "../files/read-input-file.ts";
import { decodeText } from "../notes/decode.ts";
import { checkCodebook } from "./check.ts";
import { CodebookSchema, type Codebook, type CodebookInput } from "./codebook.ts";
import { parseCodebook } from "./parse.ts";
import { readModel } from "../learn/read-model.ts";

/** The folder of the codebooks that ship with kodebok. */
export const BUNDLED_CODEBOOKS_DIR: string = fileURLToPath(new URL("../../codebooks/", import.meta.url));

/** A bundled codebook as listed by {@link listBundledCodebooks}. */
export interface BundledCodebook {
  name: string;
  path: string;
  title: string;
  codes: number;
  categories: number;
  languages: string[];
}

/**
 * Lists the codebooks that ship with kodebok, sorted by name.
 *
 * @returns name, path, title and size of each
 * @example
 * ```ts
 * (await listBundledCodebooks()).map((c) => c.name); // ["natland-2021", ...]
 * ```
 */
export async function listBundledCodebooks(): Promise<BundledCodebook[]> {
  const names = (await readdir(BUNDLED_CODEBOOKS_DIR)).filter((n) => /\.ya?ml$/u.test(n)).sort();
  const out: BundledCodebook[] = [];
  for (const file of names) {
    const result = await readCodebook(resolve(BUNDLED_CODEBOOKS_DIR, file));
    if (!result.ok) throw new KodebokError(result.diagnostics);
    const c = result.value;
    out.push({
      name: file.replace(/\.ya?ml$/u, ""),
      path: resolve(BUNDLED_CODEBOOKS_DIR, file),
      title: typeof c.title === "string" ? c.title : (c.title.en ?? c.title.nb ?? Object.values(c.title)[0] ?? c.id),
      codes: c.codes.length,
      categories: c.categories.length,
      languages: c.languages,
    });
  }
  return out;
}

/** Options of {@link readCodebook} and {@link loadCodebook}. */
export interface ReadCodebookOptions {
  /** The folder relative paths are resolved against (default: the working directory). */
  from?: string;
  /** `false`: leave out the model the codebook names (neither read nor checked). Default true. */
  model?: boolean;
  /**
   * Receives the path of every file read: the codebook's and each base's (`extends`), so that a
   * program writing output can refuse to overwrite any of them.
   */
  files?: string[];
}
const ReadCodebookOptionsSchema: z.ZodType<ReadCodebookOptions, unknown> = z.object({ from: z.string().min(1).optional(), model: z.boolean().optional(), files: z.array(z.string()).optional() }).strict();

/**
 * Reads a codebook by bundled name (`natland-2021`) or by path (`./my-codebook.yaml`) (the
 * `readX` convention: a result, never a throw; {@link loadCodebook} throws), validates it, and
 * resolves `extends`: the base codebooks' categories and codes come first, the extending
 * codebook's follow; a category or code with the same id as the base's replaces it in place.
 * A codebook that names a model file (`model: natland-2021.model.json`, beside the codebook) gets
 * the model read and checked against it (a model trained for another codebook is an error).
 *
 * @param nameOrPath a bundled codebook's name, or a path to a YAML or JSON file
 * @param options `from`: the folder relative paths are resolved against (default: the working
 *   directory); `model: false`: leave the codebook's model out (not read, not checked); `files`: an
 *   array that receives every file read (the codebook and its bases)
 * @returns the codebook, or diagnostics located in the file at fault
 * @example
 * ```ts
 * const result = await readCodebook("natland-2021");
 * if (result.ok) console.log(result.value.codes.length); // 6
 * ```
 */
export async function readCodebook(nameOrPath: string, options: ReadCodebookOptions = {}): Promise<Result<Codebook>> {
  const valid = validateOptions(ReadCodebookOptionsSchema, options, "load the codebook", "kodebok:codebook");
  if (!valid.ok) return valid;
  if (typeof nameOrPath !== "string" || nameOrPath === "") {
    return { ok: false, diagnostics: [diagnostic({ code: "option-invalid", severity: "error", field: "nameOrPath", source: "kodebok:codebook", reason: `Cannot load the codebook: expected a bundled codebook's name or a path, not ${describeValue(nameOrPath)}` })] };
  }
  const from = options.from ?? process.cwd();
  const read = new Map<string, Promise<Result<Codebook>>>();
  const result = await readWithBases(nameOrPath, from, [], read);
  options.files?.push(...read.keys());
  if (!result.ok || typeof result.value.model !== "string") return result;
  if (options.model === false) return { ...result, value: { ...result.value, model: undefined } };
  // The codebook names its model (a file beside it): read it, and check that it fits.
  const path = (await resolveCodebookPath(nameOrPath, from))!;
  const modelPath = resolve(dirname(path), result.value.model);
  options.files?.push(modelPath);
  const model = await readModel(modelPath, { codebook: result.value });
  const diagnostics = [...result.diagnostics, ...model.diagnostics];
  return model.ok ? { ok: true, value: { ...result.value, model: model.value }, diagnostics } : { ok: false, diagnostics };
}

/**
 * Reads a codebook and its bases. `read` holds each base read in this call, by path, so that a
 * base reached along several paths (a diamond of `extends`) is read and merged once: without
 * it, n levels of diamonds read the deepest base 2^n times.
 */
async function readWithBases(nameOrPath: string, from: string, chain: string[], read: Map<string, Promise<Result<Codebook>>>): Promise<Result<Codebook>> {
  const path = await resolveCodebookPath(nameOrPath, from);
  if (path === undefined) {
    return {
      ok: false,
      diagnostics: [
        diagnostic({
          code: "codebook-not-found",
          severity: "error",
          reason: `Cannot load codebook "${nameOrPath}": it is neither a bundled codebook nor a readable file`,
          note: "Run `kodebok codebook list` to see the bundled codebooks.",
          source: "kodebok:codebook",
        }),
      ],
    };
  }
  if (chain.includes(path)) {
    return {
      ok: false,
      diagnostics: [
        diagnostic({
          code: "codebook-extends-cycle",
          severity: "error",
          reason: `Cannot load codebook "${nameOrPath}": codebooks extend each other in a cycle (${[...chain, path].join(" -> ")})`,
          file: path,
          source: "kodebok:codebook",
        }),
      ],
    };
  }
  // A base read before in this call: no cycle passes through it (that would have been found
  // while reading it), so its result holds on every path that reaches it.
  const known = read.get(path);
  if (known !== undefined) return known;
  const result = readOne(nameOrPath, path, chain, read);
  read.set(path, result);
  return result;
}

async function readOne(nameOrPath: string, path: string, chain: string[], read: Map<string, Promise<Result<Codebook>>>): Promise<Result<Codebook>> {
  const bytes = await readInputFile(path, { action: `Cannot load codebook "${nameOrPath}"`, source: "kodebok:codebook", maxBytes: INPUT_LIMITS.codebook });
  if (!bytes.ok) return bytes;
  const binary = binaryContent(bytes.value);
  if (binary !== undefined) {
    return {
      ok: false,
      diagnostics: [diagnostic({ code: "file-binary", severity: "error", reason: `Cannot load codebook "${nameOrPath}": the file is ${binary}, not text; a codebook is YAML or JSON`, file: path, source: "kodebok:codebook" })],
    };
  }
  const decoded = decodeText(bytes.value, path);
  if (!decoded.ok) return decoded;
  const text = parseCodebook(decoded.text, { file: path });
  const parsed: Result<Codebook> = { ...text, diagnostics: [...decoded.diagnostics, ...text.diagnostics] };
  if (!parsed.ok || parsed.value.extends === undefined) return parsed;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const bases = Array.isArray(parsed.value.extends) ? parsed.value.extends : [parsed.value.extends];
  let merged: Codebook | undefined;
  for (const base of bases) {
    const refused = refusedBase(base, path);
    if (refused !== undefined) return { ok: false, diagnostics: [...diagnostics, refused] };
    const loaded = await readWithBases(base, dirname(path), [...chain, path], read);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.ok) return { ok: false, diagnostics };
    merged = merged ? mergeCodebooks(merged, loaded.value) : loaded.value;
  }
  const result = mergeCodebooks(merged!, parsed.value);
  for (const problem of checkCodebook(result)) diagnostics.push({ ...problem.diagnostic, file: path });
  return toResult(result, dedupe(diagnostics));
}

/**
 * Merges an extending codebook onto its base: ids of the extension replace the base's in place,
 * new categories and codes follow, languages are united, and the extension's polarity cues win.
 * Dimensions merge by id the same way, so an extension can add codes to `actors` or add a
 * dimension of its own.
 *
 * @example
 * ```ts
 * const mine = mergeCodebooks(await loadCodebook("natland-2021"), extension);
 * ```
 */
export function mergeCodebooks(base: Codebook, extension: Codebook): Codebook {
  const byId = <T extends { id: string }>(a: T[], b: T[]): T[] => {
    const replaced = a.map((x) => b.find((y) => y.id === x.id) ?? x);
    return [...replaced, ...b.filter((y) => !a.some((x) => x.id === y.id))];
  };
  return {
    ...extension,
    languages: [...new Set([...base.languages, ...extension.languages])],
    categories: byId(base.categories, extension.categories),
    codes: byId(base.codes, extension.codes),
    frames: byId(base.frames, extension.frames),
    notAbout: extension.notAbout ?? base.notAbout,
    polarity: {
      ...base.polarity,
      ...Object.fromEntries(Object.entries(extension.polarity).filter(([, v]) => v !== undefined)),
    },
    ...mergedDimensions(base, extension),
  };
}

/**
 * The further dimensions of a merged codebook: a dimension of the extension with a base
 * dimension's id keeps its place and takes the extension's settings, with its codes merged like
 * the codebook's (same id replaces, new ones follow); new dimensions follow.
 */
function mergedDimensions(base: Codebook, extension: Codebook): Pick<Codebook, "dimensions" | "primaryDimension"> {
  const primaryDimension = extension.primaryDimension ?? base.primaryDimension;
  const out: Pick<Codebook, "dimensions" | "primaryDimension"> = primaryDimension ? { primaryDimension } : {};
  if (base.dimensions === undefined && extension.dimensions === undefined) return out;
  const theirs = extension.dimensions ?? [];
  const merged = (base.dimensions ?? []).map((b) => {
    const e = theirs.find((d) => d.id === b.id);
    if (e === undefined) return b;
    const codes = [...b.codes.map((x) => e.codes.find((y) => y.id === x.id) ?? x), ...e.codes.filter((y) => !b.codes.some((x) => x.id === y.id))];
    return { ...b, ...e, codes, defaultFrom: [...new Set([...b.defaultFrom, ...e.defaultFrom])] };
  });
  return { ...out, dimensions: [...merged, ...theirs.filter((e) => !merged.some((m) => m.id === e.id))] };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.start?.line}:${d.code}:${d.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What `extends` may name: a bundled codebook, or a codebook file (`.yaml`, `.yml` or `.json`),
 * relative to the extending codebook's folder or absolute. Anything else (`/etc/passwd`,
 * `/dev/zero`) is refused before it is opened: a codebook from elsewhere must not make kodebok
 * read files that are not codebooks. (The file must then also be a regular file within
 * `INPUT_LIMITS.codebook`, as every codebook.)
 */
function refusedBase(base: string, from: string): Diagnostic | undefined {
  if (/^[a-z][a-z0-9_-]*$/u.test(base) || /\.(ya?ml|json)$/iu.test(base)) return undefined;
  return diagnostic({
    code: "codebook-not-found",
    severity: "error",
    reason: `Cannot load codebook "${from}": extends "${base}", which is neither a bundled codebook nor a .yaml, .yml or .json file`,
    file: from,
    note: "Name a bundled codebook (kodebok codebook list) or a codebook file.",
    source: "kodebok:codebook",
  });
}

async function resolveCodebookPath(nameOrPath: string, from: string): Promise<string | undefined> {
  const candidates: string[] = [];
  if (/^[a-z][a-z0-9_-]*$/u.test(nameOrPath)) {
    candidates.push(resolve(BUNDLED_CODEBOOKS_DIR, `${nameOrPath}.yaml`), resolve(BUNDLED_CODEBOOKS_DIR, `${nameOrPath}.yml`));
  }
  candidates.push(isAbsolute(nameOrPath) ? nameOrPath : resolve(from, nameOrPath));
  // The first that exists; a folder too, so that reading it says it is a folder.
  for (const candidate of candidates) if (await stat(candidate).then(() => true, () => false)) return candidate;
  return undefined;
}

/**
 * Loads a codebook and throws a {@link KodebokError} if it is invalid (the `loadX` convention: the
 * value, or a throw; {@link readCodebook} returns a result): the convenient form for scripts and
 * notebooks. Accepts a bundled name, a path, or a codebook object (validated).
 *
 * @param source a bundled name, a path, or a plain codebook object
 * @param options as for {@link readCodebook}
 * @returns the validated codebook
 * @example
 * ```ts
 * const codebook = await loadCodebook("natland-2021");
 * ```
 */
export async function loadCodebook(source: string | CodebookInput | Codebook, options: ReadCodebookOptions = {}): Promise<Codebook> {
  if (typeof source === "string") {
    const result = await readCodebook(source, options);
    if (!result.ok) throw new KodebokError(result.diagnostics);
    return result.value;
  }
  const parsed = CodebookSchema.safeParse(source);
  if (!parsed.success) {
    throw new KodebokError(
      parsed.error.issues.map((issue) =>
        diagnostic({ code: "codebook-invalid", severity: "error", reason: `Invalid codebook: "${issue.path.join(".")}": ${issue.message}`, field: issue.path.join(".") }),
      ),
    );
  }
  const problems = checkCodebook(parsed.data).map((p) => p.diagnostic);
  if (problems.some((d) => d.severity === "error")) throw new KodebokError(problems);
  return parsed.data;
}
