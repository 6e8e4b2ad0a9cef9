import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KodebokError } from "../../src/diagnostics/result.ts";
import { readQdpx, readRefiQda, writeQdc, writeQdpx } from "../../src/refi-qda/files.ts";
import { toQdc } from "../../src/refi-qda/to-qdc.ts";
import { codebook, coded, humanCodings, SHARED, validate } from "./helpers.ts";
import { tempDir } from "../support/temp-dir.ts";

const temp = (): string => tempDir("refi-files");

describe("writeQdc() and writeQdpx()", () => {
  it("write the files atomically, leaving no temporary file", async () => {
    const dir = temp();
    await writeQdc(join(dir, "book.qdc"), codebook);
    await writeQdpx(join(dir, "project.qdpx"), coded, codebook, { codings: humanCodings });
    expect(readdirSync(dir).sort()).toEqual(["book.qdc", "project.qdpx"]);
    expect(readFileSync(join(dir, "book.qdc"), "utf8")).toBe(toQdc(codebook));
    expect(validate(readFileSync(join(dir, "book.qdc"), "utf8"), "Codebook.xsd")).toBe("valid");
  });

  it("refuse to overwrite an input file", async () => {
    const dir = temp();
    const input = join(dir, "notes.csv");
    writeFileSync(input, "id,text\n");
    await expect(writeQdpx(input, coded, codebook, { inputs: [input] })).rejects.toThrow(KodebokError);
    await expect(writeQdc(join(dir, ".", "notes.csv"), codebook, { inputs: [input] })).rejects.toThrow(/it is an input file of this run/);
    expect(readFileSync(input, "utf8")).toBe("id,text\n");
  });

  it("report a folder that does not exist", async () => {
    await expect(writeQdc(join(temp(), "missing", "x.qdc"), codebook)).rejects.toThrow(/Cannot write/);
  });
});

describe("readRefiQda() and readQdpx()", () => {
  it("import a .qdc as a codebook and a .qdpx as a project", async () => {
    const dir = temp();
    await writeQdc(join(dir, "book.qdc"), codebook);
    await writeQdpx(join(dir, "p.qdpx"), coded, codebook, { codings: humanCodings });
    const book = await readRefiQda(join(dir, "book.qdc"));
    expect(book.ok && book.value.kind === "codebook" && book.value.codebook.codes.map((c) => c.id)).toEqual(["relation", "time", "knowledge_sharing"]);
    const project = await readRefiQda(join(dir, "p.qdpx"));
    expect(project.ok && project.value.kind === "project" && project.value.notes.length).toBe(4);
    const direct = await readQdpx(join(dir, "p.qdpx"));
    expect(direct.ok && direct.value.codings.length).toBe(10);
  });

  it("import ATLAS.ti's bare .qde by path", async () => {
    const result = await readQdpx(join(SHARED, "atlasti-8.4-mac-refi-standard-project.qde"));
    expect(result.ok && result.value.codebook.codes.length).toBe(14);
  });

  it("report a missing file", async () => {
    const result = await readRefiQda(join(temp(), "nope.qdpx"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.code).toBe("file-not-found");
  });
});
