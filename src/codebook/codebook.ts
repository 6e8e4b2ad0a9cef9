import { z } from "zod";
import { LanguageSchema } from "../text/language.ts";
import { PolaritySchema } from "../codings/coding.ts";
import { LearnedModelSchema } from "../learn/model.ts";

/** An id of a codebook, category, code or rule: lower case, digits, `_` and `-`. */
export const IdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, "an id starts with a lower-case letter and has only a-z, 0-9, _ and -");

/** Text in one language, or per language: `{ nb: "Tid", en: "Time" }`. */
export const LocalizedTextSchema = z.union([
  z.string(),
  z.partialRecord(LanguageSchema, z.string()),
]);
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Term lists: one list for every language, or per language: `{ nb: [tid*], en: [time] }`. */
export const TermListSchema = z.union([
  z.array(z.string()),
  z.partialRecord(LanguageSchema, z.array(z.string())),
]);
export type TermList = z.infer<typeof TermListSchema>;

/**
 * How a term is matched against tokens (quanteda's `valuetype`):
 * - `glob` (default): `*` is any run of letters, `?` one letter; without them the term is fixed.
 *   `relasjon*` matches *relasjonen*; `*tid` matches the end of the compound *saksbehandlingstid*.
 * - `fixed`: the token equals the term (after case folding).
 * - `regex`: a JavaScript regular expression tested against each token (unanchored, as in quanteda).
 * - `stem`: the term and the token have the same Snowball stem in the note's language.
 * A term with spaces is a phrase: each word is matched against consecutive tokens.
 */
export const MatchTypeSchema = z.enum(["glob", "fixed", "regex", "stem"]);
export type MatchType = z.infer<typeof MatchTypeSchema>;

/** A proximity condition: one of `terms` within `within` words of the match. */
export const ProximitySchema = z
  .object({
    terms: TermListSchema,
    within: z.number().int().min(1).max(100).default(5),
    match: MatchTypeSchema.default("glob"),
  })
  .strict();
export type Proximity = z.infer<typeof ProximitySchema>;

/**
 * What a negation cue before a match does: `barrier` (default) turns the mention into a
 * barrier ("hadde ikke tid"), `exclude` drops the match, `ignore` keeps it as it is.
 */
export const NegationEffectSchema = z.enum(["barrier", "exclude", "ignore"]);

/**
 * A frame: what a sentence (or a note) is about, told by its words, so that a code can say what a
 * match must be about to count. `about: [helper]` keeps a match only when a helper is named in its
 * sentence; `notAbout: [research, private-life]` drops a match in a sentence about research or
 * someone's private life ("kunnskapen min om traktorer har jeg fra bestefar" is not the helper's
 * knowledge). A frame term that is part of the match itself does not count.
 */
export const FrameSchema = z
  .object({
    id: IdSchema,
    label: LocalizedTextSchema.optional(),
    description: LocalizedTextSchema.optional(),
    /** Words that put a sentence in the frame (glob terms by default, per language or for all). */
    terms: TermListSchema.optional(),
    match: MatchTypeSchema.default("glob"),
    /** A sentence that ends with a question mark is in the frame (an interviewer's question). */
    questions: z.boolean().default(false),
    /** Where a frame term counts for a match: in the match's sentence (default), or anywhere in the note. */
    scope: z.enum(["sentence", "note"]).default("sentence"),
    /**
     * Frames that outweigh this one: where one of them is around the match too, this frame does not
     * count ("samarbeid med naboen" is private life; "naboen og veilederen" is not only that).
     */
    unless: z.array(IdSchema).default([]),
  })
  .strict();
export type Frame = z.infer<typeof FrameSchema>;

/** A list of frame ids (`about`, `notAbout`). */
export const FrameListSchema = z.array(IdSchema);

/** A rule: terms to find, how to match them, and the conditions on a match. */
export const RuleSchema = z
  .object({
    /** Stable rule id shown in evidence; defaults to `<code>.<n>` (1-based). */
    id: z.string().min(1).optional(),
    terms: TermListSchema,
    match: MatchTypeSchema.default("glob"),
    /** Languages the rule applies to; default: every language of the codebook. */
    lang: z.union([LanguageSchema, z.array(LanguageSchema).min(1)]).optional(),
    /** Words allowed between consecutive words of a phrase (0: adjacent). */
    gap: z.number().int().min(0).max(10).default(0),
    /** The match counts only with one of these terms nearby. */
    near: ProximitySchema.optional(),
    /** The match is dropped with one of these terms nearby. */
    notNear: ProximitySchema.optional(),
    /** The match is dropped when one of these terms occurs anywhere in the note. */
    notInNote: TermListSchema.optional(),
    /** Fixed polarity of every match of this rule; default: decided by the cues. */
    polarity: PolaritySchema.optional(),
    negation: NegationEffectSchema.default("barrier"),
    /** Frames one of which must be present around each match (see {@link FrameSchema}); default: the code's. */
    about: FrameListSchema.optional(),
    /** Frames none of which may be present around a match; default: the code's, else the codebook's. */
    notAbout: FrameListSchema.optional(),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

/** A worked example: text that the code should find (or, under `nonExamples`, should not). */
export const ExampleSchema = z.union([
  z.string(),
  z
    .object({
      text: z.string().min(1),
      lang: LanguageSchema.optional(),
      polarity: PolaritySchema.optional(),
    })
    .strict(),
]);
export type Example = z.infer<typeof ExampleSchema>;

/** A category: a group of codes (the roll-up level). Categories are not applied to text. */
export const CategorySchema = z
  .object({
    id: IdSchema,
    label: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour is #RRGGBB").optional(),
  })
  .strict();
export type Category = z.infer<typeof CategorySchema>;

/** A code (theme): definition, inclusion and exclusion notes, examples, and the rules that find it. */
export const CodeSchema = z
  .object({
    id: IdSchema,
    category: IdSchema,
    label: LocalizedTextSchema,
    definition: LocalizedTextSchema,
    include: z.array(LocalizedTextSchema).default([]),
    exclude: z.array(LocalizedTextSchema).default([]),
    examples: z.array(ExampleSchema).default([]),
    nonExamples: z.array(ExampleSchema).default([]),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour is #RRGGBB").optional(),
    /** Shorthand for glob rules, per language: `{ nb: [tid, "ta seg tid"], en: [time] }`. */
    terms: TermListSchema.optional(),
    /** Shorthand for glob rules whose matches are always barriers ("ventetid", "lack of time"). */
    barrierTerms: TermListSchema.optional(),
    rules: z.array(RuleSchema).default([]),
    /** Frames one of which must be present around each match of the code's rules; default: none required. */
    about: FrameListSchema.optional(),
    /** Frames none of which may be present around a match of the code's rules; default: the codebook's `notAbout`. */
    notAbout: FrameListSchema.optional(),
    /** Another codebook's code this one corresponds to (`natland-2021:time`), for crosswalks. */
    relatesTo: z.array(z.string()).default([]),
  })
  .strict();
export type Code = z.infer<typeof CodeSchema>;

/** Cue words that decide a mention's polarity, searched within `window` words in the same sentence. */
export const CueSetSchema = z
  .object({
    terms: TermListSchema,
    window: z.number().int().min(1).max(20).default(3),
  })
  .strict();
export type CueSet = z.infer<typeof CueSetSchema>;

/** Negation cues, and the phrases in which a cue word negates nothing ("ikke bare": not only). */
export const NegationCueSetSchema = z
  .object({
    terms: TermListSchema,
    window: z.number().int().min(1).max(20).default(3),
    /** Phrases in which a negation word does not negate the mention ("ikke bare", "not only"). */
    except: TermListSchema.optional(),
  })
  .strict();
export type NegationCueSet = z.infer<typeof NegationCueSetSchema>;

/** Cue words that act on a whole sentence or clause (irony, wishes, contrast). */
export const SentenceCueSetSchema = z.object({ terms: TermListSchema }).strict();
export type SentenceCueSet = z.infer<typeof SentenceCueSetSchema>;

/**
 * How a mention's polarity is decided (see docs/polarity.md): barrier and negation cues near the
 * mention, irony, wishes, and what a clause that names both sides of a code means.
 */
export const PolarityRulesSchema = z
  .object({
    /** Cues that make a nearby mention a barrier ("mangel på", "lack of"). */
    barrier: CueSetSchema.optional(),
    /** Negation cues ("ikke", "not"): what they do is each rule's `negation`. */
    negation: NegationCueSetSchema.optional(),
    /**
     * Irony markers ("liksom", "yeah right") in a short ironic tag of at most four words: a helpful
     * mention in the tag, or in the sentence right before it, is a barrier ("Veldig god oppfølging,
     * liksom."; "Fikk et kurs etter fire måneder. Kjempeflott, liksom."). In a longer sentence the
     * word is taken for a filler.
     */
    irony: SentenceCueSetSchema.optional(),
    /**
     * Wish markers ("skulle ønske", "burde", "I wish"): a helpful mention in a wish stays helpful (the
     * wish names what helps), unless the same note states the lack (a barrier mention of the same
     * code): then the wish only restates the barrier, and the code is a barrier.
     */
    wish: SentenceCueSetSchema.optional(),
    /** Contrast words ("men", "før", "nå", "but") that split a note into clauses for `mixed`. */
    contrast: SentenceCueSetSchema.optional(),
    /**
     * A code mentioned both helpfully and as a barrier in one clause (the stretch of a note between
     * contrast words): `both` (default) keeps both mentions, `barrier` keeps the barrier ("Måtte vente
     * 5 uker på svar på en mail" is a barrier; "Før tok hun seg tid, nå har ingen tid" stays both).
     */
    mixed: z.enum(["both", "barrier"]).optional(),
  })
  .strict();
export type PolarityRules = z.infer<typeof PolarityRulesSchema>;


/**
 * A code of a further dimension (an actor, a phase of the case): a code without a category, with
 * the same definition, notes, examples and rules as a theme.
 */
export const DimensionCodeSchema: z.ZodObject<Omit<typeof CodeSchema.shape, "category">, z.core.$strict> = CodeSchema.omit({ category: true });
export type DimensionCode = z.infer<typeof DimensionCodeSchema>;

/**
 * A further dimension of coding: an independent set of codes (for example the service `actors`
 * a note names), found by their own rules, rolled up on their own, and crossed with the
 * codebook's codes (its primary dimension, the themes). A code belongs to exactly one dimension.
 */
export const DimensionSchema = z
  .object({
    id: IdSchema,
    label: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    /**
     * Whether a mention of this dimension has a polarity, decided by the codebook's cues as for the
     * themes. Default `false`: an actor is named, not helpful or a barrier in itself (the themes
     * attributed to it carry the polarity).
     */
    polarity: z.boolean().default(false),
    /**
     * Note attributes (data columns, seminar attributes) whose value names a note's code of this
     * dimension when its text names none, for example `service` holding `nav`: the note's themes
     * are then attributed to that code. The value is a code id, a code's label, or text the
     * dimension's rules find exactly one code in.
     */
    defaultFrom: z.array(z.string().min(1)).default([]),
    codes: z.array(DimensionCodeSchema).default([]),
  })
  .strict();
export type Dimension = z.infer<typeof DimensionSchema>;

/** The name of the primary dimension (the codebook's own `categories` and `codes`). */
export const PrimaryDimensionSchema = z.object({ id: IdSchema, label: LocalizedTextSchema }).strict();
export type PrimaryDimension = z.infer<typeof PrimaryDimensionSchema>;

/** A codebook: the validated value, whether it came from YAML, JSON or an object. */
export const CodebookSchema = z
  .object({
    id: IdSchema,
    title: LocalizedTextSchema,
    version: z.string().optional(),
    description: LocalizedTextSchema.optional(),
    /** Bibliographic reference of the analysis the codebook encodes. */
    reference: z.string().optional(),
    authors: z.array(z.string()).default([]),
    license: z.string().optional(),
    languages: z.array(LanguageSchema).min(1),
    /** Bundled codebook names or paths this codebook builds on (its codes and categories come first). */
    extends: z.union([z.string(), z.array(z.string())]).optional(),
    categories: z.array(CategorySchema).default([]),
    codes: z.array(CodeSchema).default([]),
    /** What sentences can be about (see {@link FrameSchema}); codes and rules name them in `about` and `notAbout`. */
    frames: z.array(FrameSchema).default([]),
    /**
     * Frames that drop a match of any code, unless the code or rule says otherwise (`notAbout: []`).
     * An extending codebook that does not set it keeps its base's.
     */
    notAbout: FrameListSchema.optional(),
    polarity: PolarityRulesSchema.default({}),
    /**
     * `within-code` (default): the longest match wins inside a code; different codes may share words.
     * `across-codes`: the longest match also wins across codes (one code per span of text).
     */
    overlap: z.enum(["within-code", "across-codes"]).default("within-code"),
    /**
     * A learned model (`kodebok learn`) that `codeNotes` uses unless told `{ model: false }`: a
     * model file beside the codebook, read by `readCodebook`/`loadCodebook`, or the model itself.
     * Not inherited by a codebook that `extends` this one (its codes differ, so the model would not fit).
     */
    model: z.union([z.string().min(1), LearnedModelSchema]).optional(),
    /** The id and label of the primary dimension (`categories` and `codes`); default `themes`. */
    primaryDimension: PrimaryDimensionSchema.optional(),
    /**
     * Further dimensions of coding (for example `actors`), each with its own codes and rules. A
     * coded note keeps the primary dimension's codes in `codes` and these under `dimensions`.
     */
    dimensions: z.array(DimensionSchema).optional(),
  })
  .strict();
export type Codebook = z.infer<typeof CodebookSchema>;
export type CodebookInput = z.input<typeof CodebookSchema>;
