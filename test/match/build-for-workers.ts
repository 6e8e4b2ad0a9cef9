// Worker threads cannot load TypeScript on Node 20, so the tests that start workers compile src/
// with tsc into test-artifacts/ (ignored) and import that build: the same code, as Node runs it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
let built: Promise<typeof import("../../src/index.ts")> | undefined;

/** Builds src/ once per test process into a fresh folder and imports its index. */
export function builtLibrary(): Promise<typeof import("../../src/index.ts")> {
  built ??= (async () => {
    const out = `${root}test-artifacts/workers-build-${process.pid}`;
    mkdirSync(out, { recursive: true });
    process.on("exit", () => rmSync(out, { recursive: true, force: true }));
    const tsc = `${root}node_modules/.bin/tsc`;
    execFileSync(existsSync(tsc) ? tsc : "tsc", ["-p", `${root}tsconfig.json`, "--outDir", out, "--declaration", "false"], { cwd: root, stdio: "pipe" });
    writeFileSync(`${out}/package.json`, '{ "type": "module" }\n');
    return (await import(`${out}/index.js`)) as typeof import("../../src/index.ts");
  })();
  return built;
}
