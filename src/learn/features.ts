import { z } from "zod";
import type { CodedNote } from "../match/coded-note.ts";
import { stem } from "../text/stem.ts";
import { foldWord, forEachWord, tokenize } from "../text/tokenize.ts";
import type { Language } from "../text/language.ts";

/**
 * What a learned model looks at in a note. Every feature is binary (present or not):
 * - `w:<stem>`: a word's Snowball stem in the note's language; `w2:<stem> <stem>` (and `w3:`) for
 *   runs of two (three) consecutive words, up to `ngrams` words;
 * - `code:<code>` and `code:<code>:<polarity>`: the codebook's rules found the code (with that
 *   polarity); `rule:<rule id>`: that rule matched (from the rules' evidence, `rules`);
 * - `lang:<language>`: the language the note was coded in (`language`);
 * - `attr:<name>=<value>`: the note's attribute, for the attributes named (the gold's `kind`:
 *   post-it, survey, interview, observation, report).
 */
export const FeatureSettingsSchema: z.ZodType<FeatureSettings, FeatureSettingsInput> = z
  .object({
    /** The longest run of consecutive words taken as one feature (1: single words only). */
    ngrams: z.number().int().min(1).max(3).default(2),
    /** The codebook's rule hits as features. */
    rules: z.boolean().default(true),
    /** The note's language as a feature. */
    language: z.boolean().default(true),
    /** Note attributes whose values are features. */
    attributes: z.array(z.string().min(1)).default(["kind"]),
  })
  .strict();
/** Settings of the features (see {@link FeatureSettingsSchema}). */
export interface FeatureSettings {
  ngrams: number;
  rules: boolean;
  language: boolean;
  attributes: string[];
}
/** Feature settings as given, with defaults left out. */
export interface FeatureSettingsInput {
  ngrams?: number | undefined;
  rules?: boolean | undefined;
  language?: boolean | undefined;
  attributes?: string[] | undefined;
}

/**
 * The features of a note coded by the codebook's rules (the output of `codeNotes` without a model):
 * stems and word n-grams of its text, the rules' hits, its language and the named attributes.
 * Sorted and without repeats, so the same note always gives the same list.
 *
 * @param coded the note as the rules coded it
 * @param settings which features to take
 * @returns the feature names
 * @example
 * ```ts
 * noteFeatures(codeNotes([{ id: "1", text: "Hun tok seg tid" }], codebook, { language: "nb" })[0]!,
 *   { ngrams: 1, rules: true, language: true, attributes: [] });
 * // ["code:time", "code:time:helpful", "lang:nb", "rule:time.took-time", "w:hun", "w:seg", "w:tid", "w:tok"]
 * ```
 */
export function noteFeatures(coded: CodedNote, settings: FeatureSettings): string[] {
  const out = new Set<string>();
  visitFeatures(coded, settings, (feature) => out.add(feature));
  return [...out].sort(byCodeUnits);
}

/** A vocabulary prepared for {@link featureIndices}. */
export interface FeatureIndex {
  /** Feature name to index, for every feature. */
  names: ReadonlyMap<string, number>;
  /** `w:<stem>` by stem. */
  words: ReadonlyMap<string, number>;
  /** `w2:<a> <b>` by the indices of `w:<a>` and `w:<b>` (a·size + b), and `w3:<a> <b> <c>` by those of `w2:<a> <b>` and `w:<c>`. */
  pairs: ReadonlyMap<number, number>;
  triples: ReadonlyMap<number, number>;
  /**
   * Whether every word of each pair and triple (and each triple's first pair) is a feature too,
   * as in any vocabulary cut by document frequency. Only then are pairs and triples found by the
   * indices of their parts; otherwise `featureIndices` looks up every name, as `noteFeatures` makes them.
   */
  closed: boolean;
  /** Per language, a word as written and the index of its stem's `w:` feature (-1: none); a memo filled while coding. */
  tokens: Record<Language, Map<string, number>>;
}

/**
 * Prepares a vocabulary (a model's `features`) for {@link featureIndices}.
 *
 * @param features the feature names, in index order
 * @returns the index
 * @example
 * ```ts
 * featureIndex(["w2:tok seg", "w:seg", "w:tok"]).pairs.get(2 * 3 + 1); // 0: "tok seg" from w:tok (2) and w:seg (1)
 * ```
 */
export function featureIndex(features: readonly string[]): FeatureIndex {
  const size = features.length;
  const names = new Map<string, number>();
  const words = new Map<string, number>();
  features.forEach((f, i) => {
    names.set(f, i);
    if (f.startsWith("w:")) words.set(f.slice(2), i);
  });
  const pairs = new Map<number, number>();
  const triples = new Map<number, number>();
  let closed = true;
  features.forEach((f, i) => {
    if (f.startsWith("w2:")) {
      const [a, b, ...rest] = f.slice(3).split(" ");
      const x = words.get(a!), y = words.get(b ?? "");
      if (x === undefined || y === undefined || rest.length > 0) closed = false;
      else pairs.set(x * size + y, i);
    } else if (f.startsWith("w3:")) {
      const [a, b, c, ...rest] = f.slice(3).split(" ");
      const pair = names.get(`w2:${a} ${b}`), z = words.get(c ?? "");
      if (pair === undefined || z === undefined || rest.length > 0) closed = false;
      else triples.set(pair * size + z, i);
    }
  });
  return { names, words, pairs, triples, closed, tokens: { nb: new Map(), nn: new Map(), en: new Map() } };
}

/**
 * The indices of a note's features in a vocabulary, ascending and without repeats: exactly
 * `noteFeatures` looked up in the vocabulary (features outside it left out), without building
 * the names of word features. Coding with a model takes this path; a test checks it against
 * `noteFeatures` on the gold notes.
 *
 * @param coded the note as the rules coded it
 * @param settings which features to take
 * @param index the vocabulary (see {@link featureIndex})
 * @returns the indices
 * @example
 * ```ts
 * featureIndices(coded, settings, featureIndex(model.features)); // [12, 40, 311, ...]
 * ```
 */
export function featureIndices(coded: CodedNote, settings: FeatureSettings, index: FeatureIndex): number[] {
  const row: number[] = [];
  const visit = (feature: string) => {
    const i = index.names.get(feature);
    if (i !== undefined) row.push(i);
  };
  if (!index.closed) {
    visitFeatures(coded, settings, visit);
  } else {
    const language: Language = coded.language === "und" ? "nb" : coded.language;
    const memo = index.tokens[language];
    if (memo.size > 200_000) memo.clear();
    const size = index.names.size;
    let before = -1; // the previous token's word index (-1: not a feature)
    let pair = -1; // the pair of the previous two tokens (-1: not a feature)
    forEachWord(coded.note.text, (written) => {
      let word = memo.get(written);
      if (word === undefined) {
        word = index.words.get(stem(foldWord(written), language)) ?? -1;
        memo.set(written, word);
      }
      let nextPair = -1;
      if (word >= 0) {
        row.push(word);
        if (settings.ngrams >= 3 && pair >= 0) {
          const triple = index.triples.get(pair * size + word);
          if (triple !== undefined) row.push(triple);
        }
        if (settings.ngrams >= 2 && before >= 0) {
          nextPair = index.pairs.get(before * size + word) ?? -1;
          if (nextPair >= 0) row.push(nextPair);
        }
      }
      before = word;
      pair = nextPair;
    });
    visitOtherFeatures(coded, settings, visit);
  }
  row.sort((a, b) => a - b);
  let kept = 0;
  for (let j = 0; j < row.length; j++) if (j === 0 || row[j] !== row[j - 1]) row[kept++] = row[j]!;
  row.length = kept;
  return row;
}

/** Calls `visit` with each feature of the note (some more than once): the one definition of the features. */
function visitFeatures(coded: CodedNote, settings: FeatureSettings, visit: (feature: string) => void): void {
  const language: Language = coded.language === "und" ? "nb" : coded.language;
  const stems = tokenize(coded.note.text).map((t) => stem(t.text, language));
  for (let i = 0; i < stems.length; i++) {
    visit(`w:${stems[i]!}`);
    if (settings.ngrams >= 2 && i + 1 < stems.length) visit(`w2:${stems[i]!} ${stems[i + 1]!}`);
    if (settings.ngrams >= 3 && i + 2 < stems.length) visit(`w3:${stems[i]!} ${stems[i + 1]!} ${stems[i + 2]!}`);
  }
  visitOtherFeatures(coded, settings, visit);
}

/** The features that are not words: rule hits, language, attributes. */
function visitOtherFeatures(coded: CodedNote, settings: FeatureSettings, visit: (feature: string) => void): void {
  if (settings.rules) {
    for (const application of coded.codes) {
      if (application.evidence.length === 0) continue;
      visit(`code:${application.code}`);
      visit(`code:${application.code}:${application.polarity}`);
      for (const e of application.evidence) visit(`rule:${e.rule}`);
    }
  }
  if (settings.language) visit(`lang:${coded.language}`);
  for (const name of settings.attributes) {
    const value = coded.note.attributes?.[name];
    if (value !== undefined && value !== "") visit(`attr:${name}=${value}`);
  }
}

/**
 * Compares strings by UTF-16 code units (not locale), for orders that never change between machines.
 *
 * @param a a string
 * @param b another
 * @returns negative, zero or positive
 * @example
 * ```ts
 * ["b", "a", "B"].sort(byCodeUnits); // ["B", "a", "b"]
 * ```
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
