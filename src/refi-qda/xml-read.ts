import { XMLParser, XMLValidator } from "fast-xml-parser";
import { diagnostic, type Diagnostic, type Place } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";

/** An element read from a REFI-QDA file: local name, attributes, children, text and where it starts. */
export interface XmlNode {
  /** Local name, without a namespace prefix. */
  name: string;
  /** Attributes by local name (`xmlns` declarations are kept under their full name). */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The element's own text (text and CDATA children joined), entities decoded. */
  text: string;
  /** Where the start tag begins (1-based line and column). */
  start: Place;
}

const SOURCE = "kodebok:refi-qda";

/**
 * Finds the line and column (1-based, column in code points) of a UTF-16 offset.
 *
 * @param text - the text
 * @param offset - a UTF-16 offset into it
 * @returns the place
 * @example
 * ```ts
 * placeAt("a\nbc", 3); // { line: 2, column: 2 }
 * ```
 */
export function placeAt(text: string, offset: number): Place {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: Array.from(text.slice(lineStart, offset)).length + 1 };
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Decodes the five predefined XML entities and character references, and nothing else (no DTD
 * entities, no HTML entities: unknown ones stay as written).
 *
 * @param value - attribute or text content as written
 * @returns the decoded value
 * @example
 * ```ts
 * decodeXmlEntities("&lt;tid&gt; &#229;"); // "<tid> å"
 * ```
 */
export function decodeXmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === "#") {
      const n = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/** The index of the first `<!DOCTYPE` or `<!ENTITY` outside comments and CDATA, or -1. */
function findDeclaration(xml: string): number {
  const re = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!(?:DOCTYPE|ENTITY)\b/gi;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0].startsWith("<!") && !m[0].startsWith("<!--") && !m[0].startsWith("<![")) return m.index;
  }
  return -1;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  captureMetaData: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: "#cdata",
  maxNestedTags: 200,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type Raw = Record<string, unknown> & { ":@"?: Record<string, string> };

function localName(name: string): string {
  const i = name.indexOf(":");
  return i === -1 ? name : name.slice(i + 1);
}

function convert(raw: Raw, lineOf: (offset: number) => Place): XmlNode | undefined {
  const key = Object.keys(raw).find((k) => k !== ":@");
  if (key === undefined || key === "#text" || key === "#cdata" || key.startsWith("?")) return undefined;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw[":@"] ?? {})) {
    attrs[k.startsWith("xmlns") ? k : localName(k)] = decodeXmlEntities(String(v));
  }
  const node: XmlNode = { name: localName(key), attrs, children: [], text: "", start: { line: 1, column: 1 } };
  const meta = (raw as Record<symbol, { startIndex?: number } | undefined>)[META];
  if (meta?.startIndex !== undefined) node.start = lineOf(meta.startIndex);
  for (const child of (raw[key] as Raw[] | undefined) ?? []) {
    if ("#text" in child) node.text += decodeXmlEntities(String(child["#text"]));
    else if ("#cdata" in child) {
      for (const c of child["#cdata"] as Raw[]) node.text += String(c["#text"] ?? "");
    } else {
      const el = convert(child, lineOf);
      if (el) node.children.push(el);
    }
  }
  return node;
}

/**
 * Parses a REFI-QDA XML document safely: a document type declaration or entity declaration is
 * refused (no DTD, no entity expansion, no external entities), only the five predefined entities
 * and character references are decoded, and a document that is not well-formed (not XML,
 * truncated) is rejected with its line and column.
 *
 * @param xml - the XML text
 * @param options - `file`: the file name for messages; `what`: what is being read, for messages
 * @returns the root element, or located error diagnostics
 * @example
 * ```ts
 * const result = parseXmlSafely('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>');
 * result.ok && result.value.name; // "CodeBook"
 * ```
 */
export function parseXmlSafely(xml: string, options: { file?: string; what?: string } = {}): Result<XmlNode> {
  const what = options.what ?? "REFI-QDA file";
  const base = { file: options.file, source: SOURCE };
  const fail = (d: Diagnostic): Result<XmlNode> => ({ ok: false, diagnostics: [d] });
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const declaration = findDeclaration(text);
  if (declaration !== -1) {
    return fail(diagnostic({ ...base, code: "refi-xml-doctype", severity: "error", start: placeAt(text, declaration),
      reason: `Cannot read ${what}: it declares a DTD or entities, which kodebok refuses (no entity expansion)`,
      note: "REFI-QDA files never need a <!DOCTYPE>; remove it, or re-export the file from the tool" }));
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const err = valid.err;
    // The validator gives no column for some errors (an empty file): 1 then, never "undefined".
    let start: Place = { line: Number.isInteger(err.line) && err.line > 0 ? err.line : 1, column: Number.isInteger(err.col) && err.col > 0 ? err.col : 1 };
    let reason = `Cannot read ${what}: it is not well-formed XML: ${err.msg}`;
    const unclosed = /^Invalid '\[(.*)\]' found\.?$/s.exec(err.msg);
    if (err.code === "InvalidXml" && unclosed) {
      // Unclosed elements at the end: the file is truncated. Point at its end and at the innermost open element.
      const names = unclosed[1]!.split(",").map((s) => s.trim().replace(/^"|"$/g, "")).filter(Boolean);
      const inner = names[names.length - 1] ?? "";
      const end = text.replace(/\s+$/, "").length;
      start = placeAt(text, end);
      const opened = inner ? text.lastIndexOf(`<${inner}`) : -1;
      reason = `Cannot read ${what}: the file ends before <${inner}>${opened === -1 ? "" : ` (opened at ${placeAt(text, opened).line}:${placeAt(text, opened).column})`} is closed; it is truncated or incomplete`;
    } else if (text.trim() === "") {
      reason = `Cannot read ${what}: the file is empty`;
    }
    return fail(diagnostic({ ...base, code: "refi-xml-invalid", severity: "error", start, reason }));
  }
  let raw: Raw[];
  try {
    raw = parser.parse(text) as Raw[];
  } catch (error) {
    return fail(diagnostic({ ...base, code: "refi-xml-invalid", severity: "error", start: { line: 1, column: 1 },
      reason: `Cannot read ${what}: ${(error as Error).message}` }));
  }
  // Line starts for fast offset → place lookups.
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): Place => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Array.from(text.slice(lineStarts[lo]!, offset)).length + 1 };
  };
  const roots = raw.map((r) => convert(r, lineOf)).filter((n): n is XmlNode => n !== undefined);
  if (roots.length !== 1) {
    return fail(diagnostic({ ...base, code: "refi-xml-invalid", severity: "error", start: { line: 1, column: 1 },
      reason: `Cannot read ${what}: it has ${roots.length} root elements, not 1` }));
  }
  return { ok: true, value: roots[0]!, diagnostics: [] };
}

/**
 * The child elements of `node` with the local name `name`.
 *
 * @param node - the parent element
 * @param name - the local name
 * @returns the matching children, in document order
 * @example
 * ```ts
 * childrenNamed(codesNode, "Code").length;
 * ```
 */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/**
 * The first child element of `node` with the local name `name`.
 *
 * @param node - the parent element
 * @param name - the local name
 * @returns the child, or `undefined`
 * @example
 * ```ts
 * childNamed(codeNode, "Description")?.text;
 * ```
 */
export function childNamed(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}
