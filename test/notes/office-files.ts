// Builds small Word documents for the tests, as Word writes them: a document part, styles (Heading 1-4,
// List Paragraph) and a bulleted numbering, zipped with fflate.
import { strToU8, zipSync } from "fflate";

/** A paragraph to write: its text (`\n` becomes a line break), and a heading level or a list item. */
export interface DocxParagraph {
  text: string;
  heading?: number;
  listItem?: boolean;
}

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function paragraphXml(p: DocxParagraph): string {
  const props = p.heading ? `<w:pPr><w:pStyle w:val="Heading${p.heading}"/></w:pPr>` : p.listItem ? '<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' : "";
  const runs = p.text.split("\n").map((part, i) => `<w:r>${i > 0 ? "<w:br/>" : ""}<w:t xml:space="preserve">${escape(part)}</w:t></w:r>`).join("");
  return `<w:p>${props}${p.text === "" ? "" : runs}</w:p>`;
}

/** Overrides parts of the package (or removes them with `null`), to make broken documents. */
export type DocxParts = Record<string, string | null>;

/**
 * The bytes of a .docx holding these paragraphs.
 *
 * @param paragraphs the body's paragraphs, in order
 * @param parts parts to replace or (null) leave out
 * @returns the .docx bytes
 */
export function docxBytes(paragraphs: readonly DocxParagraph[], parts: DocxParts = {}): Uint8Array {
  const headings = [1, 2, 3, 4].map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/></w:style>`).join("");
  const files: DocxParts = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
    "word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${R}/numbering" Target="numbering.xml"/></Relationships>`,
    "word/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">${headings}<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style></w:styles>`,
    "word/numbering.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${paragraphs.map(paragraphXml).join("")}</w:body></w:document>`,
    ...parts,
  };
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) if (text !== null && text !== undefined) entries[name] = strToU8(text);
  return zipSync(entries, { mtime: new Date(Date.UTC(1980, 0, 1)) });
}

/**
 * The paragraphs a writer would type for a `.txt` transcript or a `.md` notes file: `#` lines as
 * headings, `- ` lines as list items (an indented line after one is a line break inside it),
 * `<!-- -->` comments left out, every other line a paragraph of its own.
 *
 * @param text the text file's content
 * @returns the paragraphs
 */
export function paragraphsOfText(text: string): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  for (const line of text.replace(/<!--[\s\S]*?-->/g, "").split(/\r?\n/)) {
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const last = out[out.length - 1];
    if (heading) out.push({ text: heading[2]!, heading: heading[1]!.length });
    else if (/^[-*]\s/.test(line)) out.push({ text: line.slice(2), listItem: true });
    else if (/^\s+\S/.test(line) && last?.listItem) last.text += `\n${line.trim()}`;
    else out.push({ text: line });
  }
  return out;
}
