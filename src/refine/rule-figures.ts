import { ruleIds } from "./codebook-patch.ts";
import { finiteOrUndefined, presenceKappa } from "./code-figures.ts";
import { notesOfRule, presenceAfter, presenceWithoutRule, type CodeState } from "./code-state.ts";

/** What one term of a rule does on the sample. */
export interface TermFigures {
  term: string;
  /** Notes where the term matches and its rule's conditions let it stand. */
  hits: number;
  tp: number;
  fp: number;
  precision: number | undefined;
  /** The code's kappa with this term taken out of the rule. */
  kappaIfRemoved: number | undefined;
  /** kappaIfRemoved − kappa: above 0, the code would agree better without the term. */
  harm: number | undefined;
  /** The notes it coded wrongly (indices into the sample). */
  falsePositives: number[];
}

/** What one rule does on the sample, with its terms that found something. */
export interface RuleFigures extends Omit<TermFigures, "term"> {
  rule: string;
  /** The rule's terms with hits, most false positives first. */
  terms: TermFigures[];
}



/**
 * Per rule and per term of a code: hits, true and false positives, precision, and the harm it
 * does: the code's kappa if it were removed, minus the kappa now (computed exactly, see
 * {@link presenceAfter}).
 *
 * @param state the code's state on the sample
 * @param human 1 where the coder gave the code
 * @returns one entry per rule of the code, in the code's order
 * @example
 * ```ts
 * ruleFigures(codeState(codebook, code, notes), human)[0]?.harm;
 * ```
 */
export function ruleFigures(state: CodeState, human: Uint8Array): RuleFigures[] {
  const kappa = presenceKappa(human, state.present);
  const harmOf = (k: number) => (Number.isFinite(k) && Number.isFinite(kappa) ? k - kappa : undefined);
  const counts = (affected: number[]) => {
    const falsePositives = affected.filter((i) => !human[i]);
    const tp = affected.length - falsePositives.length;
    return { hits: affected.length, tp, fp: falsePositives.length, precision: affected.length === 0 ? undefined : tp / affected.length, falsePositives };
  };
  return ruleIds(state.code).map((rule) => {
    const terms: TermFigures[] = [];
    for (const t of state.terms) {
      if (t.rule !== rule) continue;
      const affected: number[] = [];
      t.present.forEach((v, i) => v && affected.push(i));
      if (affected.length === 0) continue;
      const k = presenceKappa(human, presenceAfter(state, { kind: "remove-term", code: state.code.id, rule, term: t.term }));
      terms.push({ term: t.term, ...counts(affected), kappaIfRemoved: finiteOrUndefined(k), harm: harmOf(k) });
    }
    terms.sort((a, b) => b.fp - a.fp || (b.harm ?? 0) - (a.harm ?? 0) || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const withRule = notesOfRule(state, rule);
    const k = withRule.length === 0 ? kappa : presenceKappa(human, presenceWithoutRule(state, rule));
    return { rule, ...counts(withRule), kappaIfRemoved: finiteOrUndefined(k), harm: harmOf(k), terms };
  });
}
