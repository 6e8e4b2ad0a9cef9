// Types of scripts/skipped-checks.mjs, for the tests that import it.
export interface SkippedCheck {
  /** What the check checks, e.g. "the example notebook in real Jupyter (nbconvert)". */
  check: string;
  /** Why it could not run, e.g. "no Jupyter found". */
  reason: string;
  /** Debian packages that enable it. */
  debianPackages?: string[];
  /** An environment setting that enables it instead, e.g. "CHROMIUM_PATH=/path/to/chrome". */
  env?: string;
}
export declare function recordSkippedCheck(check: SkippedCheck): void;
export declare function readSkippedChecks(dir: string): SkippedCheck[];
export declare function enablingCommand(checks: SkippedCheck[]): string;
export declare function skippedChecksLine(checks: SkippedCheck[]): string;
