import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kodebokInProcess } from "./run-cli.ts";
import { readNotes, streamNotes } from "../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "kodebok-formats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => kodebokInProcess(args, {}, dir, 120);
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("formats as documented", () => {
  it("reads Excel's sep=; first line as the delimiter it declares (readNotes and streamNotes)", async () => {
    const file = join(dir, "excel.csv");
    writeFileSync(file, "sep=;\r\nid;tekst;gruppe\r\nn1;Hun tok seg tid, og lyttet;G1\r\n");
    const loaded = await readNotes(file);
    expect(loaded.ok && loaded.value.notes.map((n) => [n.id, n.text, n.group, n.origin?.line])).toEqual([["n1", "Hun tok seg tid, og lyttet", "G1", 3]]);
    const streamed = await collect(streamNotes(file));
    expect(streamed).toEqual(loaded.ok ? loaded.value.notes : []);
  });

  it("takes the wide codings form without codes: prefixes (note id and coders' columns) in agree and check", async () => {
    writeFileSync(join(dir, "notes.csv"), "id;tekst\nn1;Hun tok seg tid\nn2;Fikk informasjon om regler\n");
    writeFileSync(join(dir, "wide.csv"), "note_id,anna,bjørn\nn1,time,time\nn2,knowledge_sharing,\n");
    const agree = await run(["agree", "notes.csv", "wide.csv", "--format", "json"]);
    expect(agree.stderr).toBe("");
    expect(JSON.parse(agree.stdout).coders).toEqual(["anna", "bjørn"]);
    const check = await run(["check", "notes.csv", "wide.csv", "--codebook", "natland-2021"]);
    expect(check.stdout).toContain("wide.csv (codings: 2 notes, 3 codings; anna, bjørn)");
  });
});

describe("messages", () => {
  it("refuses --delimiter '\"'", async () => {
    const result = await run(["code", "notes.csv", "--delimiter", '"']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("a delimiter cannot be the quote character");
  });

  it("prints at most 20 diagnostics of one code, then how many more (--verbose prints all)", async () => {
    const rows = ["id;tekst"];
    for (let i = 0; i < 1000; i++) rows.push(`same;Tid ${i}`);
    writeFileSync(join(dir, "dupes.csv"), `${rows.join("\n")}\n`);
    const result = await run(["code", "dupes.csv"]);
    const lines = result.stderr.trim().split("\n");
    expect(lines.filter((l) => l.endsWith("[note-duplicate-id]"))).toHaveLength(20);
    expect(lines).toContain("kodebok: 979 more [note-duplicate-id] not shown (--verbose shows every one)");
    const verbose = await run(["code", "dupes.csv", "--verbose"]);
    expect(verbose.stderr.split("\n").filter((l) => l.endsWith("[note-duplicate-id]"))).toHaveLength(999);
  });
});
