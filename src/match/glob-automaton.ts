// A character automaton over a codebook's glob words: two table steps per character find, at the
// end of each token, which exact words, `prefix*` and `*suffix` patterns the token matches, without
// slicing, hashing or interning the token. Internal to src/match.
import type { Matcher } from "./compile.ts";
import { foldedCodeUnit } from "./token-interner.ts";

/** Symbol table values besides a symbol (>= 0). */
const UNKNOWN = -3;
const SEPARATOR = -1;
/** A character the automaton cannot fold on its own (see `foldedCodeUnit`): the note takes the interner. */
const SLOW = -2;
/** Symbol of a token character that occurs in no pattern. */
const OTHER = 0;

/**
 * The patterns a token matches, decided while its characters are read. Two deterministic
 * automata are stepped together: a trie over the exact words and `prefix*` patterns (a token that
 * leaves it goes to a state that keeps the prefix patterns it passed) and an Aho-Corasick
 * automaton over the `*suffix` patterns. Each table holds a state's transitions by symbol (a
 * folded character of some pattern, or `OTHER`) and, in its last column, the set of patterns a
 * token ending in that state matches; a token's set is the union of its two states' sets. (One
 * automaton over pairs of states would save a step per character but has tens of thousands of
 * states for the benchmark's 313 patterns, and its table does not stay in the cache.)
 *
 * `scan` tokenizes a note exactly as `tokenize` does and records only the tokens that match some
 * pattern: their token index, offsets and pattern set. It gives up (returns -1) on a note with a
 * character whose folding depends on its word (combining marks, astral characters, capital sigma);
 * such notes take the token interner.
 *
 * Only for codebooks whose every word pattern is an exact word, a prefix or a suffix: `build`
 * returns undefined for others (stems, regular expressions, `*inner*`).
 */
export class GlobAutomaton {
  /** After `scan`: the number of tokens that match some pattern, and per match its token index, offsets and set. */
  matches = 0;
  matchToken = new Int32Array(64);
  matchStart = new Int32Array(64);
  matchEnd = new Int32Array(64);
  matchSet = new Int32Array(64);
  /** After `scan`, when built with marked letters: the number of tokens with one of them. */
  markedTokens = 0;
  /** Pattern ids of each set, sorted (set 0 is empty). */
  readonly sets: readonly (readonly number[])[];

  /** Symbol of each BMP code unit: >= 0, SEPARATOR, SLOW, or UNKNOWN before first sight. */
  private readonly symbols = new Int16Array(0x10000).fill(UNKNOWN);
  private readonly symbolOfFolded: Map<number, number>;
  /**
   * Transitions of the trie (exact words and prefixes) and of the suffix automaton, `state +
   * symbol` (states are premultiplied by `width`); column `width - 1` holds the state's set.
   */
  private readonly trie: Int32Array;
  private readonly suffixes: Int32Array;
  private readonly width: number;
  /** The trie's root (the suffix automaton starts at 0). */
  private readonly root: number;
  /**
   * The union of a trie set and a suffix set, by `trieSet * suffixSets + suffixSet` (0: not known
   * yet); in a map when that table would be large.
   */
  private readonly unions: Int32Array;
  private readonly unionMap: Map<number, number> | undefined;
  private readonly suffixSets: number;
  private readonly setOf: (ids: number[]) => number;
  /** The loop of `scan`, as a closure over this automaton's tables (see `scannerOver`). */
  private readonly scanText: (text: string, out: MatchArrays) => number;

  private constructor(
    symbolOfFolded: Map<number, number>,
    trie: Int32Array,
    suffixes: Int32Array,
    width: number,
    root: number,
    sets: number[][],
    setOf: (ids: number[]) => number,
    marks: Uint8Array | undefined,
  ) {
    this.symbolOfFolded = symbolOfFolded;
    this.trie = trie;
    this.suffixes = suffixes;
    this.width = width;
    this.root = root;
    this.sets = sets;
    this.setOf = setOf;
    this.suffixSets = sets.length;
    this.scanText = marks === undefined ? scannerOver(this.symbols, trie, suffixes, root, width - 1) : markingScannerOver(this.symbols, trie, suffixes, root, width - 1, marks);
    const small = sets.length * sets.length <= 1 << 20;
    this.unions = new Int32Array(small ? sets.length * sets.length : 0);
    this.unionMap = small ? undefined : new Map();
  }

  /**
   * Builds the automaton of a matcher, or returns undefined when some word pattern is not an
   * exact word, prefix or suffix. `extra.words` are more exact words, numbered after the
   * matcher's patterns (pattern ids from `matcher.patterns.length` on); with `extra.letters`,
   * `scan` also counts the tokens that hold one of these (folded) letters in `markedTokens`.
   *
   * @example
   * ```ts
   * const automaton = GlobAutomaton.build(compileCodebook(codebook));
   * if (automaton && automaton.scan("Hun tok seg tid.") >= 0) automaton.matches; // tokens that match
   * ```
   */
  static build(matcher: Matcher, extra: { words?: readonly string[]; letters?: string } = {}): GlobAutomaton | undefined {
    const exact: [string, number][] = [];
    const prefix: [string, number][] = [];
    const suffix: [string, number][] = [];
    for (const [id, p] of matcher.patterns.entries()) {
      if (p.value === "") return undefined;
      if (p.kind === "exact") exact.push([p.value, id]);
      else if (p.kind === "prefix") prefix.push([p.value, id]);
      else if (p.kind === "suffix") suffix.push([p.value, id]);
      else return undefined;
    }
    // Extra exact words (folded), numbered after the matcher's patterns.
    (extra.words ?? []).forEach((word, k) => exact.push([word, matcher.patterns.length + k]));
    // The alphabet: every code unit of a pattern (patterns are folded already), and the marked letters.
    const symbolOfFolded = new Map<number, number>();
    for (const value of [...exact, ...prefix, ...suffix].map(([v]) => v).concat(extra.letters ?? "")) {
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (!symbolOfFolded.has(c)) symbolOfFolded.set(c, symbolOfFolded.size + 1);
      }
    }
    const letters = symbolOfFolded.size + 1; // symbols 0 (OTHER) .. size
    const width = letters + 1; // plus the set column

    // The trie over exact words and prefixes: children by symbol, what ends at each node.
    const trieChildren: Map<number, number>[] = [new Map()];
    const trieExact: number[][] = [[]];
    const triePrefix: number[][] = [[]];
    const newTrieNode = () => {
      trieExact.push([]);
      triePrefix.push([]);
    };
    for (const [value, id] of exact) trieExact[insertWord(trieChildren, value, symbolOfFolded, newTrieNode)]!.push(id);
    for (const [value, id] of prefix) triePrefix[insertWord(trieChildren, value, symbolOfFolded, newTrieNode)]!.push(id);
    // The prefix patterns passed on the way to each node (a token that leaves the trie keeps them).
    const passed: number[][] = trieChildren.map(() => []);
    const order = [0];
    for (let k = 0; k < order.length; k++) {
      const node = order[k]!;
      passed[node] = [...passed[node]!, ...triePrefix[node]!];
      for (const child of trieChildren[node]!.values()) {
        passed[child] = passed[node]!;
        order.push(child);
      }
    }

    // Aho-Corasick over the suffixes: goto, failure, and the suffixes that end at each state.
    const acChildren: Map<number, number>[] = [new Map()];
    const acOut: number[][] = [[]];
    for (const [value, id] of suffix) acOut[insertWord(acChildren, value, symbolOfFolded, () => acOut.push([]))]!.push(id);
    const acNext = new Int32Array(acChildren.length * letters);
    const fail = new Int32Array(acChildren.length);
    const queue: number[] = [];
    for (let s = 0; s < letters; s++) {
      const child = acChildren[0]!.get(s);
      if (child !== undefined) {
        acNext[s] = child;
        fail[child] = 0;
        queue.push(child);
      }
    }
    for (let k = 0; k < queue.length; k++) {
      const state = queue[k]!;
      acOut[state] = [...acOut[state]!, ...acOut[fail[state]!]!];
      for (let s = 0; s < letters; s++) {
        const child = acChildren[state]!.get(s);
        if (child !== undefined) {
          acNext[state * letters + s] = child;
          fail[child] = acNext[fail[state]! * letters + s]!;
          queue.push(child);
        } else {
          acNext[state * letters + s] = acNext[fail[state]! * letters + s]!;
        }
      }
    }
    // OTHER occurs in no suffix: back to the start.
    for (let state = 0; state < acChildren.length; state++) acNext[state * letters + OTHER] = 0;

    // Pattern sets, numbered; 0 is the empty set.
    const sets: number[][] = [[]];
    const setIds = new Map<string, number>([["", 0]]);
    const setOf = (ids: number[]): number => {
      const sorted = [...new Set(ids)].sort((a, b) => a - b);
      const key = sorted.join(",");
      let id = setIds.get(key);
      if (id === undefined) {
        id = sets.push(sorted) - 1;
        setIds.set(key, id);
      }
      return id;
    };

    // The trie as a table, rows in breadth-first order (the rows near the root, which every token
    // visits, lie together); a token that leaves the trie goes to the sink of the prefix patterns
    // it passed (a state that stays put), or to the dead state 0.
    const rank = new Int32Array(trieChildren.length);
    order.forEach((node, k) => (rank[node] = k));
    const sinkOf = new Map<number, number>();
    const trieRows = trieChildren.length;
    const passedSets = passed.map((list) => setOf(list));
    for (const set of passedSets) if (set !== 0 && !sinkOf.has(set)) sinkOf.set(set, trieRows + 1 + sinkOf.size);
    const trieStates = trieRows + 1 + sinkOf.size; // 0: dead; 1..trieRows: nodes; then sinks
    const trie = new Int32Array(trieStates * width);
    for (let node = 0; node < trieRows; node++) {
      const base = (rank[node]! + 1) * width;
      const leave = passedSets[node] === 0 ? 0 : sinkOf.get(passedSets[node]!)!;
      for (let sym = 0; sym < letters; sym++) {
        const child = sym === OTHER ? undefined : trieChildren[node]!.get(sym);
        trie[base + sym] = (child !== undefined ? rank[child]! + 1 : leave) * width;
      }
      trie[base + letters] = setOf([...passed[node]!, ...trieExact[node]!]);
    }
    for (const [set, sink] of sinkOf) {
      const base = sink * width;
      for (let sym = 0; sym < letters; sym++) trie[base + sym] = sink * width;
      trie[base + letters] = set;
    }
    // The suffix automaton as a table: state a's row at a * width.
    const suffixes = new Int32Array(acChildren.length * width);
    for (let state = 0; state < acChildren.length; state++) {
      const base = state * width;
      for (let sym = 0; sym < letters; sym++) suffixes[base + sym] = acNext[state * letters + sym]! * width;
      suffixes[base + letters] = setOf(acOut[state]!);
    }
    let marks: Uint8Array | undefined;
    if (extra.letters !== undefined) {
      marks = new Uint8Array(width);
      for (let i = 0; i < extra.letters.length; i++) marks[symbolOfFolded.get(extra.letters.charCodeAt(i))!] = 1;
    }
    return new GlobAutomaton(symbolOfFolded, trie, suffixes, width, width, sets, setOf, marks);
  }

  /**
   * Tokenizes `text` and records the tokens that match some pattern (`matches`, `matchToken`,
   * `matchStart`, `matchEnd`, `matchSet`).
   *
   * @param text the note's text
   * @returns the number of tokens, or -1 when the note needs the token interner
   */
  scan(text: string): number {
    const n = text.length;
    if (this.matchToken.length < (n >> 1) + 1) this.grow((n >> 1) + 1);
    let count: number;
    // A character seen for the first time is classified and the note read again (rare after the first notes).
    while ((count = this.scanText(text, this)) < -1) {
      this.classify(text.charCodeAt(-2 - count));
    }
    return count < 0 ? -1 : count;
  }

  /** The set of a token whose trie state has set `a` and suffix state set `b` (both not empty). */
  union(a: number, b: number): number {
    const key = a * this.suffixSets + b;
    const map = this.unionMap;
    let known = map === undefined ? this.unions[key]! : (map.get(key) ?? 0);
    if (known === 0) {
      known = this.setOf([...this.sets[a]!, ...this.sets[b]!]);
      if (map === undefined) this.unions[key] = known;
      else map.set(key, known);
    }
    return known;
  }

  private classify(c: number): number {
    const folded = foldedCodeUnit(c);
    // Surrogates (astral characters) are folded with their whole token by the interner.
    const s = c >= 0xd800 && c <= 0xdfff ? SLOW : folded === -1 ? SEPARATOR : folded < 0 ? SLOW : (this.symbolOfFolded.get(folded) ?? OTHER);
    this.symbols[c] = s;
    return s;
  }

  private grow(n: number): void {
    let size = this.matchToken.length;
    while (size < n) size *= 2;
    this.matchToken = new Int32Array(size);
    this.matchStart = new Int32Array(size);
    this.matchEnd = new Int32Array(size);
    this.matchSet = new Int32Array(size);
  }
}

/**
 * Adds a word to a trie of child maps (by symbol) and returns the node it ends at; `onNewNode`
 * runs for each node added, so that the caller's per-node arrays keep step.
 */
function insertWord(children: Map<number, number>[], word: string, symbolOf: ReadonlyMap<number, number>, onNewNode: () => void): number {
  let node = 0;
  for (let i = 0; i < word.length; i++) {
    const symbol = symbolOf.get(word.charCodeAt(i))!;
    let next = children[node]!.get(symbol);
    if (next === undefined) {
      next = children.push(new Map()) - 1;
      onNewNode();
      children[node]!.set(symbol, next);
    }
    node = next;
  }
  return node;
}

/** Where `scan` records the tokens that match. */
interface MatchArrays {
  matches: number;
  markedTokens: number;
  matchToken: Int32Array;
  matchStart: Int32Array;
  matchEnd: Int32Array;
  matchSet: Int32Array;
  union(a: number, b: number): number;
}

/**
 * The loop of `GlobAutomaton.scan`, kept free of calls, as a closure over the automaton's tables:
 * V8 then compiles the tables in as constants instead of loading them at every character (about
 * a quarter of the loop's time). It tokenizes `text`, steps both automata per token character,
 * and at each token's end records a token whose trie or suffix state has a set (their union). It returns the
 * number of tokens; -1 for a character the automaton cannot fold on its own; `-2 - i` for a
 * character at `i` not classified yet.
 */
function scannerOver(symbols: Int16Array, trie: Int32Array, suffixes: Int32Array, root: number, setColumn: number): (text: string, out: MatchArrays) => number {
  return (text, out) => {
    const { matchToken, matchStart, matchEnd, matchSet } = out;
    const n = text.length;
    let count = 0;
    let matches = 0;
    let node = 0;
    let suffix = 0;
    let inToken = false;
    let start = 0;
    // One step past the end, as a separator, ends the last token.
    for (let i = 0; i <= n; i++) {
      const s = i < n ? symbols[text.charCodeAt(i)]! : SEPARATOR;
      if (s < 0) {
        if (s !== SEPARATOR) return s === UNKNOWN ? -2 - i : -1;
        if (inToken) {
          const a = trie[node + setColumn]!;
          const b = suffixes[suffix + setColumn]!;
          if ((a | b) !== 0) {
            matchToken[matches] = count;
            matchStart[matches] = start;
            matchEnd[matches] = i;
            matchSet[matches] = b === 0 ? a : a === 0 ? b : out.union(a, b);
            matches++;
          }
          count++;
          inToken = false;
        }
        continue;
      }
      if (!inToken) {
        inToken = true;
        node = root;
        suffix = 0;
        start = i;
      }
      node = trie[node + s]!;
      suffix = suffixes[suffix + s]!;
    }
    out.matches = matches;
    return count;
  };
}

/**
 * `scannerOver`, also counting the tokens that hold a marked letter (`marks` by symbol). A copy of
 * its loop on purpose: marking in the one loop costs every scan with a known language about a
 * tenth more (measured on the benchmark's corpus), for a count only language detection needs.
 */
function markingScannerOver(
  symbols: Int16Array,
  trie: Int32Array,
  suffixes: Int32Array,
  root: number,
  setColumn: number,
  marks: Uint8Array,
): (text: string, out: MatchArrays) => number {
  return (text, out) => {
    const { matchToken, matchStart, matchEnd, matchSet } = out;
    const n = text.length;
    let count = 0;
    let matches = 0;
    let node = 0;
    let suffix = 0;
    let inToken = false;
    let start = 0;
    let marked = 0;
    let mark = 0;
    // One step past the end, as a separator, ends the last token.
    for (let i = 0; i <= n; i++) {
      const s = i < n ? symbols[text.charCodeAt(i)]! : SEPARATOR;
      if (s < 0) {
        if (s !== SEPARATOR) return s === UNKNOWN ? -2 - i : -1;
        if (inToken) {
          const a = trie[node + setColumn]!;
          const b = suffixes[suffix + setColumn]!;
          if ((a | b) !== 0) {
            matchToken[matches] = count;
            matchStart[matches] = start;
            matchEnd[matches] = i;
            matchSet[matches] = b === 0 ? a : a === 0 ? b : out.union(a, b);
            matches++;
          }
          count++;
          marked += mark;
          inToken = false;
        }
        continue;
      }
      if (!inToken) {
        inToken = true;
        node = root;
        suffix = 0;
        start = i;
        mark = 0;
      }
      mark |= marks[s]!;
      node = trie[node + s]!;
      suffix = suffixes[suffix + s]!;
    }
    out.matches = matches;
    out.markedTokens = marked;
    return count;
  };
}
