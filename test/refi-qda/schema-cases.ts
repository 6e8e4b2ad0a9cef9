// Documents for test/refi-qda/schema-validation.test.ts: the REFI-QDA reference files of ../shared and
// small changes to them, each valid or invalid in a known way.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED } from "./helpers.ts";

export interface SchemaCase {
  name: string;
  schema: "Codebook.xsd" | "Project.xsd";
  xml: string;
}

const read = (file: string): string => readFileSync(join(SHARED, file), "utf8");
const codebook = read("atlasti-23.4-win-codebook.qdc");
const project = read("atlasti-8.4-mac-refi-standard-project.qde");
const changed = (xml: string, from: string | RegExp, to: string): string => {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`schema case: ${String(from)} not found`);
  return out;
};
const guid = 'guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="code1"';

/** Each case's document, as a file of ../shared or that file with one change. */
export const SCHEMA_CASES: SchemaCase[] = [
  { name: "ATLAS.ti 8.4 project", schema: "Project.xsd", xml: project },
  { name: "ATLAS.ti 23.4 codebook", schema: "Codebook.xsd", xml: codebook },
  { name: "truncated codebook", schema: "Codebook.xsd", xml: read("atlasti-23.4-win-codebook-truncated.qdc") },
  { name: "code without isCodable", schema: "Codebook.xsd", xml: changed(codebook, ' isCodable="true"', "") },
  { name: "code with a GUID that is not one", schema: "Codebook.xsd", xml: changed(codebook, guid, 'guid="code-1" name="code1"') },
  { name: "code with a GUID in braces", schema: "Codebook.xsd", xml: changed(codebook, guid, 'guid="{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}" name="code1"') },
  { name: "colour of five digits", schema: "Codebook.xsd", xml: changed(codebook, 'color="#46AA00"', 'color="#46AA0"') },
  { name: "colour of three digits", schema: "Codebook.xsd", xml: changed(codebook, 'color="#46AA00"', 'color="#4A0"') },
  { name: "codebook in another namespace", schema: "Codebook.xsd", xml: changed(codebook, 'xmlns="urn:QDA-XML:codebook:1.0"', 'xmlns="urn:QDA-XML:codebook:0.4"') },
  { name: "unknown element in a code", schema: "Codebook.xsd", xml: changed(codebook, "<Description>description</Description>", "<Description>description</Description><Memo>x</Memo>") },
  { name: "codebook without sets", schema: "Codebook.xsd", xml: changed(codebook, /<Sets>[\s\S]*<\/Sets>/, "") },
  { name: "codebook without codes", schema: "Codebook.xsd", xml: changed(codebook, /<Codes>[\s\S]*<\/Codes>/, "") },
  { name: "isCodable that is not a boolean", schema: "Codebook.xsd", xml: changed(codebook, 'isCodable="true"', 'isCodable="ja"') },
  { name: "project without a name", schema: "Project.xsd", xml: changed(project, /(<Project[^>]*?) name="[^"]*"/, "$1") },
  { name: "project with a user without a GUID", schema: "Project.xsd", xml: changed(project, /(<User[^>]*?) guid="[^"]*"/, "$1") },
  { name: "project with text in the wrong place", schema: "Project.xsd", xml: changed(project, /<Users>/, "<Users>stray text") },
  { name: "codebook that is not XML", schema: "Codebook.xsd", xml: "CodeBook, not XML\n" },
];
