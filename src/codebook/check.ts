import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { diagnostic } from "../diagnostics/diagnostic.ts";
import { parseTerm } from "../match/term.ts";
import { LANGUAGES, type Language } from "../text/language.ts";
import type { Codebook, DimensionCode, MatchType, TermList } from "./codebook.ts";
import { PRIMARY_DIMENSION_ID } from "./dimensions.ts";

/** A problem found in a valid-shaped codebook, with the path of the offending value. */
export interface CodebookProblem {
  path: (string | number)[];
  diagnostic: Omit<Diagnostic, "file" | "start" | "end">;
}

/**
 * Checks what the schema cannot: ids defined twice, codes in unknown categories, unknown frames, rules in
 * languages the codebook does not list, empty term lists, terms and regular expressions that do
 * not compile, categories without codes, dimensions without codes, a code in two dimensions.
 * Each problem carries the path to the value, which the
 * parser turns into a line and column.
 *
 * @param codebook a schema-valid codebook
 * @param options `partial`: the codebook extends another, so categories may be defined there
 * @returns the problems, in document order
 * @example
 * ```ts
 * checkCodebook(codebook).map((p) => p.diagnostic.code); // ["codebook-unknown-category"]
 * ```
 */
export function checkCodebook(codebook: Codebook, options: { partial?: boolean } = {}): CodebookProblem[] {
  const problems: CodebookProblem[] = [];
  const problem = (path: (string | number)[], code: Diagnostic["code"], reason: string, severity: Diagnostic["severity"] = "error", extra: Partial<Diagnostic> = {}) =>
    problems.push({
      path,
      diagnostic: diagnostic({ code, severity, reason: `Invalid codebook "${codebook.id}": ${reason}`, field: path.join("."), source: "kodebok:codebook", ...extra }),
    });

  /** Checks a term list: not empty (when required), in listed languages, every term compiles. */
  const checkTerms = (terms: TermList | undefined, match: MatchType, path: (string | number)[], required: boolean, owner: string) => {
    if (terms === undefined) return;
    const lists: [Language | undefined, string[]][] = Array.isArray(terms)
      ? [[undefined, terms]]
      : LANGUAGES.flatMap((l) => (terms[l] ? [[l, terms[l]] as [Language, string[]]] : []));
    const total = lists.reduce((n, [, list]) => n + list.length, 0);
    if (required && total === 0) problem(path, "codebook-empty-rule", `${owner} has a rule without terms`, "error", { note: "Give at least one term, or remove the rule." });
    for (const [language, list] of lists) {
      const base = language ? [...path, language] : path;
      if (language && !codebook.languages.includes(language)) {
        problem(base, "codebook-unknown-language", `${owner} has terms in "${language}", which the codebook does not list under languages`, "warning");
      }
      list.forEach((term, t) => {
        const parsed = parseTerm(term, match);
        if (!parsed.ok) {
          const code = parsed.unsupported ? "codebook-unsupported-regex" : match === "regex" ? "codebook-invalid-regex" : "codebook-invalid-term";
          const note = parsed.unsupported ? "Write it without lookaround or backreferences (an alternation, a character class), or split it into rules with near/notNear conditions." : undefined;
          problem([...base, t], code, `${owner}: ${parsed.reason}`, "error", { actual: term, ...(note ? { note } : {}) });
        }
      });
    }
  };

  const frameIds = new Set<string>();
  codebook.frames.forEach((frame, i) => {
    if (frameIds.has(frame.id)) problem(["frames", i, "id"], "codebook-duplicate-id", `frame "${frame.id}" is defined twice`);
    frameIds.add(frame.id);
    checkTerms(frame.terms, frame.match, ["frames", i, "terms"], false, `frame "${frame.id}"`);
    if (frame.terms === undefined && !frame.questions) {
      problem(["frames", i], "codebook-empty-frame", `frame "${frame.id}" has no terms and does not take questions, so no sentence is ever in it`, "warning", {
        note: "Give the frame terms, or `questions: true`.",
      });
    }
  });
  /** Checks that every frame an `about` or `notAbout` list names is defined. */
  const checkFrames = (list: readonly string[] | undefined, path: (string | number)[], owner: string) => {
    if (list === undefined || options.partial) return;
    list.forEach((id, i) => {
      if (!frameIds.has(id)) {
        problem([...path, i], "codebook-unknown-frame", `${owner} names frame "${id}", which is not defined`, "error", {
          actual: id,
          expected: [...frameIds].join(", ") || "(no frames)",
          note: "Define the frame under `frames:` or correct the name.",
        });
      }
    });
  };
  codebook.frames.forEach((frame, i) => checkFrames(frame.unless, ["frames", i, "unless"], `frame "${frame.id}"`));
  checkFrames(codebook.notAbout, ["notAbout"], "the codebook's notAbout");

  const categoryIds = new Set<string>();
  codebook.categories.forEach((category, i) => {
    if (categoryIds.has(category.id)) problem(["categories", i, "id"], "codebook-duplicate-id", `category "${category.id}" is defined twice`);
    categoryIds.add(category.id);
  });
  const codeIds = new Set<string>();
  const ruleIds = new Set<string>();
  const used = new Set<string>();
  /** Checks a code's terms and rules, wherever it is (`codes`, or a dimension's `codes`). */
  const checkRules = (code: DimensionCode, base: (string | number)[]) => {
    const owner = `code "${code.id}"`;
    checkFrames(code.about, [...base, "about"], owner);
    checkFrames(code.notAbout, [...base, "notAbout"], owner);
    checkTerms(code.terms, "glob", [...base, "terms"], true, owner);
    checkTerms(code.barrierTerms, "glob", [...base, "barrierTerms"], true, owner);
    code.rules.forEach((rule, r) => {
      const path = [...base, "rules", r];
      const id = rule.id ?? `${code.id}.${r + 1}`;
      if (ruleIds.has(id)) problem([...path, "id"], "codebook-duplicate-id", `rule "${id}" is defined twice`);
      ruleIds.add(id);
      const langs = rule.lang === undefined ? [] : Array.isArray(rule.lang) ? rule.lang : [rule.lang];
      for (const l of langs) {
        if (!codebook.languages.includes(l)) problem([...path, "lang"], "codebook-unknown-language", `rule "${id}" is for "${l}", which the codebook does not list under languages`, "warning");
      }
      checkTerms(rule.terms, rule.match, [...path, "terms"], true, owner);
      if (rule.near) checkTerms(rule.near.terms, rule.near.match, [...path, "near", "terms"], true, owner);
      if (rule.notNear) checkTerms(rule.notNear.terms, rule.notNear.match, [...path, "notNear", "terms"], true, owner);
      if (rule.notInNote) checkTerms(rule.notInNote, "glob", [...path, "notInNote"], true, owner);
      checkFrames(rule.about, [...path, "about"], `rule "${id}"`);
      checkFrames(rule.notAbout, [...path, "notAbout"], `rule "${id}"`);
    });
    if (code.terms === undefined && code.barrierTerms === undefined && code.rules.length === 0) {
      problem(base, "codebook-empty-rule", `code "${code.id}" has no terms and no rules, so it can never be applied`, "warning");
    }
  };
  codebook.codes.forEach((code, c) => {
    if (codeIds.has(code.id)) problem(["codes", c, "id"], "codebook-duplicate-id", `code "${code.id}" is defined twice`);
    codeIds.add(code.id);
    used.add(code.category);
    if (!categoryIds.has(code.category) && !options.partial) {
      problem(["codes", c, "category"], "codebook-unknown-category", `code "${code.id}" names category "${code.category}", which is not defined`, "error", {
        actual: code.category,
        expected: [...categoryIds].join(", "),
        note: "Add the category under `categories:` or correct the name.",
      });
    }
    checkRules(code, ["codes", c]);
  });

  // Further dimensions: distinct ids, at least one code each, every code in one dimension only.
  const primary = codebook.primaryDimension?.id ?? PRIMARY_DIMENSION_ID;
  const dimensionIds = new Set<string>([primary]);
  /** The dimension each code id was first seen in. */
  const dimensionOf = new Map<string, string>(codebook.codes.map((code) => [code.id, primary]));
  (codebook.dimensions ?? []).forEach((dimension, d) => {
    if (dimensionIds.has(dimension.id)) {
      problem(["dimensions", d, "id"], "codebook-duplicate-id", dimension.id === primary
        ? `dimension "${dimension.id}" has the name of the primary dimension (the codebook's own codes)`
        : `dimension "${dimension.id}" is defined twice`, "error", { note: "Give each dimension its own id." });
    }
    dimensionIds.add(dimension.id);
    if (dimension.codes.length === 0 && !options.partial) {
      problem(["dimensions", d, "codes"], "codebook-empty-dimension", `dimension "${dimension.id}" has no codes`, "error", {
        note: "Add its codes under `codes:`, or remove the dimension.",
      });
    }
    const own = new Set<string>();
    dimension.codes.forEach((code, c) => {
      const path = ["dimensions", d, "codes", c];
      const other = dimensionOf.get(code.id);
      if (own.has(code.id)) problem([...path, "id"], "codebook-duplicate-id", `code "${code.id}" is defined twice in dimension "${dimension.id}"`);
      else if (other !== undefined) {
        problem([...path, "id"], "codebook-code-in-two-dimensions", `code "${code.id}" is in two dimensions, "${other}" and "${dimension.id}"`, "error", {
          actual: code.id,
          note: "A code belongs to one dimension: give one of them another id.",
        });
      } else dimensionOf.set(code.id, dimension.id);
      own.add(code.id);
      checkRules(code, path);
    });
  });
  checkTerms(codebook.polarity.barrier?.terms, "glob", ["polarity", "barrier", "terms"], false, "the barrier cues");
  checkTerms(codebook.polarity.negation?.terms, "glob", ["polarity", "negation", "terms"], false, "the negation cues");
  checkTerms(codebook.polarity.negation?.except, "glob", ["polarity", "negation", "except"], false, "the negation exceptions");
  checkTerms(codebook.polarity.irony?.terms, "glob", ["polarity", "irony", "terms"], false, "the irony cues");
  checkTerms(codebook.polarity.wish?.terms, "glob", ["polarity", "wish", "terms"], false, "the wish cues");
  checkTerms(codebook.polarity.contrast?.terms, "glob", ["polarity", "contrast", "terms"], false, "the contrast words");
  if (!options.partial) {
    codebook.categories.forEach((category, i) => {
      if (!used.has(category.id)) problem(["categories", i], "codebook-empty-category", `category "${category.id}" has no codes`, "warning");
    });
  }
  return problems;
}
