import type { Codebook } from "../codebook/codebook.ts";
import { KODEBOK_VERSION } from "../report/report-options.ts";
import { modelCodebookHash } from "./codebook-identity.ts";
import type { FittedCoder } from "./fit-coder.ts";
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type CrossValidation, type LearnedModel, type ModelSettings } from "./model.ts";

/** What a model file says beside the fitted coder: its codebook, training set and settings. */
export interface ModelProvenance {
  codebook: Codebook;
  /** The training set's hash and coder. */
  training: { hash: string; coder?: string | undefined };
  /** The training notes' ids, in the order of the fitted rows. */
  notes: readonly { id: string; codes: ReadonlySet<string> }[];
  settings: ModelSettings;
  crossValidation: CrossValidation | null;
}

/**
 * Writes a fitted coder as a model (the value a model file holds).
 *
 * @param fitted the fitted coder
 * @param provenance the codebook, the training set, the settings and the figures
 * @returns the model
 * @example
 * ```ts
 * const model = assembleModel(fitCoder(prepared, fitSettings), { codebook, training, notes: prepared.map((p) => ({ id: p.note.id, codes: p.codes })), settings, crossValidation: null });
 * ```
 */
export function assembleModel(fitted: FittedCoder, provenance: ModelProvenance): LearnedModel {
  const { codebook } = provenance;
  const order = new Map(codebook.codes.map((c, i) => [c.id, i]));
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    kodebok: KODEBOK_VERSION,
    codebook: {
      id: codebook.id,
      ...(codebook.version !== undefined ? { version: codebook.version } : {}),
      hash: modelCodebookHash(codebook),
      codes: codebook.codes.map((c) => c.id),
    },
    training: {
      hash: provenance.training.hash,
      notes: provenance.notes.length,
      ...(provenance.training.coder !== undefined ? { coder: provenance.training.coder } : {}),
      polarityPairs: fitted.polarityPairs,
    },
    settings: provenance.settings,
    features: fitted.features,
    codes: fitted.codes,
    polarity: fitted.polarity,
    examples: provenance.settings.similar > 0
      ? provenance.notes.map((n, i) => ({ note: n.id, codes: [...n.codes].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)), features: fitted.rows[i]! }))
      : [],
    crossValidation: provenance.crossValidation,
  };
}
