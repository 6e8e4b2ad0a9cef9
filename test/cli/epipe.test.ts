import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("kodebok with a reader that stops early", () => {
  it("exits quietly when stdout is closed (kodebok codebook show x | head -1)", async () => {
    const child = spawn(process.execPath, ["dist/cli/main.js", "codebook", "show", "natland-2021"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.destroy(); // closed before kodebok writes anything: its first write meets EPIPE
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/u);
    expect(code).toBe(0);
  });
});
