import { localize } from "../codebook/label.ts";
import type { Note } from "../notes/note.ts";
import { LANGUAGES, type LanguageOption } from "../text/language.ts";
import { attributeMentions, type DefaultValue } from "./attribute.ts";
import type { Attribution, CodedNote, DimensionApplication, DimensionEvidence } from "./coded-note.ts";
import type { DimensionMatcher, Matcher } from "./compile.ts";

/** Codes one note with one matcher (`codeNote`), passed in to keep the modules apart. */
export type CodeOne = (note: Note, matcher: Matcher, language: LanguageOption) => CodedNote;

/**
 * Adds the further dimensions of the matcher's codebook to a note coded with its primary codes:
 * each dimension's codes found by the dimension's own matcher (in the language the note was coded
 * in), and each theme mention tied to one of them ({@link attributeMentions}). `codes` is left as
 * it is. A matcher without dimensions returns the coded note unchanged.
 *
 * @param coded the note coded with the primary codes
 * @param matcher the compiled codebook
 * @param language the language option the note was coded with
 * @param codeOne the function that codes a note with a matcher (`codeNote`)
 * @returns the coded note with `dimensions` and `attributions`
 * @example
 * ```ts
 * withDimensions(codeNoteGeneral(note, matcher, "nb"), matcher, "nb", codeNote).dimensions; // { actors: [...] }
 * ```
 */
export function withDimensions(coded: CodedNote, matcher: Matcher, language: LanguageOption, codeOne: CodeOne): CodedNote {
  const compiled = matcher.dimensions;
  if (compiled === undefined || compiled.length === 0) return coded;
  const noteLanguage: LanguageOption = coded.language === "und" ? language : coded.language;
  const dimensions: Record<string, DimensionApplication[]> = {};
  const attributions: Attribution[] = [];
  for (const dimension of compiled) {
    // A note the unconditioned screen finds nothing in has nothing for the full matcher either.
    const screened = dimension.screen !== undefined && codeOne(coded.note, dimension.screen, noteLanguage).codes.length === 0;
    const found = screened ? [] : codeOne(coded.note, dimension.matcher, noteLanguage).codes;
    const applications = dimension.dimension.polarity
      ? found.map((a) => ({ code: a.code, polarity: a.polarity, evidence: a.evidence }))
      : withoutPolarity(found);
    dimensions[dimension.dimension.id] = applications;
    const fallback = applications.length === 0 && coded.codes.length > 0 ? defaultValue(coded.note, dimension, noteLanguage, codeOne) : undefined;
    attributions.push(...attributeMentions(coded.note.text, coded.codes, dimension.dimension.id, applications, fallback));
  }
  return { ...coded, dimensions, attributions };
}

/** One application per code, its evidence of either polarity in text order, without polarity or cues. */
function withoutPolarity(found: CodedNote["codes"]): DimensionApplication[] {
  const out: DimensionApplication[] = [];
  const byCode = new Map<string, DimensionEvidence[]>();
  for (const application of found) {
    let evidence = byCode.get(application.code);
    if (evidence === undefined) {
      evidence = [];
      byCode.set(application.code, evidence);
      out.push({ code: application.code, evidence });
    }
    for (const e of application.evidence) evidence.push({ rule: e.rule, term: e.term, start: e.start, end: e.end, text: e.text });
  }
  for (const application of out) application.evidence.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

/**
 * The note's default code of a dimension from the first of the dimension's `defaultFrom`
 * attributes the note has: a code id, a code's label (in any language), or a text the
 * dimension's rules find exactly one code in ("Nav-kontoret"); none otherwise.
 */
function defaultValue(note: Note, dimension: DimensionMatcher, language: LanguageOption, codeOne: CodeOne): DefaultValue | undefined {
  for (const attribute of dimension.dimension.defaultFrom) {
    const raw = note.attributes?.[attribute]?.trim();
    if (raw === undefined || raw === "") continue;
    const key = `${language}\u0000${raw}`;
    let value = dimension.defaults.get(key);
    if (value === undefined) {
      value = resolveDefault(raw, dimension, language, codeOne);
      dimension.defaults.set(key, value);
    }
    if (value !== null) return { value, attribute };
  }
  return undefined;
}

function resolveDefault(raw: string, dimension: DimensionMatcher, language: LanguageOption, codeOne: CodeOne): string | null {
  const folded = raw.toLocaleLowerCase("nb");
  const codes = dimension.dimension.codes;
  const byId = codes.find((c) => c.id === folded);
  if (byId) return byId.id;
  const byLabel = codes.find((c) => LANGUAGES.some((l) => localize(c.label, l).toLocaleLowerCase("nb") === folded));
  if (byLabel) return byLabel.id;
  const found = new Set(codeOne({ id: "default", text: raw }, dimension.matcher, language).codes.map((a) => a.code));
  return found.size === 1 ? [...found][0]! : null;
}
