import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCodebook } from "../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "kodebok-extends-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const book = (id: string, bases: string[], code: string) =>
  `id: ${id}\ntitle: ${id}\nlanguages: [nb]\n${bases.length ? `extends: [${bases.join(", ")}]\n` : ""}categories: [{id: a, label: A}]\ncodes:\n  - {id: ${code}, category: a, label: ${code}, definition: ${code}, terms: [${code}]}\n`;

describe("extends", () => {
  it("reads a base reached along many paths once (24 levels of diamonds: 2^24 paths)", async () => {
    const levels = 24;
    // Level i has two codebooks, each extending both of level i + 1; the last level extends nothing.
    for (let i = levels; i >= 0; i--) {
      for (const side of ["a", "b"]) {
        const bases = i === levels ? [] : [`l${i + 1}a.yaml`, `l${i + 1}b.yaml`];
        writeFileSync(join(dir, `l${i}${side}.yaml`), book(`l${i}${side}`, bases, `c${i}${side}`));
      }
    }
    const result = await readCodebook(join(dir, "l0a.yaml"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Every level's two codes once, deepest base first.
    expect(result.value.codes.map((c) => c.id)).toEqual(Array.from({ length: levels + 1 }, (_, k) => levels - k).flatMap((i) => [`c${i}a`, `c${i}b`]).slice(0, -2).concat(["c0a"]));
  }, 10_000);

  it("still finds a cycle that runs through a diamond", async () => {
    writeFileSync(join(dir, "top.yaml"), book("top", ["left.yaml", "right.yaml"], "t"));
    writeFileSync(join(dir, "left.yaml"), book("left", ["bottom.yaml"], "l"));
    writeFileSync(join(dir, "right.yaml"), book("right", ["bottom.yaml"], "r"));
    writeFileSync(join(dir, "bottom.yaml"), book("bottom", ["top.yaml"], "b"));
    const result = await readCodebook(join(dir, "top.yaml"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["codebook-extends-cycle"]);
  });
});
