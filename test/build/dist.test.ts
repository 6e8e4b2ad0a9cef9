import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// dist/ is built by the global setup (test/cli/global-setup.ts) with `npm run build`.
function files(dir: string, ending: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ending) : path.endsWith(ending) ? [path] : [];
  });
}

describe("the built package", () => {
  it("has declaration files whose relative imports name .js files, as consumers (and deno check) need", () => {
    const declarations = files("dist", ".d.ts");
    expect(declarations.length).toBeGreaterThan(20);
    const wrong = declarations.filter((file) => /(?:from\s+|import\()["']\.{1,2}\/[^"']+\.ts["']/u.test(readFileSync(file, "utf8")));
    expect(wrong).toEqual([]);
  });

  it("loads as an ES module with the public API", async () => {
    const api = (await import(join(process.cwd(), "dist/index.js"))) as Record<string, unknown>;
    for (const name of ["loadNotes", "loadCodebook", "codeNotes", "rollUp", "compareCodings", "toHtml", "toQdpx", "checkDataset"]) {
      expect(typeof api[name], name).toBe("function");
    }
  });
});
