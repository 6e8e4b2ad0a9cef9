// The per-matcher state of `codeNote`: a token interner and, per language, what each token id
// matches. Internal to src/match.
import { detectLanguage } from "../text/detect-language.ts";
import type { Language, LanguageOption } from "../text/language.ts";
import type { Token } from "../text/tokenize.ts";
import type { Matcher, TermEntry } from "./compile.ts";
import type { GlobAutomaton } from "./glob-automaton.ts";
import type { SetPlan } from "./set-plan.ts";
import { TokenInterner } from "./token-interner.ts";

/** Per-token memo of one language: pattern ids, and the entries whose first word the token is. */
export interface LanguageMemo {
  patterns: (readonly number[] | undefined)[];
  first: (readonly TermEntry[] | undefined)[];
}

/** What `codeNote` keeps per matcher: the token interner and memos indexed by token id. */
export interface Engine {
  interner: TokenInterner;
  generation: number;
  byLanguage: Record<Language | "und", LanguageMemo>;
  /** Token objects (text only) for language detection, by token id. */
  tokenObjects: (Token | undefined)[];
  /** Pattern ids per token position of the note being coded. */
  idsBuffer: (readonly number[])[];
  /** The codebook has no conditions and no cues: every rule hit is a helpful (or fixed-polarity) match. */
  plain: boolean;
  /** After {@link scanNote}: the number of tokens of the note, and the language it is coded in. */
  count: number;
  language: Language | "und";
  /** The codebook's glob automaton and its caches (built on first use: null until then, undefined when it has none). */
  globs: AutomatonState | null | undefined;
  /**
   * The same with the language markers as extra words and æ, ø, å as marked letters, for notes
   * whose language is detected.
   */
  detectingGlobs: AutomatonState | null | undefined;
  /** Scratch marks by code key (code index * 2 + barrier) for counting one note. */
  keySeen?: Uint8Array;
}

/** A glob automaton with what is worked out, per pattern set, for it (see set-plan.ts). */
export interface AutomatonState {
  automaton: GlobAutomaton;
  /** Per language, what a token of each pattern set starts (`SetPlan`s). */
  plans: Partial<Record<Language | "und", (SetPlan | undefined)[]>>;
  /** Per language and set: its plan's one code key, NOTHING, or -1 (see plainCodes). */
  keys: Partial<Record<Language | "und", Int32Array>>;
  /** Per set: the language marker bits of its words (see `markerBits`), or -1 before first use. */
  markerBits: Int8Array;
}

const engines = new WeakMap<Matcher, Engine>();
const NONE: readonly TermEntry[] = [];

/** The last matcher asked for and its engine (most callers code many notes with one matcher). */
let lastMatcher: Matcher | undefined;
let lastEngine: Engine | undefined;

export function engineFor(matcher: Matcher): Engine {
  if (matcher === lastMatcher) return lastEngine!;
  let engine = engines.get(matcher);
  if (!engine) {
    const interner = new TokenInterner();
    const plain =
      matcher.mixed === "both" &&
      matcher.entries.every((e) => e.role === "rule") &&
      !matcher.rules.some((r) => r.hasNear || r.about.length > 0 || r.notAbout.length > 0);
    engine = {
      interner,
      generation: interner.generation,
      byLanguage: emptyMemos(),
      tokenObjects: [],
      idsBuffer: [],
      plain,
      count: 0,
      language: "und",
      globs: null,
      detectingGlobs: null,
    };
    engines.set(matcher, engine);
  }
  lastMatcher = matcher;
  lastEngine = engine;
  return engine;
}

function emptyMemos(): Record<Language | "und", LanguageMemo> {
  return {
    nb: { patterns: [], first: [] },
    nn: { patterns: [], first: [] },
    en: { patterns: [], first: [] },
    und: { patterns: [], first: [] },
  };
}

/** The interner was cleared: token ids changed meaning. */
export function resetEngine(engine: Engine): void {
  engine.byLanguage = emptyMemos();
  engine.tokenObjects = [];
  engine.generation = engine.interner.generation;
}

/** Looks a token up once per language: its pattern ids and the entries it can start. */
export function rememberToken(engine: Engine, matcher: Matcher, language: Language | "und", id: number): readonly number[] {
  const memo = engine.byLanguage[language];
  const patterns = matcher.lookup(engine.interner.texts[id]!, language);
  let first: TermEntry[] | undefined;
  for (const pattern of patterns) {
    for (const entry of matcher.entriesByFirstWord[pattern]!) {
      if (language !== "und" && !entry.languages.has(language)) continue;
      (first ??= []).push(entry);
    }
  }
  memo.patterns[id] = patterns;
  memo.first[id] = first ?? NONE;
  return patterns;
}

/** The note's tokens as objects with their folded text (all `detectLanguage` reads). */
export function tokenList(engine: Engine, count: number): Token[] {
  const out: Token[] = [];
  const { ids, texts } = engine.interner;
  for (let i = 0; i < count; i++) {
    const id = ids[i]!;
    out.push((engine.tokenObjects[id] ??= { text: texts[id]!, start: 0, end: 0 }));
  }
  return out;
}

/**
 * Scans a note into the engine: interns its tokens, decides its language (the note's own, the
 * option's, or detected), and fills `engine.idsBuffer` with each token's pattern ids. Leaves the
 * token count and the language in `engine.count` and `engine.language`.
 *
 * @returns whether any token matches a pattern of the codebook
 * @example
 * ```ts
 * if (scanNote(engine, matcher, note.text, note.language, "auto")) findHits(engine.idsBuffer, engine.count, ...);
 * ```
 */
export function scanNote(engine: Engine, matcher: Matcher, text: string, noteLanguage: Language | undefined, option: LanguageOption): boolean {
  const count = engine.interner.scan(text);
  if (engine.generation !== engine.interner.generation) resetEngine(engine);
  const language = matcher.codingLanguage[noteLanguage ?? (option === "auto" ? detectLanguage(tokenList(engine, count)) : option)];
  const tokenIds = engine.interner.ids;
  const memo = engine.byLanguage[language];
  const ids = engine.idsBuffer;
  let any = false;
  for (let i = 0; i < count; i++) {
    const id = tokenIds[i]!;
    let patterns = memo.patterns[id];
    if (patterns === undefined) patterns = rememberToken(engine, matcher, language, id);
    ids[i] = patterns;
    if (patterns.length > 0) any = true;
  }
  engine.count = count;
  engine.language = language;
  return any;
}
