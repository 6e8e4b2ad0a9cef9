// The REFI-QDA tests validate kodebok's output with libxml2 compiled to WebAssembly (libxml2-wasm,
// test/support/xml-schema.ts), so they run where only Node.js and npm are installed. This test pins
// its verdicts to Debian's xmllint (libxml2 2.9.14: `xmllint --noout --schema X.xsd doc.xml`): the
// first problem xmllint reported for each case is written below, and where xmllint is installed the
// test runs it too and compares.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordSkippedCheck } from "../../scripts/skipped-checks.mjs";
import { validateXml } from "../support/xml-schema.ts";
import { SHARED } from "./helpers.ts";
import { SCHEMA_CASES } from "./schema-cases.ts";

const C = "{urn:QDA-XML:codebook:1.0}";
const P = "{urn:QDA-XML:project:1.0}";
const GUID = "'([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})|(\\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\})'";

/** xmllint's verdict on each case: "valid", or its first problem as `line: message`. */
const XMLLINT: Record<string, string> = {
  "ATLAS.ti 8.4 project": "valid",
  "ATLAS.ti 23.4 codebook": "valid",
  "truncated codebook": "19: Couldn't find end of Start Tag Code line 17",
  "code without isCodable": `4: Element '${C}Code': The attribute 'isCodable' is required but missing.`,
  "code with a GUID that is not one": `4: Element '${C}Code', attribute 'guid': [facet 'pattern'] The value 'code-1' is not accepted by the pattern ${GUID}.`,
  "code with a GUID in braces": "valid",
  "colour of five digits": `4: Element '${C}Code', attribute 'color': [facet 'pattern'] The value '#46AA0' is not accepted by the pattern '#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})'.`,
  "colour of three digits": "valid",
  "codebook in another namespace": "2: Element '{urn:QDA-XML:codebook:0.4}CodeBook': No matching global declaration available for the validation root.",
  "unknown element in a code": `5: Element '${C}Memo': This element is not expected. Expected is ( ${C}Code ).`,
  "codebook without sets": "valid",
  "codebook without codes": `4: Element '${C}Sets': This element is not expected. Expected is ( ${C}Codes ).`,
  "isCodable that is not a boolean": `4: Element '${C}Code', attribute 'isCodable': 'ja' is not a valid value of the atomic type 'xs:boolean'.`,
  "project without a name": `3: Element '${P}Project': The attribute 'name' is required but missing.`,
  "project with a user without a GUID": `5: Element '${P}User': The attribute 'guid' is required but missing.`,
  "project with text in the wrong place": `4: Element '${P}Users': Character content other than whitespace is not allowed because the content type is 'element-only'.`,
  "codebook that is not XML": "1: Start tag expected, '<' not found",
};

/** The first problem of a `file:line: message` report as `line: message`. */
const firstProblem = (report: string): string => (report === "valid" ? "valid" : (report.split("\n")[0] ?? "").replace(/^doc\.xml:/, ""));

/** xmllint's report, in the same shape: its prefixes ("element X: Schemas validity error :", "parser error :") removed. */
function xmllintFirstProblem(xml: string, schema: string, dir: string): string {
  const file = join(dir, "doc.xml");
  writeFileSync(file, xml);
  try {
    execFileSync("xmllint", ["--noout", "--schema", join(SHARED, schema), file], { stdio: "pipe" });
    return "valid";
  } catch (error) {
    const first = ((error as { stderr?: Buffer }).stderr?.toString() ?? "").split("\n")[0] ?? "";
    return first.replace(`${file}:`, "").replace(/^(\d+): (?:element \S+: Schemas validity error|parser error) : /, "$1: ");
  }
}

const hasXmllint = ((): boolean => {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!hasXmllint) {
  recordSkippedCheck({ check: "the XSD verdicts compared with Debian's xmllint", reason: "xmllint not found", debianPackages: ["libxml2-utils"] });
}

describe("XSD validation in WebAssembly", () => {
  it("gives xmllint's verdict and first problem on every REFI-QDA case", () => {
    expect(Object.keys(XMLLINT)).toEqual(SCHEMA_CASES.map((c) => c.name));
    for (const c of SCHEMA_CASES) {
      expect(firstProblem(validateXml(c.xml, join(SHARED, c.schema), "doc.xml")), c.name).toBe(XMLLINT[c.name]);
    }
  });

  it("reports every schema problem of a document, each at its line", () => {
    const [codebook] = SCHEMA_CASES.filter((c) => c.name === "ATLAS.ti 23.4 codebook");
    const xml = (codebook?.xml ?? "").replace('isCodable="true"', 'isCodable="ja"').replace(/<MemberCode guid="[^"]*"/, '<MemberCode guid="x"');
    expect(validateXml(xml, join(SHARED, "Codebook.xsd"), "two.qdc").split("\n").map((l) => l.slice(0, 60))).toEqual([
      `two.qdc:4: Element '${C}Code', attribute 'isCodable': 'ja'`.slice(0, 60),
      `two.qdc:11: Element '${C}MemberCode', attribute 'guid': [facet 'pa`.slice(0, 60),
    ]);
  });

  describe.skipIf(!hasXmllint)("against Debian's xmllint, run here", () => {
    const dir = hasXmllint ? mkdtempSync(join(tmpdir(), "kodebok-xsd-")) : "";
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it("xmllint still gives the verdicts written above", () => {
      for (const c of SCHEMA_CASES) expect(xmllintFirstProblem(c.xml, c.schema, dir), c.name).toBe(XMLLINT[c.name]);
    });
  });
});
