import type { Codebook } from "../codebook/codebook.ts";
import { codeNotes } from "../match/code-notes.ts";
import type { Note, NoteInput } from "../notes/note.ts";
import type { LanguageOption } from "../text/language.ts";
import { applyModel, codeProbabilities } from "./apply-model.ts";
import { byCodeUnits } from "./features.ts";
import { modelFor } from "./model-for.ts";
import type { Combine, LearnedModel } from "./model.ts";

/** A note worth coding by hand next, with why: the model's decision that was closest to its threshold. */
export interface Suggestion {
  note: Note;
  /** |logit(probability) − logit(threshold)| of the closest decision: the smaller, the less sure the model. */
  margin: number;
  /** The code whose decision was closest, its probability and the threshold it was compared with. */
  code: string;
  probability: number;
  threshold: number;
  /** The codes rules and model give the note now. */
  codes: string[];
}

/** Options of {@link suggestNotes}. */
export interface SuggestOptions {
  /** How many notes to suggest (default 20). */
  count?: number;
  /** How rules and model combine (default: the model's setting). */
  combine?: Exclude<Combine, "rules">;
  /** The notes' language (default `auto`). */
  language?: LanguageOption;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

/**
 * Uncertainty sampling: the notes a person should code by hand next to help the model most, the
 * ones whose decisions the model is least sure of. A note's margin is the smallest distance, in
 * log-odds, between a code's probability and the threshold it is compared with (`add` where the
 * rules did not find the code; with `both`, a rule hit codes whatever the model says, so it is
 * not a doubt; `model` for `combine: "model"`). The model's own training notes are left out.
 * Ties: by note id. Deterministic.
 *
 * @param notes the notes not yet hand-coded (training notes among them are skipped)
 * @param codebook the codebook the model was trained for
 * @param model the model
 * @param options how many, how rules and model combine, language
 * @returns the suggestions, least sure first
 * @example
 * ```ts
 * suggestNotes(uncoded, codebook, model, { count: 20 })[0]; // { note, margin: 0.08, code: "time", probability: 0.31, threshold: 0.32, codes: [] }
 * ```
 */
export function suggestNotes(notes: Iterable<NoteInput | Note>, codebook: Codebook, model: LearnedModel, options: SuggestOptions = {}): Suggestion[] {
  modelFor(codebook, model);
  const count = options.count ?? 20;
  const combine = options.combine ?? (model.settings.combine === "rules" ? "both" : model.settings.combine);
  const trained = new Set(model.examples.map((e) => e.note));
  const byRules = codeNotes(notes, codebook, { model: false, language: options.language ?? "auto" });
  const thresholds = new Map(model.codes.map((c) => [c.code, c.thresholds]));
  const out: Suggestion[] = [];
  for (const coded of byRules) {
    if (trained.has(coded.note.id)) continue;
    const hits = new Set(coded.codes.map((a) => a.code));
    let closest: { code: string; probability: number; threshold: number; margin: number } | undefined;
    for (const [code, probability] of codeProbabilities(coded, model)) {
      if (combine === "both" && hits.has(code)) continue;
      const t = thresholds.get(code)!;
      const threshold = combine === "both" ? t.add : t.model;
      if (threshold >= 1) continue;
      const margin = Math.abs(logit(probability) - logit(threshold));
      if (closest === undefined || margin < closest.margin) closest = { code, probability, threshold, margin };
    }
    if (closest === undefined) continue;
    const now = applyModel(coded, model, codebook, combine);
    out.push({ note: coded.note, margin: closest.margin, code: closest.code, probability: closest.probability, threshold: closest.threshold, codes: [...new Set(now.codes.map((a) => a.code))] });
  }
  out.sort((a, b) => a.margin - b.margin || byCodeUnits(a.note.id, b.note.id));
  return out.slice(0, count);
}
