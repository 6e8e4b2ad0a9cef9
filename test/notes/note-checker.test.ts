import { describe, expect, it } from "vitest";
import { NoteChecker } from "../../src/notes/note-checker.ts";

describe("NoteChecker", () => {
  it("reports a repeated id, whether it is a whole number (bit set) or any other text (hash table)", () => {
    const checker = new NoteChecker("notes.csv");
    const codes = ["1", "2", "1", "a-1", "a-1", "0", "0", "16777215", "16777215", "16777216", "16777216", "1000000", "1000000"].map(
      (id) => checker.check({ id, text: "Tid" })?.code ?? "ok",
    );
    expect(codes).toEqual(["ok", "ok", "note-duplicate-id", "ok", "note-duplicate-id", "ok", "note-duplicate-id", "ok", "note-duplicate-id", "ok", "note-duplicate-id", "ok", "note-duplicate-id"]);
  });

  it("keeps ids that only look alike apart: leading zeros, signs, spaces", () => {
    const checker = new NoteChecker(undefined);
    const codes = ["7", "07", "007", "+7", " 7", "7.0", "7"].map((id) => checker.check({ id, text: "x" })?.code ?? "ok");
    expect(codes).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "note-duplicate-id"]);
  });

  it("remembers every id of a large run, and skips empty texts with a warning", () => {
    const checker = new NoteChecker(undefined);
    for (let i = 0; i < 200_000; i++) expect(checker.check({ id: String(i * 3), text: "x" })).toBeUndefined();
    for (let i = 0; i < 2_000; i++) expect(checker.check({ id: `n${i}`, text: "x" })).toBeUndefined();
    expect(checker.check({ id: "599997", text: "x" })?.code).toBe("note-duplicate-id");
    expect(checker.check({ id: "599998", text: "x" })).toBeUndefined();
    expect(checker.check({ id: "n1999", text: "x" })?.code).toBe("note-duplicate-id");
    expect(checker.check({ id: "e", text: "  " })?.code).toBe("note-empty-text");
  });
});
