// Deno smoke test of the Excel and Word readers from the same source (run: deno test --allow-read --allow-env test/deno/).
import assert from "node:assert/strict";
import writeXlsxFile from "write-excel-file/universal";
import { parseNotesDocx, parseNotesXlsx } from "../../src/index.ts";
import { docxBytes } from "../notes/office-files.ts";

Deno.test("parseNotesXlsx() reads a workbook under Deno: header row, dates, æøå, located notes", async () => {
  const blob = await writeXlsxFile([{ sheet: "Svar", dateFormat: "dd.mm.yyyy", data: [["id", "dato", "svar"], [1, new Date(Date.UTC(2024, 2, 12)), "Hun så meg"]] }] as never).toBlob();
  const result = await parseNotesXlsx(new Uint8Array(await blob.arrayBuffer()), { file: "survey.xlsx" });
  assert.ok(result.ok);
  assert.deepEqual(result.value.notes, [{ id: "1", text: "Hun så meg", attributes: { dato: "2024-03-12" }, origin: { file: "survey.xlsx", line: 2, column: 3 } }]);
});

Deno.test("parseNotesDocx() reads a transcript under Deno, placed at its paragraphs", async () => {
  const result = await parseNotesDocx(docxBytes([{ text: "I: Hva hjalp?" }, { text: "P1: At hun ringte tilbake." }]), { file: "i.docx" });
  assert.ok(result.ok);
  assert.deepEqual(result.value.notes.map((n) => [n.participant, n.question, n.text, n.origin?.line]), [["P1", "Hva hjalp?", "At hun ringte tilbake.", 2]]);
});
