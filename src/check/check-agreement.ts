import { compareCodingsMany, type AgreementFigures } from "../agreement/compare-codings.ts";
import type { Codebook } from "../codebook/codebook.ts";
import type { Coding } from "../codings/coding.ts";
import type { LoadedCodings } from "../codings/loaded-codings.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { KodebokError } from "../diagnostics/result.ts";
import type { AgreementRow, CheckStatus, ResolvedCheckOptions } from "./check-report.ts";

/** One coder's side of a comparison: the notes the coder saw and the codings given. */
export interface CoderSet {
  coder: string;
  /** True for kodebok's own coding. */
  auto: boolean;
  seen: string[];
  codings: Coding[];
}

/**
 * The agreement table of one comparison (two or more coders), computed by `compareCodingsMany`
 * (binary present/absent per code over the notes every coder saw; Cohen's kappa for two coders,
 * Fleiss' for more; Krippendorff's alpha, nominal): a row per code of the codebook and one
 * overall, each with its status against the thresholds.
 *
 * @param sets the coders compared
 * @param codebook the codebook (fixes the codes and their order)
 * @param opts the thresholds
 * @param dimension for a codebook with further dimensions: the dimension compared and its codes
 *   (the rows then carry its id); default the codebook's codes
 * @returns the rows, and the comparison's own diagnostics (notes seen by only some coders, ...)
 * @example
 * ```ts
 * const { rows } = agreementTable([anna, bo], codebook, CheckOptionsSchema.parse({}));
 * rows.at(-1)?.alpha; // overall alpha
 * ```
 */
export function agreementTable(
  sets: readonly CoderSet[],
  codebook: Codebook,
  opts: ResolvedCheckOptions,
  dimension?: { id: string; codes: readonly string[] },
): { rows: AgreementRow[]; diagnostics: Diagnostic[] } {
  const coders = sets.map((s) => s.coder);
  const input: LoadedCodings = {
    form: "long",
    coders,
    notes: [...new Set(sets.flatMap((s) => s.seen))],
    codings: sets.flatMap((s) => s.codings.map((c) => ({ note: c.note, coder: c.coder, code: c.code }))),
    seen: sets.map((s) => ({ coder: s.coder, notes: s.seen })),
  };
  const auto = sets.some((s) => s.auto);
  let comparison;
  try {
    comparison = compareCodingsMany([input], {
      codebook,
      codes: dimension ? [...dimension.codes] : codebook.codes.map((c) => c.id),
      interval: false,
      ...(dimension ? { dimension: dimension.id } : {}),
    });
  } catch (error) {
    if (error instanceof KodebokError) return { rows: [], diagnostics: error.diagnostics };
    throw error;
  }
  const row = (level: AgreementRow["level"], id: string, f: AgreementFigures): AgreementRow => {
    const alpha = Number.isFinite(f.alpha) ? f.alpha : null;
    const kappa = Number.isFinite(f.kappa) ? f.kappa : null;
    return {
      coders,
      auto,
      level,
      id,
      units: f.units,
      alpha,
      kappa,
      percent: f.units > 0 && Number.isFinite(f.percentAgreement) ? f.percentAgreement : null,
      status: status(alpha, kappa, opts),
      ...(dimension ? { dimension: dimension.id } : {}),
    };
  };
  const rows = [...comparison.codes.map((c) => row("code", c.code, c)), row("overall", "overall", comparison.overall)];
  const diagnostics = comparison.diagnostics
    // Undefined figures are rows with status "undefined"; keep the rest (notes seen by one side, ...).
    .filter((d) => d.severity !== "info" && d.code !== "agreement-no-variation" && d.code !== "agreement-no-pairable-units")
    .map((d) => diagnostic({ ...d, reason: `Agreement ${coders.join(" × ")}: ${d.reason}`, severity: "warning", source: "kodebok:check" }));
  return { rows, diagnostics };
}

/**
 * A row's status: `fail` under a minimum (alpha, or kappa when `minKappa` is set), `warn` under the
 * warning threshold, `undefined` when the figures are undefined, else `pass`.
 *
 * @param alpha Krippendorff's alpha, or null when undefined
 * @param kappa kappa, or null when undefined
 * @param opts the thresholds
 * @returns the status
 * @example
 * ```ts
 * status(0.75, 0.74, { minAlpha: 0.667, warnAlpha: 0.8 }); // "warn"
 * ```
 */
export function status(alpha: number | null, kappa: number | null, opts: Pick<ResolvedCheckOptions, "minAlpha" | "warnAlpha" | "minKappa">): CheckStatus {
  if (alpha === null && (opts.minKappa === undefined || kappa === null)) return "undefined";
  if (alpha !== null && alpha < opts.minAlpha) return "fail";
  if (opts.minKappa !== undefined && kappa !== null && kappa < opts.minKappa) return "fail";
  if (alpha !== null && alpha < opts.warnAlpha) return "warn";
  return alpha === null ? "undefined" : "pass";
}
