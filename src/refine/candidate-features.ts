import type { Codebook, Rule } from "../codebook/codebook.ts";
import { codeNotes } from "../match/code-notes.ts";
import type { Note } from "../notes/note.ts";
import type { Language } from "../text/language.ts";
import { sentences } from "../text/sentences.ts";
import { stem } from "../text/stem.ts";
import { isStopword } from "../text/stopwords.ts";
import { tokenize } from "../text/tokenize.ts";

/**
 * What a candidate is: a `word` (the token itself), a `phrase` (two consecutive words of a
 * sentence), a `stem` (a Snowball stem shared by several word forms, matched with `match: stem`),
 * a `prefix` glob (`stem*`, where a stem starts several word forms) or a `suffix` glob (`*word`,
 * where a word ends several Norwegian compounds).
 */
export type FeatureKind = "word" | "phrase" | "stem" | "prefix" | "suffix";

/** A candidate term or context word, written as a codebook rule would write it. */
export interface Feature {
  /** A stable key: `word:ringte`, `phrase:tok seg`, `stem:no:ring`, `prefix:ring`, `suffix:oppfølging`. */
  key: string;
  kind: FeatureKind;
  /** The term as a rule writes it. */
  term: string;
  /** The rule's match type (`glob`, or `stem` for stems). */
  match: "glob" | "stem";
  /** The languages the rule would be limited to; undefined for every language of the codebook. */
  lang: Language[] | undefined;
  /** For stems and globs: the word forms of the source notes it stands for, most frequent first. */
  words: string[];
}

/** Options of {@link extractFeatures}. */
export interface ExtractFeaturesOptions {
  /** Which kinds to extract. */
  kinds: ReadonlySet<FeatureKind>;
  /** Least length of a word; a stem, prefix or suffix needs one letter more. */
  minLength: number;
  /** The codebook's languages. */
  languages: readonly Language[];
  /** Words of the whole (training) sample: a compound's end must be one of them. */
  vocabulary: ReadonlySet<string>;
}

type Group = "no" | "en" | "und";
const groupOf = (language: Language | "und"): Group => (language === "en" ? "en" : language === "und" ? "und" : "no");
const GROUP_LANGUAGES: Record<Group, readonly Language[]> = { no: ["nb", "nn"], en: ["en"], und: ["nb", "nn", "en"] };

/** The languages a feature seen in notes of these groups is limited to (undefined: all of the codebook's). */
function languagesOf(groups: ReadonlySet<Group>, codebook: readonly Language[]): Language[] | undefined {
  const wanted = new Set<Language>();
  for (const g of groups) for (const l of GROUP_LANGUAGES[g]) wanted.add(l);
  const kept = codebook.filter((l) => wanted.has(l));
  return kept.length === 0 || kept.length === codebook.length ? undefined : kept;
}

/** Word forms by frequency, most frequent first, then alphabetically. */
function formsOf(counts: ReadonlyMap<string, number>): string[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
}

class Collector {
  readonly groups = new Map<string, Set<Group>>();
  readonly forms = new Map<string, Map<string, number>>();
  readonly info = new Map<string, { kind: FeatureKind; term: string; match: "glob" | "stem"; stemGroup?: Group }>();
  add(key: string, kind: FeatureKind, term: string, match: "glob" | "stem", group: Group, form: string, stemGroup?: Group): void {
    if (!this.info.has(key)) this.info.set(key, stemGroup === undefined ? { kind, term, match } : { kind, term, match, stemGroup });
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = new Set()));
    g.add(group);
    let f = this.forms.get(key);
    if (!f) this.forms.set(key, (f = new Map()));
    f.set(form, (f.get(form) ?? 0) + 1);
  }
}

/**
 * The candidate features of some notes (the notes a code missed, or the notes a rule coded
 * wrongly): their words, two-word phrases within a sentence, stems and prefix globs where one stem
 * stands for two or more word forms, and compound-end globs (`*oppfølging`) where a word of the
 * sample ends two or more of their words. Stop words and numbers are never a word on their own
 * (a phrase needs one word that is not a stop word). Deterministic: sorted by key.
 *
 * @param notes the source notes
 * @param languages each source note's language as coded (`und` when undetermined)
 * @param options kinds, least length, the codebook's languages, the sample's vocabulary
 * @returns the features
 * @example
 * ```ts
 * extractFeatures([{ id: "n1", text: "Han ringte meg" }], ["nb"], { kinds: new Set(["word"]), minLength: 3, languages: ["nb"], vocabulary: new Set() });
 * // [{ key: "word:ringte", kind: "word", term: "ringte", match: "glob", lang: undefined, words: ["ringte"] }]
 * ```
 */
export function extractFeatures(notes: readonly Note[], languages: readonly (Language | "und")[], options: ExtractFeaturesOptions): Feature[] {
  const { kinds, minLength } = options;
  const c = new Collector();
  const stemForms = new Map<string, Map<string, number>>();
  notes.forEach((note, n) => {
    const language = languages[n] ?? "und";
    const group = groupOf(language);
    const tokens = tokenize(note.text);
    const spans = sentences(note.text);
    let s = 0;
    const sentenceOf = tokens.map((t) => {
      while (s < spans.length - 1 && t.start >= spans[s]!.end) s++;
      return s;
    });
    tokens.forEach((token, i) => {
      const w = token.text;
      const content = w.length >= minLength && !isStopword(w, language);
      if (content && kinds.has("word")) c.add(`word:${w}`, "word", w, "glob", group, w);
      if (kinds.has("phrase") && i + 1 < tokens.length && sentenceOf[i] === sentenceOf[i + 1]) {
        const v = tokens[i + 1]!.text;
        const vContent = v.length >= minLength && !isStopword(v, language);
        if ((content || vContent) && /\p{L}/u.test(w) && /\p{L}/u.test(v)) c.add(`phrase:${w} ${v}`, "phrase", `${w} ${v}`, "glob", group, `${w} ${v}`);
      }
      if (!content) return;
      if ((kinds.has("stem") || kinds.has("prefix")) && group !== "und") {
        const st = stem(w, language as Language);
        if (st.length > minLength) {
          const key = `${group}:${st}`;
          let f = stemForms.get(key);
          if (!f) stemForms.set(key, (f = new Map()));
          f.set(w, (f.get(w) ?? 0) + 1);
        }
      }
      if (kinds.has("suffix")) {
        for (let j = 1; w.length - j > minLength; j++) {
          const end = w.slice(j);
          if (options.vocabulary.has(end) && !isStopword(end, language)) c.add(`suffix:${end}`, "suffix", `*${end}`, "glob", group, w);
        }
        if (w.length > minLength && options.vocabulary.has(w)) c.add(`suffix:${w}`, "suffix", `*${w}`, "glob", group, w);
      }
    });
  });
  const features: Feature[] = [];
  for (const [key, info] of c.info) {
    const forms = c.forms.get(key)!;
    // A compound end must stand for two or more words, one of them longer than itself.
    if (info.kind === "suffix" && (forms.size < 2 || ![...forms.keys()].some((f) => f.length > info.term.length - 1))) continue;
    features.push({ key, kind: info.kind, term: info.term, match: info.match, lang: languagesOf(c.groups.get(key)!, options.languages), words: formsOf(forms) });
  }
  const prefixes = new Map<string, { groups: Set<Group>; forms: Map<string, number> }>();
  for (const [key, forms] of stemForms) {
    if (forms.size < 2) continue;
    const group = key.slice(0, key.indexOf(":")) as Group;
    const st = key.slice(key.indexOf(":") + 1);
    if (!GROUP_LANGUAGES[group].some((l) => options.languages.includes(l))) continue;
    const words = formsOf(forms);
    if (kinds.has("stem")) features.push({ key: `stem:${key}`, kind: "stem", term: words[0]!, match: "stem", lang: languagesOf(new Set([group]), options.languages), words });
    let p = prefixes.get(st);
    if (!p) prefixes.set(st, (p = { groups: new Set(), forms: new Map() }));
    p.groups.add(group);
    for (const [w, n] of forms) p.forms.set(w, (p.forms.get(w) ?? 0) + n);
  }
  if (kinds.has("prefix")) {
    for (const [st, p] of prefixes) {
      features.push({ key: `prefix:${st}`, kind: "prefix", term: `${st}*`, match: "glob", lang: languagesOf(p.groups, options.languages), words: formsOf(p.forms) });
    }
  }
  return features.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The rule a feature becomes: one term, the feature's match type and languages, no conditions.
 *
 * @param feature the feature
 * @param id the rule's id
 * @returns the rule
 * @example
 * ```ts
 * featureRule(feature, "time.refine-1"); // { id: "time.refine-1", terms: ["ringte"], match: "glob", gap: 0, negation: "barrier" }
 * ```
 */
export function featureRule(feature: Feature, id: string): Rule {
  const rule: Rule = { id, terms: [feature.term], match: feature.match, gap: 0, negation: "barrier" };
  if (feature.lang !== undefined) rule.lang = feature.lang;
  return rule;
}

/** What a feature's matches must be about: the `about` and `notAbout` frames of the code it would join. */
export interface FeatureFrames {
  about?: readonly string[] | undefined;
  notAbout?: readonly string[] | undefined;
}

/**
 * The notes each feature is found in, by the matcher itself: every feature becomes a code of its
 * own, in a copy of the codebook (its languages, frames and cues), with the rule {@link featureRule}
 * gives it and the frames of the code it would join, so a count means exactly what the proposed
 * rule would find (globs, stems, phrases, languages, frames). Context words are counted with
 * `notAbout: []`, as the plain words a `notInNote` condition looks for.
 *
 * @param features the features
 * @param notes the notes to count in
 * @param codebook the codebook the rules would join
 * @param frames the code's `about` and `notAbout` (default: the codebook's own)
 * @returns for each feature, the indices of the notes it is found in, ascending
 * @example
 * ```ts
 * featureNotes(features, notes, codebook)[0]; // Int32Array [0, 4]
 * ```
 */
export function featureNotes(features: readonly Feature[], notes: readonly Note[], codebook: Codebook, frames: FeatureFrames = {}): Int32Array[] {
  if (features.length === 0) return [];
  const counting: Codebook = {
    ...codebook,
    overlap: "within-code",
    categories: [{ id: "f", label: "features" }],
    codes: features.map((f, i) => ({
      id: `f${i}`,
      category: "f",
      label: f.key,
      definition: f.key,
      include: [],
      exclude: [],
      examples: [],
      nonExamples: [],
      relatesTo: [],
      rules: [featureRule(f, `f${i}`)],
      ...(frames.about !== undefined ? { about: [...frames.about] } : {}),
      ...(frames.notAbout !== undefined ? { notAbout: [...frames.notAbout] } : {}),
    })),
  };
  const lists: number[][] = features.map(() => []);
  codeNotes(notes, counting).forEach((coded, n) => {
    for (const application of coded.codes) {
      const list = lists[Number(application.code.slice(1))]!;
      if (list[list.length - 1] !== n) list.push(n);
    }
  });
  return lists.map((l) => Int32Array.from(l));
}
