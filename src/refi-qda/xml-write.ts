/** A node of the small XML tree the REFI-QDA writers build; serialised by {@link serializeXml}. */
export interface XmlElement {
  name: string;
  /** Attributes in the order written; `undefined` values are left out. */
  attrs?: ReadonlyArray<readonly [string, string | number | boolean | undefined]>;
  /** Child elements, or one text child. */
  children?: ReadonlyArray<XmlElement | undefined>;
  text?: string;
}

// Characters XML 1.0 does not allow at all: dropped from names and descriptions.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Anything that escaping or cleaning could change; most values (GUIDs, numbers, names) have none.
const NEEDS_ESCAPE = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escapes text content for XML (`&`, `<`, `>`, and CR so that line endings survive parsing).
 *
 * @param text - the text
 * @returns the escaped text
 * @example
 * ```ts
 * escapeXmlText("a < b & c"); // "a &lt; b &amp; c"
 * ```
 */
export function escapeXmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/**
 * Escapes an attribute value (double-quoted), keeping tabs and line breaks as character references.
 *
 * @param value - the value
 * @returns the escaped value
 * @example
 * ```ts
 * escapeXmlAttribute('"tid"\n'); // "&quot;tid&quot;&#10;"
 * ```
 */
export function escapeXmlAttribute(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return escapeXmlText(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

function write(el: XmlElement, indent: string, out: string[]): void {
  let open = `${indent}<${el.name}`;
  for (const [k, v] of el.attrs ?? []) {
    if (v === undefined) continue;
    open += ` ${k}="${escapeXmlAttribute(String(v))}"`;
  }
  const children = (el.children ?? []).filter((c): c is XmlElement => c !== undefined);
  if (el.text !== undefined) {
    out.push(`${open}>${escapeXmlText(el.text)}</${el.name}>`);
  } else if (children.length === 0) {
    out.push(`${open}/>`);
  } else {
    out.push(`${open}>`);
    for (const child of children) write(child, `${indent}  `, out);
    out.push(`${indent}</${el.name}>`);
  }
}

/**
 * Serialises an element tree as a UTF-8 XML document (declaration, two-space indentation, LF line
 * endings, no BOM). The same tree always gives the same string.
 *
 * @param root - the root element
 * @returns the XML text, ending with a newline
 * @example
 * ```ts
 * serializeXml({ name: "Codes", children: [{ name: "Code", attrs: [["name", "tid"]] }] });
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<Codes>\n  <Code name="tid"/>\n</Codes>\n'
 * ```
 */
export function serializeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, "", out);
  return `${out.join("\n")}\n`;
}
