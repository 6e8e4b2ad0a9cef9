import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import type { AgreementRow, ResolvedCheckOptions } from "./check-report.ts";

/** One coder's side of a comparison: the notes the coder saw and the codings given. */
export interface CoderSet {
  coder: string;
  /** True for kodebok's own coding. */
  auto: boolean;
  seen: string[];
  codings: Coding[];
}

/**
 * The agreement table of one comparison (two or more coders): per code, per category and overall,
 * with each row's status against the thresholds.
 */
export function agreementTable(sets: readonly CoderSet[], codebook: Codebook, opts: ResolvedCheckOptions): AgreementRow[] {
  // TODO(cli): compute through compareCodings (src/agreement/, issue 3) once it is on main.
  void sets;
  void codebook;
  void opts;
  return [];
}
