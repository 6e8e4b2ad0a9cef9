#!/usr/bin/env node
// The `kodebok` command (package.json "bin"). A thin shell: see program.ts and the *-command.ts files.
import { processIO } from "./io.ts";
import { runCli } from "./program.ts";

process.exitCode = await runCli(process.argv.slice(2), processIO());
