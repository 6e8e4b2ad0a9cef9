import { sentences, type SentenceSpan } from "../text/sentences.ts";
import type { Attribution, CodeApplication, DimensionApplication, DimensionEvidence } from "./coded-note.ts";

/** A note's default code of a dimension, read from one of its attributes (`service: nav`). */
export interface DefaultValue {
  /** The dimension's code. */
  value: string;
  /** The attribute it was read from. */
  attribute: string;
}

/** One mention of a dimension's code in the note. */
interface Mention {
  code: string;
  evidence: DimensionEvidence;
  sentence: number;
  clause: number;
}

/**
 * Words and marks that open a new clause which may be about someone else: a theme mention is
 * tied to an actor of its own clause before one across such a boundary ("legen tok seg tid, men
 * Nav ga blaffen"). Compared in lower case.
 */
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set([
  "men", "mens", "derimot", "imens", "medan", "but", "while", "whereas", "whilst", "however", "although", "though",
]);

/**
 * Ties each theme mention of a note to a code of a further dimension (an actor): the dimension's
 * mention nearest to it in the same sentence, preferring one in the same clause (clauses are split
 * at `;`, dashes and the words *men*, *mens*, *but*, *while*, ...); when the sentence names
 * none and the note names exactly one code of the dimension, that code (`basis: "note"`); when the
 * note names several, the last one named in an earlier sentence (`basis: "previous"`: a pronoun
 * refers back), or none when none comes before; when the note names none, the note's default
 * (from an attribute such as `service`), if any. Nearest is counted in characters between the two
 * spans; a tie goes to the mention before the theme. A pure step over the coded note's evidence:
 * the matching does not change.
 *
 * @param text the note's text
 * @param codes the note's theme applications (`CodedNote.codes`)
 * @param dimension the dimension's id (`actors`)
 * @param applications the note's applications of the dimension's codes
 * @param fallback the note's default code of the dimension, when its data gives one
 * @returns the attributions, in the order of the theme evidence in the text
 * @example
 * ```ts
 * const text = "Legen tok seg tid, men Nav ga blaffen";
 * attributeMentions(text, coded.codes, "actors", coded.dimensions!.actors!)
 *   .map((a) => `${a.code}->${a.value}`); // ["time->gp"]
 * ```
 */
export function attributeMentions(
  text: string,
  codes: readonly CodeApplication[],
  dimension: string,
  applications: readonly DimensionApplication[],
  fallback?: DefaultValue,
): Attribution[] {
  if (codes.length === 0) return [];
  const out: { at: number; order: number; attribution: Attribution }[] = [];
  let order = 0;
  if (applications.length === 0) {
    if (fallback === undefined) return [];
    for (const application of codes) {
      for (const evidence of application.evidence) {
        out.push({
          at: evidence.start,
          order: order++,
          attribution: { code: application.code, polarity: application.polarity, dimension, value: fallback.value, basis: "default", evidence: [evidence], attribute: fallback.attribute },
        });
      }
    }
    return sorted(out);
  }
  const spans = sentences(text);
  const many = applications.length > 1 || applications[0]!.evidence.length > 1;
  const breaks = many ? clauseBreaks(text) : [];
  const place = (start: number) => ({ sentence: indexOf(spans, start), clause: countBefore(breaks, start) });
  const mentions: Mention[] = [];
  for (const application of applications) {
    for (const evidence of application.evidence) mentions.push({ code: application.code, evidence, ...place(evidence.start) });
  }
  mentions.sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end);
  const sole = mentions.every((m) => m.code === mentions[0]!.code) ? mentions[0]!.code : undefined;
  for (const application of codes) {
    for (const evidence of application.evidence) {
      const at = place(evidence.start);
      let best: Mention | undefined;
      let bestScore = Infinity;
      for (const mention of mentions) {
        if (mention.sentence !== at.sentence) continue;
        const score = distance(mention.evidence, evidence) + (mention.clause === at.clause ? 0 : text.length + 1);
        // Strictly smaller: of equally near mentions the earlier (sorted first) wins.
        if (score < bestScore) {
          best = mention;
          bestScore = score;
        }
      }
      let basis: Attribution["basis"] = "sentence";
      if (best === undefined && sole !== undefined) {
        basis = "note";
        for (const mention of mentions) {
          const score = distance(mention.evidence, evidence);
          if (score < bestScore) {
            best = mention;
            bestScore = score;
          }
        }
      } else if (best === undefined) {
        // The sentence names none and the note several: the last one named before it ("… hos
        // fastlegen. Hun hadde god tid."), as a pronoun refers back; none when none comes before.
        basis = "previous";
        for (const mention of mentions) if (mention.sentence < at.sentence) best = mention;
      }
      if (best === undefined) continue;
      out.push({
        at: evidence.start,
        order: order++,
        attribution: { code: application.code, polarity: application.polarity, dimension, value: best.code, basis, evidence: [evidence, best.evidence] },
      });
    }
  }
  return sorted(out);
}

function sorted(items: { at: number; order: number; attribution: Attribution }[]): Attribution[] {
  return items.sort((a, b) => a.at - b.at || a.order - b.order).map((x) => x.attribution);
}

/** Characters between two spans; 0 when they touch or overlap. */
function distance(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, a.start - b.end, b.start - a.end);
}

/** The index of the sentence that holds `offset` (the last one starting at or before it). */
function indexOf(spans: readonly SentenceSpan[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** How many of the sorted offsets are at or before `offset`. */
function countBefore(offsets: readonly number[], offset: number): number {
  let n = 0;
  while (n < offsets.length && offsets[n]! <= offset) n++;
  return n;
}

const CLAUSE_MARK = /[,;–—]|\s-\s|(?<![\p{L}\p{N}])([\p{L}]+)(?![\p{L}\p{N}])/gu;

/** Offsets where a new clause begins: `;`, a dash, or a word of {@link CLAUSE_BREAKS}. */
function clauseBreaks(text: string): number[] {
  const out: number[] = [];
  CLAUSE_MARK.lastIndex = 0;
  for (let m = CLAUSE_MARK.exec(text); m !== null; m = CLAUSE_MARK.exec(text)) {
    if (m[1] === undefined || CLAUSE_BREAKS.has(m[1].toLowerCase())) out.push(m.index);
  }
  return out;
}
