#!/usr/bin/env node
// The `kodebok` command (package.json "bin"). A thin shell: see program.ts and the *-command.ts files.
import { processIO } from "./io.ts";
import { runCli } from "./program.ts";

// A reader that stops early (`kodebok codebook show x | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), processIO());
