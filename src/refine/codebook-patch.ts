import type { Code, Codebook, Rule, TermList } from "../codebook/codebook.ts";
import { expandRules } from "../match/compile.ts";
import type { Language } from "../text/language.ts";

/**
 * One change `kodebok refine` proposes to a code:
 * - `add-rule`: a new rule with one term (a word, a phrase, a glob, or a Snowball stem), for notes
 *   the coder coded and the codebook missed;
 * - `add-condition`: a `notNear` or `notInNote` term added to an existing rule, for its false positives;
 * - `remove-term`: a term taken out of a rule (from every language's list of the rule).
 */
export type RefineChange =
  | { kind: "add-rule"; code: string; rule: Rule }
  | { kind: "add-condition"; code: string; rule: string; condition: "notNear" | "notInNote"; term: string; within?: number }
  | { kind: "remove-term"; code: string; rule: string; term: string };

/**
 * A code with every rule written out with its id: the `terms` and `barrierTerms` shorthands become
 * the rules `<code>.terms` and `<code>.barrier`, and rules without an id get the id they had
 * (`<code>.1`, ...). The code matches exactly as before (same rules, same order, same ids); this is
 * what lets a change touch one rule without renumbering the others.
 *
 * @param code a code
 * @returns the same code with explicit rules
 * @example
 * ```ts
 * explicitRules({ ...code, terms: ["tid"], rules: [] }).rules[0]?.id; // "time.terms"
 * ```
 */
export function explicitRules(code: Code): Code {
  const rules = expandRules(code.id, code.terms, code.barrierTerms, code.rules).map(({ id, rule }) => ({ ...rule, id }));
  const out: Code = { ...code, rules };
  delete out.terms;
  delete out.barrierTerms;
  return out;
}

/**
 * The ids of a code's rules in order, as the matcher gives them (shorthands first).
 *
 * @param code the code
 * @returns the rule ids
 * @example
 * ```ts
 * ruleIds({ ...code, id: "time", terms: ["tid"], rules: [{ ...rule, id: undefined }] }); // ["time.terms", "time.1"]
 * ```
 */
export function ruleIds(code: Code): string[] {
  return expandRules(code.id, code.terms, code.barrierTerms, code.rules).map((r) => r.id);
}

/**
 * A rule id for a new rule of a code that no rule of the code has yet: `<code>.refine-<n>`.
 *
 * @param code the code
 * @param taken ids already given out in the same patch
 * @returns the id
 * @example
 * ```ts
 * newRuleId(code, new Set()); // "time.refine-1"
 * ```
 */
export function newRuleId(code: Code, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...ruleIds(code), ...taken]);
  for (let n = 1; ; n++) {
    const id = `${code.id}.refine-${n}`;
    if (!used.has(id)) return id;
  }
}

function addTerm(list: TermList | undefined, term: string): TermList {
  if (list === undefined) return [term];
  if (Array.isArray(list)) return list.includes(term) ? list : [...list, term];
  const out: TermList = {};
  for (const [language, terms] of Object.entries(list) as [Language, string[]][]) out[language] = terms.includes(term) ? terms : [...terms, term];
  return out;
}

function removeTerm(list: TermList, term: string): TermList | undefined {
  if (Array.isArray(list)) {
    const left = list.filter((t) => t !== term);
    return left.length === 0 ? undefined : left;
  }
  const out: TermList = {};
  let any = false;
  for (const [language, terms] of Object.entries(list) as [Language, string[]][]) {
    const left = terms.filter((t) => t !== term);
    if (left.length > 0) {
      out[language] = left;
      any = true;
    }
  }
  return any ? out : undefined;
}

/**
 * Applies one change to a code (pure: a new code is returned). Changing or removing an existing
 * rule writes the code's rules out first ({@link explicitRules}), so no other rule's id moves.
 *
 * @param code the code
 * @param change a change for this code
 * @returns the changed code
 * @throws Error when the change names a rule the code does not have
 * @example
 * ```ts
 * applyChange(code, { kind: "remove-term", code: "time", rule: "time.terms", term: "tid" });
 * ```
 */
export function applyChange(code: Code, change: RefineChange): Code {
  if (change.kind === "add-rule") return { ...code, rules: [...code.rules, change.rule] };
  const explicit = explicitRules(code);
  const index = explicit.rules.findIndex((r) => r.id === change.rule);
  if (index < 0) throw new Error(`Cannot change code "${code.id}": it has no rule "${change.rule}"`);
  const rule = explicit.rules[index]!;
  let changed: Rule | undefined;
  if (change.kind === "remove-term") {
    const terms = removeTerm(rule.terms, change.term);
    changed = terms === undefined ? undefined : { ...rule, terms };
  } else if (change.condition === "notInNote") {
    changed = { ...rule, notInNote: addTerm(rule.notInNote, change.term) };
  } else {
    const within = rule.notNear?.within ?? change.within ?? 5;
    changed = { ...rule, notNear: { terms: addTerm(rule.notNear?.terms, change.term), within, match: rule.notNear?.match ?? "glob" } };
  }
  const rules = [...explicit.rules];
  if (changed === undefined) rules.splice(index, 1);
  else rules[index] = changed;
  return { ...explicit, rules };
}

/**
 * Applies changes to a codebook, in order (pure). Codes without changes are the same objects.
 *
 * @param codebook the codebook
 * @param changes the changes, each naming its code
 * @returns the changed codebook
 * @example
 * ```ts
 * const refined = applyChanges(codebook, report.patch.changes);
 * ```
 */
export function applyChanges(codebook: Codebook, changes: readonly RefineChange[]): Codebook {
  if (changes.length === 0) return codebook;
  const codes = codebook.codes.map((code) => {
    let out = code;
    for (const change of changes) if (change.code === code.id) out = applyChange(out, change);
    return out;
  });
  return { ...codebook, codes };
}
