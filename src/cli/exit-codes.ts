import type { Diagnostic } from "../diagnostics/diagnostic.ts";

/** The CLI's exit codes: 0 ok, 1 findings or a failed check, 2 a usage or input error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A usage or input error: the command cannot run. Carries a message and/or located diagnostics;
 * the CLI prints them on stderr and exits with code 2.
 *
 * @example
 * ```ts
 * throw new CliError('Cannot write "notes.csv": it is an input file');
 * ```
 */
export class CliError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: ExitCode;
  constructor(message: string, diagnostics: Diagnostic[] = [], exitCode: ExitCode = EXIT.usage) {
    super(message);
    this.name = "CliError";
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}
