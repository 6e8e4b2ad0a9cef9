import { RefiImportOptionsSchema } from "./refi-options.ts";
import { validateOptions } from "../diagnostics/options.ts";
import type { Codebook } from "../codebook/codebook.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";
import { importCodes, type ImportCodebookOptions } from "./import-codes.ts";
import { QDC_NAMESPACE } from "./to-qdc.ts";
import { childNamed, childrenNamed, parseXmlSafely, type XmlNode } from "./xml-read.ts";

const SOURCE = "kodebok:refi-qda";

/**
 * Checks a REFI-QDA root's namespace and `xsi:schemaLocation`; deviations are warnings (QualCoder
 * also accepts the pre-release namespace `…:0:4`; ATLAS.ti writes a schemaLocation naming it).
 *
 * @param root - the root element
 * @param expected - the namespace the file type should have
 * @param file - the file name for messages
 * @returns warnings, empty when the namespace is right
 * @example
 * ```ts
 * checkNamespace(root, "urn:QDA-XML:codebook:1.0", "codes.qdc"); // []
 * ```
 */
export function checkNamespace(root: XmlNode, expected: string, file?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ns = root.attrs.xmlns ?? Object.entries(root.attrs).find(([k]) => k.startsWith("xmlns:") && root.attrs[k]?.startsWith("urn:QDA-XML"))?.[1];
  if (ns !== expected) {
    out.push(diagnostic({ code: "refi-namespace", severity: "warning", file, start: root.start, source: SOURCE,
      actual: ns ?? "(none)", expected, reason: `Read <${root.name}> with namespace "${ns ?? "(none)"}" as ${expected}` }));
  }
  const location = root.attrs.schemaLocation;
  if (location !== undefined) {
    const named = location.trim().split(/\s+/)[0];
    if (named !== expected) {
      out.push(diagnostic({ code: "refi-namespace", severity: "warning", file, start: root.start, source: SOURCE,
        actual: named ?? "", expected, reason: `The schemaLocation names "${named}", not ${expected}; read as ${expected}` }));
    }
  }
  return out;
}

/**
 * Reports `Sets` (code and document groups), which kodebok has no counterpart for, and a
 * `MemberCode` that names its target with the other file type's attribute.
 *
 * @param sets - the `Sets` element, if any
 * @param standardAttribute - `guid` in a codebook file, `targetGUID` in a project
 * @param file - the file name for messages
 * @returns an info listing the skipped sets, and warnings
 * @example
 * ```ts
 * reportSets(childNamed(root, "Sets"), "guid", "codes.qdc");
 * ```
 */
export function reportSets(sets: XmlNode | undefined, standardAttribute: "guid" | "targetGUID", file?: string): Diagnostic[] {
  if (!sets) return [];
  const out: Diagnostic[] = [];
  const list = childrenNamed(sets, "Set");
  for (const set of list) {
    for (const member of childrenNamed(set, "MemberCode")) {
      const other = standardAttribute === "guid" ? "targetGUID" : "guid";
      if (member.attrs[standardAttribute] === undefined && member.attrs[other] !== undefined) {
        out.push(diagnostic({ code: "refi-nonstandard", severity: "warning", file, start: member.start, source: SOURCE,
          actual: `${other}=`, expected: `${standardAttribute}=`,
          reason: `Read <MemberCode ${other}="…"> leniently: the schema names the attribute ${standardAttribute}` }));
        break;
      }
    }
  }
  if (list.length > 0) {
    out.push(diagnostic({ code: "refi-sets-ignored", severity: "info", file, start: sets.start, source: SOURCE,
      reason: `Skipped ${list.length} set(s) (${list.map((s) => `"${s.attrs.name ?? ""}"`).slice(0, 5).join(", ")}${list.length > 5 ? ", …" : ""}): kodebok codebooks have no code groups` }));
  }
  return out;
}

/**
 * Imports a REFI-QDA codebook (`.qdc`). Nested codes become categories and codes (see
 * {@link importCodes}); real-world deviations — a mismatched namespace or schemaLocation, colours
 * with alpha, `MemberCode targetGUID=` — are read with a warning; a file that is not XML, is
 * truncated, or declares a DTD is rejected with a located error.
 *
 * @param xml - the `.qdc` text
 * @param options - `file` for messages; codebook `id`, `title`, `languages`
 * @returns the codebook, with warnings and infos; or the errors
 * @example
 * ```ts
 * const result = parseQdc(await readFile("codes.qdc", "utf8"), { file: "codes.qdc", id: "atlas" });
 * if (result.ok) console.log(result.value.codes.map((c) => c.id));
 * ```
 */
export function parseQdc(xml: string, options: ImportCodebookOptions = {}): Result<Codebook> {
  const valid = validateOptions(RefiImportOptionsSchema, options, "read the REFI-QDA codebook", "kodebok:refi-qda");
  if (!valid.ok) return valid;
  const parsed = parseXmlSafely(xml, { file: options.file, what: "REFI-QDA codebook" });
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root.name !== "CodeBook") {
    return { ok: false, diagnostics: [diagnostic({ code: "refi-wrong-root", severity: "error", file: options.file, start: root.start,
      source: SOURCE, actual: root.name, expected: "CodeBook",
      reason: `Cannot read REFI-QDA codebook: the root element is <${root.name}>, not <CodeBook>`,
      note: root.name === "Project" ? "this is a project file: read it with readQdpx() or parseQdpx()" : undefined }) ] };
  }
  const diagnostics = checkNamespace(root, QDC_NAMESPACE, options.file);
  const codes = childNamed(root, "Codes");
  if (!codes) {
    return { ok: false, diagnostics: [...diagnostics, diagnostic({ code: "refi-wrong-root", severity: "error", file: options.file,
      start: root.start, source: SOURCE, reason: "Cannot read REFI-QDA codebook: <CodeBook> has no <Codes>" })] };
  }
  const title = options.title ?? (options.file ? options.file.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "") : undefined);
  const imported = importCodes(codes, { ...options, ...(title ? { title } : {}) });
  diagnostics.push(...imported.diagnostics, ...reportSets(childNamed(root, "Sets"), "guid", options.file));
  return { ok: true, value: imported.codebook, diagnostics };
}
