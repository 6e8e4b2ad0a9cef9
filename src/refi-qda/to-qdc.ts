import { RefiExportOptionsSchema } from "./refi-options.ts";
import { checkOptions } from "../diagnostics/options.ts";
import type { Code, Codebook, LocalizedText } from "../codebook/codebook.ts";
import type { Language } from "../text/language.ts";
import { refiGuid } from "./guid.ts";
import { serializeXml, type XmlElement } from "./xml-write.ts";

/** The REFI-QDA 1.0 codebook namespace. */
export const QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0";
/** The value kodebok writes into `origin` attributes. */
export const KODEBOK_ORIGIN = "kodebok";
/** The line that carries a code's kodebok id at the end of its `Description`. */
export const KODEBOK_ID_PREFIX = "kodebok-id: ";
/** The line that marks a top-level code group as a further dimension of the codebook (`kodebok-dimension: actors`). */
export const KODEBOK_DIMENSION_PREFIX = "kodebok-dimension: ";

/** Colours for categories and codes that have none (Tableau 10, light and dark). */
export const DEFAULT_COLORS = [
  "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948",
  "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC", "#1F77B4", "#FF7F0E",
] as const;

/** Options of {@link toQdc} (and of the codebook inside {@link toQdpx}). */
export interface QdcOptions {
  /** The language of names and descriptions when the codebook has several (default: its first language). */
  language?: Language;
}

/**
 * Picks the text of a localized value in a language, falling back to the first one given.
 *
 * @param value - a string or `{ nb, nn, en }`
 * @param language - the preferred language
 * @returns the text ("" when there is none)
 * @example
 * ```ts
 * localized({ nb: "Tid", en: "Time" }, "en"); // "Time"
 * ```
 */
export function localized(value: LocalizedText | undefined, language: Language | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return (language && value[language]) ?? value.nb ?? value.nn ?? value.en ?? "";
}

/**
 * The GUIDs of a codebook's categories and codes in an export, derived from the codebook id and
 * each id.
 *
 * @param codebook - the codebook
 * @returns a map from `category:<id>` and `code:<id>` to GUIDs
 * @example
 * ```ts
 * codebookGuids(codebook).get("code:time"); // refiGuid("code", codebook.id, "time")
 * ```
 */
export function codebookGuids(codebook: Codebook): Map<string, string> {
  const guids = new Map<string, string>();
  for (const c of codebook.categories) guids.set(`category:${c.id}`, refiGuid("category", codebook.id, c.id));
  for (const c of codebook.codes) guids.set(`code:${c.id}`, refiGuid("code", codebook.id, c.id));
  for (const d of codebook.dimensions ?? []) {
    guids.set(`dimension:${d.id}`, refiGuid("dimension", codebook.id, d.id));
    for (const c of d.codes) guids.set(`code:${c.id}`, refiGuid("code", codebook.id, c.id));
  }
  return guids;
}

/**
 * The `Description` kodebok writes for a code: the definition, the inclusion and exclusion notes,
 * and a last line `kodebok-id: <id>` that lets an import give the code its id back.
 */
function codeDescription(code: Pick<Code, "id" | "definition" | "include" | "exclude">, language: Language | undefined): string {
  const parts = [localized(code.definition, language).trim()];
  const list = (title: string, items: LocalizedText[]) => {
    const lines = items.map((i) => localized(i, language).trim()).filter(Boolean);
    if (lines.length > 0) parts.push(`${title}:\n${lines.map((l) => `- ${l}`).join("\n")}`);
  };
  list("Include", code.include);
  list("Exclude", code.exclude);
  parts.push(`${KODEBOK_ID_PREFIX}${code.id}`);
  return parts.filter(Boolean).join("\n\n");
}

/**
 * Builds the `Code` elements of a codebook: each category a non-codable code, its themes nested
 * inside as codable codes, with definitions and notes in `Description` and a colour each; then
 * each further dimension (actors) as a non-codable top-level code whose `Description` ends with
 * `kodebok-dimension: <id>`, its codes nested inside.
 *
 * @param codebook - the codebook
 * @param options - the language of names and descriptions
 * @returns the `Code` elements, in the codebook's order
 * @example
 * ```ts
 * const codes = codebookCodeElements(codebook);
 * codes[0].attrs; // [["guid", "…"], ["name", "Betydningen av det relasjonelle"], ["isCodable", false], ["color", "#4E79A7"]]
 * ```
 */
export function codebookCodeElements(codebook: Codebook, options: QdcOptions = {}): XmlElement[] {
  const language = options.language ?? codebook.languages[0];
  const guids = codebookGuids(codebook);
  let colorIndex = 0;
  const nextColor = () => DEFAULT_COLORS[colorIndex++ % DEFAULT_COLORS.length]!;
  const codeElement = (code: Pick<Code, "id" | "label" | "color" | "definition" | "include" | "exclude">): XmlElement => ({
    name: "Code",
    attrs: [
      ["guid", guids.get(`code:${code.id}`)],
      ["name", localized(code.label, language) || code.id],
      ["isCodable", true],
      ["color", (code.color ?? nextColor()).toUpperCase()],
    ],
    children: [{ name: "Description", text: codeDescription(code, language) }],
  });
  const categoryIds = new Set(codebook.categories.map((c) => c.id));
  const out: XmlElement[] = codebook.categories.map((category) => {
    const color = (category.color ?? nextColor()).toUpperCase();
    const description = localized(category.description, language).trim();
    return {
      name: "Code",
      attrs: [
        ["guid", guids.get(`category:${category.id}`)],
        ["name", localized(category.label, language) || category.id],
        ["isCodable", false],
        ["color", color],
      ],
      children: [
        { name: "Description", text: [description, `${KODEBOK_ID_PREFIX}${category.id}`].filter(Boolean).join("\n\n") },
        ...codebook.codes.filter((c) => c.category === category.id).map(codeElement),
      ],
    };
  });
  for (const code of codebook.codes) if (!categoryIds.has(code.category)) out.push(codeElement(code));
  // Each further dimension (actors) is a top-level group of its own, marked so an import knows it.
  for (const dimension of codebook.dimensions ?? []) {
    const description = localized(dimension.description, language).trim();
    out.push({
      name: "Code",
      attrs: [
        ["guid", guids.get(`dimension:${dimension.id}`)],
        ["name", localized(dimension.label, language) || dimension.id],
        ["isCodable", false],
        ["color", nextColor().toUpperCase()],
      ],
      children: [
        { name: "Description", text: [description, `${KODEBOK_DIMENSION_PREFIX}${dimension.id}`].filter(Boolean).join("\n\n") },
        ...dimension.codes.map(codeElement),
      ],
    });
  }
  return out;
}

/**
 * Exports a codebook as a REFI-QDA codebook file (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`):
 * categories become non-codable codes with their themes nested inside; definitions and
 * inclusion/exclusion notes go into `Description`; every code gets a `#RRGGBB` colour; GUIDs are
 * derived from the codebook id and the category or code id, so the same codebook always gives the
 * same bytes. Rules and terms have no place in the format: the kodebok codebook stays the source
 * of truth. The output validates against `Codebook.xsd`.
 *
 * @param codebook - the codebook
 * @param options - the language of names and descriptions (default: the codebook's first language)
 * @returns the `.qdc` XML text (UTF-8, LF, no BOM)
 * @example
 * ```ts
 * const xml = toQdc(await loadCodebook("natland-2021"), { language: "nb" });
 * await writeFile("natland-2021.qdc", xml);
 * ```
 */
export function toQdc(codebook: Codebook, options: QdcOptions = {}): string {
  options = checkOptions(RefiExportOptionsSchema, options, "write the REFI-QDA codebook", "kodebok:refi-qda");
  return serializeXml({
    name: "CodeBook",
    attrs: [["xmlns", QDC_NAMESPACE], ["origin", KODEBOK_ORIGIN]],
    children: [{ name: "Codes", children: codebookCodeElements(codebook, options) }],
  });
}
