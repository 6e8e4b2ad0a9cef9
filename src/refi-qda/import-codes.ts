import { CodebookSchema, type Category, type Code, type Codebook, type Dimension, type DimensionCode } from "../codebook/codebook.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Language } from "../text/language.ts";
import { normalizeGuid, refiGuid } from "./guid.ts";
import { slugify, uniqueIds } from "./slug.ts";
import { KODEBOK_DIMENSION_PREFIX, KODEBOK_ID_PREFIX } from "./to-qdc.ts";
import { childNamed, childrenNamed, type XmlNode } from "./xml-read.ts";

const SOURCE = "kodebok:refi-qda";
const ID = /^[a-z][a-z0-9_-]*$/;

/** Options for turning REFI-QDA codes into a kodebok codebook. */
export interface ImportCodebookOptions {
  /** The file name, for messages. */
  file?: string;
  /** The id of the new codebook (default: a slug of `title`, or `imported`). */
  id?: string;
  /** The title of the new codebook (default: the project name or `Imported codebook`). */
  title?: string;
  /** The languages of the new codebook (default `["nb", "en"]`). */
  languages?: Language[];
}

/** A REFI code read from XML, before it becomes kodebok categories and codes. */
interface RefiCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color?: string;
  description: string;
  children: RefiCode[];
  node: XmlNode;
}

/** What {@link importCodes} returns: the codebook and the map from REFI code GUIDs to kodebok code ids. */
export interface ImportedCodes {
  codebook: Codebook;
  /** Upper-case GUID of every codable REFI code → kodebok code id. */
  codeByGuid: Map<string, string>;
  diagnostics: Diagnostic[];
}

/** Reads a colour leniently: `#RGB` is widened, `#RRGGBBAA` loses its alpha (with a warning). */
function readColor(value: string | undefined, node: XmlNode, file: string | undefined, diagnostics: Diagnostic[]): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v.toUpperCase();
  if (/^#[0-9a-fA-F]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join("")}`.toUpperCase();
  const alpha = /^#([0-9a-fA-F]{6})[0-9a-fA-F]{2}$/.exec(v);
  diagnostics.push(diagnostic({ code: "refi-color-alpha", severity: "warning", file, start: node.start, source: SOURCE,
    actual: v, expected: "#RRGGBB",
    reason: alpha
      ? `Read colour "${v}" of code "${node.attrs.name ?? ""}" without its alpha channel as #${alpha[1]!.toUpperCase()}`
      : `Ignored colour "${v}" of code "${node.attrs.name ?? ""}": REFI-QDA colours are #RRGGBB or #RGB` }));
  return alpha ? `#${alpha[1]!.toUpperCase()}` : undefined;
}

function readCode(node: XmlNode, path: string[], file: string | undefined, diagnostics: Diagnostic[]): RefiCode {
  const name = node.attrs.name ?? "";
  if (name === "") {
    diagnostics.push(diagnostic({ code: "refi-nonstandard", severity: "warning", file, start: node.start, source: SOURCE,
      reason: "Read a code without a name; it was named \"code\"" }));
  }
  const fullPath = [...path, name || "code"];
  let guid = normalizeGuid(node.attrs.guid);
  if (guid === undefined) {
    guid = refiGuid("imported-code", ...fullPath).toUpperCase();
    diagnostics.push(diagnostic({ code: "refi-invalid-guid", severity: "warning", file, start: node.start, source: SOURCE,
      actual: node.attrs.guid ?? "", reason: `Code "${name}" has ${node.attrs.guid === undefined ? "no" : "a malformed"} guid; one was derived from its name` }));
  }
  const codable = node.attrs.isCodable;
  let isCodable = true;
  if (codable === "false" || codable === "0") isCodable = false;
  else if (codable !== "true" && codable !== "1") {
    diagnostics.push(diagnostic({ code: "refi-nonstandard", severity: "warning", file, start: node.start, source: SOURCE,
      actual: codable ?? "", expected: "true or false", reason: `Code "${name}" has no valid isCodable; it was read as codable` }));
  }
  const color = readColor(node.attrs.color, node, file, diagnostics);
  const code: RefiCode = {
    guid,
    name: name || "code",
    isCodable,
    description: childNamed(node, "Description")?.text ?? "",
    children: childrenNamed(node, "Code").map((c) => readCode(c, fullPath, file, diagnostics)),
    node,
  };
  if (color !== undefined) code.color = color;
  return code;
}

/** ATLAS.ti writes its hierarchy as flat names `Parent::Child`; nest them under their parents. */
function nestPathNames(codes: RefiCode[], file: string | undefined, diagnostics: Diagnostic[]): RefiCode[] {
  if (!codes.some((c) => c.name.includes("::"))) return codes;
  const byName = new Map(codes.map((c) => [c.name, c]));
  const top: RefiCode[] = [];
  let moved = 0;
  const parentOf = (path: string): RefiCode => {
    const existing = byName.get(path);
    if (existing) return existing;
    const i = path.lastIndexOf("::");
    const made: RefiCode = { guid: refiGuid("imported-path", path).toUpperCase(), name: path, isCodable: false,
      description: "", children: [], node: codes[0]!.node };
    byName.set(path, made);
    if (i === -1) top.push(made);
    else parentOf(path.slice(0, i)).children.push(made);
    return made;
  };
  for (const code of codes) {
    const i = code.name.lastIndexOf("::");
    if (i === -1) top.push(code);
    else {
      parentOf(code.name.slice(0, i)).children.push(code);
      moved++;
    }
  }
  diagnostics.push(diagnostic({ code: "refi-hierarchy-from-names", severity: "info", file, source: SOURCE,
    reason: `Read ${moved} code name(s) of the form "Parent::Child" (ATLAS.ti's flat hierarchy) as sub-codes of their parents` }));
  return top;
}

/** Splits a Description into definition, include and exclude lists, and a kodebok id or dimension line. */
function readDescription(text: string): { definition: string; include: string[]; exclude: string[]; id?: string; dimension?: string } {
  const out: { definition: string; include: string[]; exclude: string[]; id?: string; dimension?: string } = { definition: "", include: [], exclude: [] };
  const rest: string[] = [];
  for (const para of text.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const p = para.trim();
    const list = /^(Include|Exclude):\n(- [\s\S]*)$/.exec(p);
    if (list) {
      // Items start with "- "; other lines continue the item before them.
      const items: string[] = [];
      for (const line of list[2]!.split("\n")) {
        if (line.startsWith("- ")) items.push(line.slice(2));
        else items[items.length - 1] += `\n${line}`;
      }
      (list[1] === "Include" ? out.include : out.exclude).push(...items.map((i) => i.trim()));
    } else if (p.startsWith(KODEBOK_ID_PREFIX) && ID.test(p.slice(KODEBOK_ID_PREFIX.length).trim())) {
      out.id = p.slice(KODEBOK_ID_PREFIX.length).trim();
    } else if (p.startsWith(KODEBOK_DIMENSION_PREFIX) && ID.test(p.slice(KODEBOK_DIMENSION_PREFIX.length).trim())) {
      out.dimension = p.slice(KODEBOK_DIMENSION_PREFIX.length).trim();
    } else if (p !== "") rest.push(p);
  }
  out.definition = rest.join("\n\n");
  return out;
}

/**
 * Turns the `Code` elements of a REFI-QDA codebook into a kodebok codebook. Non-codable codes
 * become categories; codable codes become codes in the nearest enclosing category; a codable code
 * that has sub-codes becomes both a category and a code with the same id; codes outside any
 * category go under a generated category `uncategorised`. Ids are slugs of the names (æ → ae,
 * ø → o, å → a, deduplicated with `-2`, `-3`; categories and codes have separate id spaces, as in
 * kodebok), or the `kodebok-id:` line kodebok wrote; names stay as labels. Definitions, inclusion and exclusion notes are read back from `Description`.
 * A top-level group whose `Description` has a `kodebok-dimension: <id>` line (as kodebok writes a
 * further dimension, such as the actors) becomes that dimension, with its codable codes.
 *
 * @param codes - the `Codes` element (of a `.qdc` or of a project's `CodeBook`)
 * @param options - codebook id, title, languages, file name for messages
 * @returns the codebook, the GUID → code id map and the diagnostics
 * @example
 * ```ts
 * const parsed = parseXmlSafely(xml);
 * if (parsed.ok) importCodes(childNamed(parsed.value, "Codes")!, { id: "atlas" }).codebook.codes.length;
 * ```
 */
export function importCodes(codes: XmlNode | undefined, options: ImportCodebookOptions = {}): ImportedCodes {
  const diagnostics: Diagnostic[] = [];
  const file = options.file;
  const all = nestPathNames(
    codes ? childrenNamed(codes, "Code").map((c) => readCode(c, [], file, diagnostics)) : [],
    file,
    diagnostics,
  );
  // Top-level groups kodebok marked as further dimensions come back as dimensions; the rest is the themes.
  const isDimension = (c: RefiCode) => !c.isCodable && readDescription(c.description).dimension !== undefined;
  const tree = all.filter((c) => !isDimension(c));
  const dimensionGroups = all.filter(isDimension);
  // Categories and codes have separate id spaces. Ids kodebok wrote come back first; slugs avoid them.
  const reserved = { category: new Set<string>(), code: new Set<string>() };
  const collect = (c: RefiCode) => {
    const id = readDescription(c.description).id;
    if (id) reserved[c.isCodable ? "code" : "category"].add(id);
    c.children.forEach(collect);
  };
  all.forEach(collect);
  const pools = {
    category: { slug: uniqueIds(reserved.category), claimed: new Set<string>() },
    code: { slug: uniqueIds(reserved.code), claimed: new Set<string>() },
  };
  const idFor = (kind: "category" | "code", wanted: string | undefined, name: string): string => {
    const pool = pools[kind];
    if (wanted && reserved[kind].has(wanted) && !pool.claimed.has(wanted)) {
      pool.claimed.add(wanted);
      return wanted;
    }
    return pool.slug(slugify(name));
  };

  const categories: Category[] = [];
  const kodebokCodes: Code[] = [];
  const codeByGuid = new Map<string, string>();
  let generated: string | undefined;
  const generatedCategory = (): string => {
    if (generated === undefined) {
      generated = pools.category.slug("uncategorised");
      categories.push({ id: generated, label: "Uncategorised", description: "Codes that had no parent code in the imported codebook" });
    }
    return generated;
  };

  const walk = (c: RefiCode, parentCategory: string | undefined): void => {
    const desc = readDescription(c.description);
    let ownCategory: string | undefined;
    if (!c.isCodable || c.children.length > 0) {
      ownCategory = idFor("category", c.isCodable ? undefined : desc.id, c.name);
      const category: Category = { id: ownCategory, label: c.name };
      const categoryDescription = c.isCodable ? `Code "${c.name}" and its sub-codes` : desc.definition;
      if (categoryDescription) category.description = categoryDescription;
      if (c.color) category.color = c.color;
      categories.push(category);
      if (c.isCodable) {
        diagnostics.push(diagnostic({ code: "refi-codable-parent", severity: "info", file, start: c.node.start, source: SOURCE,
          reason: `Code "${c.name}" is codable and has sub-codes: it became category "${ownCategory}" and a code in it` }));
      }
    }
    if (c.isCodable) {
      const id = idFor("code", desc.id, c.name);
      const code: Code = {
        id,
        category: ownCategory ?? parentCategory ?? generatedCategory(),
        label: c.name,
        definition: desc.definition,
        include: desc.include,
        exclude: desc.exclude,
        examples: [],
        nonExamples: [],
        rules: [],
        relatesTo: [],
      };
      if (c.color) code.color = c.color;
      kodebokCodes.push(code);
      codeByGuid.set(c.guid, id);
    }
    for (const child of c.children) walk(child, ownCategory ?? parentCategory);
  };
  tree.forEach((c) => walk(c, undefined));
  if (generated !== undefined) {
    // The generated category goes last.
    categories.push(...categories.splice(categories.findIndex((c) => c.id === generated), 1));
    diagnostics.push(diagnostic({ code: "refi-generated-category", severity: "info", file, source: SOURCE,
      reason: `Put ${kodebokCodes.filter((c) => c.category === generated).length} top-level code(s) under the generated category "${generated}"` }));
  }
  // Categories first in the order kodebok lists them, codes grouped by category.
  const order = new Map(categories.map((c, i) => [c.id, i]));
  kodebokCodes.sort((a, b) => order.get(a.category)! - order.get(b.category)!);
  const dimensionIds = new Set<string>();
  const dimensions: Dimension[] = dimensionGroups.map((group) => {
    const desc = readDescription(group.description);
    let id = desc.dimension!;
    for (let n = 2; dimensionIds.has(id); n++) id = `${desc.dimension!}-${n}`;
    dimensionIds.add(id);
    const members: DimensionCode[] = [];
    const gather = (c: RefiCode): void => {
      if (c.isCodable) {
        const d = readDescription(c.description);
        const code: DimensionCode = { id: idFor("code", d.id, c.name), label: c.name, definition: d.definition, include: d.include, exclude: d.exclude, examples: [], nonExamples: [], rules: [], relatesTo: [] };
        if (c.color) code.color = c.color;
        members.push(code);
        codeByGuid.set(c.guid, code.id);
      }
      c.children.forEach(gather);
    };
    group.children.forEach(gather);
    return { id, label: group.name, ...(desc.definition ? { description: desc.definition } : {}), polarity: false, defaultFrom: [], codes: members };
  });
  const title = options.title ?? "Imported codebook";
  const codebook = CodebookSchema.parse({
    id: options.id ?? (slugify(title, "codebook") || "imported"),
    title,
    languages: options.languages ?? ["nb", "en"],
    categories,
    codes: kodebokCodes,
    ...(dimensions.length > 0 ? { dimensions } : {}),
  });
  return { codebook, codeByGuid, diagnostics };
}
