// XML Schema (XSD 1.0) validation in WebAssembly: libxml2 (the library behind Debian's xmllint)
// compiled to wasm by the npm package libxml2-wasm, so the REFI-QDA tests need nothing outside npm.
// test/refi-qda/schema-validation.test.ts checks that it gives xmllint's verdicts.
import { readFileSync } from "node:fs";
import { XmlDocument, XsdValidator } from "libxml2-wasm";

const validators = new Map<string, XsdValidator>();

function validatorFor(xsdPath: string): XsdValidator {
  let validator = validators.get(xsdPath);
  if (!validator) {
    const schema = XmlDocument.fromString(readFileSync(xsdPath, "utf8"), { url: xsdPath });
    validator = XsdValidator.fromDoc(schema);
    validators.set(xsdPath, validator);
  }
  return validator;
}

interface Detail {
  message: string;
  line: number;
  file?: string;
}

const described = (details: readonly Detail[], fileName: string): string =>
  details.map((d) => `${d.file ?? fileName}:${d.line}: ${d.message.trim()}`).join("\n");

/**
 * Validates an XML document against an XSD file: `"valid"`, or the problems found, one a line, as
 * `file:line: message` (xmllint's own wording, without its "Schemas validity error :" prefixes).
 */
export function validateXml(xml: string, xsdPath: string, fileName = "document.xml"): string {
  const validator = validatorFor(xsdPath);
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml, { url: fileName });
  } catch (error) {
    const details = (error as { details?: Detail[] }).details;
    return details && details.length > 0 ? described(details, fileName) : `${fileName}: ${String(error)}`;
  }
  try {
    validator.validate(doc);
    return "valid";
  } catch (error) {
    const details = (error as { details?: Detail[] }).details;
    return details && details.length > 0 ? described(details, fileName) : `${fileName}: ${String(error)}`;
  } finally {
    doc.dispose();
  }
}
