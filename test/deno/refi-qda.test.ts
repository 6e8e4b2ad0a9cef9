// REFI-QDA under Deno 2: node:crypto GUIDs, fast-xml-parser and fflate from the same sources.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CodebookSchema, parseQdc, parseQdpx, refiGuid, toQdc, toQdpx } from "../../src/index.ts";

declare const Deno: { test(name: string, fn: () => void | Promise<void>): void };

const codebook = CodebookSchema.parse({
  id: "deno-book",
  title: "Deno",
  languages: ["nb"],
  categories: [{ id: "relational", label: "Relasjonelt" }],
  codes: [{ id: "time", category: "relational", label: "Tid", definition: "Tid og tilgjengelighet" }],
});
const text = "😀 Saksbehandleren tok seg tid";
const start = text.indexOf("tid");

Deno.test("refiGuid() gives the same GUID on Deno as on Node", () => {
  assert.equal(refiGuid("code", "natland-2021", "time"), "15099f69-1598-8288-b0c6-6f58a690f23a");
});

Deno.test("toQdc() and parseQdc() round-trip a codebook", () => {
  const result = parseQdc(toQdc(codebook));
  assert.ok(result.ok);
  assert.deepEqual(result.value.codes.map((c) => [c.id, c.category, c.definition]), [["time", "relational", "Tid og tilgjengelighet"]]);
});

Deno.test("toQdpx() and parseQdpx() keep notes and code point positions", () => {
  const coded = [{
    note: { id: "n1", text, seminar: "Bergen" },
    language: "nb" as const,
    codes: [{ code: "time", category: "relational", polarity: "helpful" as const,
      evidence: [{ rule: "time.1", term: "tid", start, end: start + 3, text: "tid", polarity: "helpful" as const }] }],
  }];
  const result = parseQdpx(toQdpx(coded, codebook));
  assert.ok(result.ok);
  assert.deepEqual(result.value.notes.map((n) => [n.id, n.text]), [["n1", text]]);
  const segment = result.value.segments[0]!;
  assert.deepEqual([segment.startPosition, segment.start], [start - 1, start]);
});

Deno.test("parseQdc() rejects ATLAS.ti's truncated codebook with its place", () => {
  const file = fileURLToPath(new URL("../../../shared/refi-qda/atlasti-23.4-win-codebook-truncated.qdc", import.meta.url));
  let xml: string;
  try {
    xml = readFileSync(file, "utf8");
  } catch {
    xml = readFileSync(fileURLToPath(new URL("../../../../shared/refi-qda/atlasti-23.4-win-codebook-truncated.qdc", import.meta.url)), "utf8");
  }
  const result = parseQdc(xml);
  assert.equal(result.ok, false);
  assert.deepEqual(result.diagnostics[0]!.start, { line: 17, column: 10 });
});
