import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { RawLines } from "../../src/notes/raw-lines.ts";

describe("RawLines", () => {
  // LF, CRLF and mixed files, empty lines (skipped), line breaks inside quotes, a CR alone.
  const files = [
    'id;tekst\n1;a\n\n2;"b\nc"\n3;d',
    'id;tekst\r\n\r\n1;"x\r\n\r\ny"\r\n2;"\r z"\r\n3;"\n\n"\r\n\r\n\r\n4;x',
    'id;tekst\n\n1;"a\r\n\r\ny"\n\n\n2;"\r"\n3;w\n\n4;x\n\n',
  ];
  for (const [n, text] of files.entries()) {
    it(`gives the line csv-parse's info.lines gives for every record (file ${n + 1})`, () => {
      const records = parse(text, { delimiter: ";", info: true, raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { info: { lines: number }; raw: string }[];
      const lines = new RawLines();
      expect(records.map((r) => lines.next(r.raw))).toEqual(records.map((r) => r.info.lines));
      expect(records.length).toBeGreaterThan(3);
    });
  }
});
