// Work counted in steps, not seconds: a matcher whose rule list and phrase word lists count the
// look-ups the coding makes into them. Every loop of the matcher over matches, conditions, cues
// and phrase positions reads one of them, so the count grows with the work done.
import { compileCodebook, type Matcher } from "../../src/match/compile.ts";
import type { Codebook } from "../../src/codebook/codebook.ts";

/** A counter and a fresh matcher of the codebook whose `rules[i]` and `entry.words[i]` look-ups add to it. */
export function countingMatcher(codebook: Codebook): { matcher: Matcher; steps: () => number } {
  let steps = 0;
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        if (typeof key === "string" && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) steps++;
        return Reflect.get(t, key, receiver);
      },
    });
  const matcher = compileCodebook(codebook);
  for (const entry of matcher.entries) entry.words = counting(entry.words);
  return { matcher: { ...matcher, rules: counting(matcher.rules) }, steps: () => steps };
}

/** The steps of `run` per unit of input as the input grows: each size's steps divided by the first size's, over the size ratio. */
export function growth(sizes: readonly number[], run: (size: number) => number): number[] {
  const steps = sizes.map(run);
  return sizes.map((size, i) => steps[i]! / steps[0]! / (size / sizes[0]!));
}
