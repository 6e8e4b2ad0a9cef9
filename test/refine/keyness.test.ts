import { describe, expect, it } from "vitest";
import { keyness, williamsQ } from "../../src/refine/keyness.ts";

// quanteda.textstats' own test table (tests/testthat/test-textstat_keyness.R): the dfm of
// d1 = "b b b b b b b a a a" and d2 = "a a a a a a a b b"; feature "a" with d1 as target:
// a = 3 (target with), b = 7 (reference with), c = 10 − 3 = 7, d = 9 − 7 = 2, N = 19.
// Expected counts: E_a = 10·10/19 = 5.2632, E_b = 10·9/19 = 4.7368, E_c = 9·10/19 = 4.7368,
// E_d = 9·9/19 = 4.2632. "a" is under-represented in the target (3 < 5.26): the sign is negative.
const QUANTEDA = { a: 3, b: 7, target: 10, reference: 9 };

describe("keyness() follows quanteda's textstat_keyness()", () => {
  it("G² without correction: 2 Σ O ln(O/E) = 4.534939 (quanteda's likelihood.test), signed negative", () => {
    // 2 (3 ln(3/5.2632) + 7 ln(7/4.7368) + 7 ln(7/4.7368) + 2 ln(2/4.2632))
    //   = 2 (−1.686357 + 2.733776 + 2.733776 − 1.513726) = 2 · 2.267470 = 4.534939
    expect(keyness(QUANTEDA, "lr", "none")).toBeCloseTo(-4.534939, 5);
  });

  it("Williams's q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1)/(6N) = 1.079533; G² / q = 4.200833", () => {
    // (19/10 + 19/9 − 1)² / (6 · 19) = 3.01111² / 114 = 9.06679 / 114 = 0.0795333
    expect(williamsQ(3, 7, 7, 2)).toBeCloseTo(1.0795332, 6);
    expect(keyness(QUANTEDA, "lr", "williams")).toBeCloseTo(-4.534939 / 1.0795332, 5);
    expect(keyness(QUANTEDA, "lr")).toBeCloseTo(-4.200833, 5); // kodebok's default correction
  });

  it("chi² without correction is Pearson's N(ad − bc)²/((a+b)(c+d)(a+c)(b+d)) = 19·43²/8100 = 4.337160", () => {
    expect(keyness(QUANTEDA, "chi2", "none")).toBeCloseTo(-4.33716, 5);
  });

  it("Yates (quanteda's default): |ad − bc| = 43 ≥ N/2 and E_b < 5, so χ² = 19 (43 − 9.5)²/8100 = 2.632438", () => {
    // R's chisq.test(correct = TRUE) gives the same 2.632438 for this table.
    expect(keyness(QUANTEDA, "chi2", "yates")).toBeCloseTo(-2.632438, 5);
    expect(keyness(QUANTEDA, "chi2", "default")).toBeCloseTo(-2.632438, 5);
  });

  it("Yates for G² moves each cell 0.5 towards independence (a 3.5, b 6.5, c 6.5, d 2.5), as quanteda's lr_lambda does", () => {
    // 2 (3.5 ln(3.5/5.2632) + 6.5 ln(6.5/4.7368) + 6.5 ln(6.5/4.7368) + 2.5 ln(2.5/4.2632)) = 2.702844
    expect(keyness(QUANTEDA, "lr", "default")).toBeCloseTo(-2.702844, 5);
  });

  it("chi² with Williams's correction divides by q: 4.33716 / 1.07953 = 4.017626, the value quanteda's test file expects", () => {
    expect(keyness(QUANTEDA, "chi2", "williams")).toBeCloseTo(-4.017626, 5);
  });

  it("a feature only in the target is positive; no variation gives 0", () => {
    // a = 3 of 4 target notes, b = 0 of 8: c = 1, d = 8, N = 12; E_a = 1, E_c = 3, E_d = 6:
    // 2 (3 ln 3 + 1 ln(1/3) + 8 ln(8/6)) = 2 (3.29584 − 1.09861 + 2.30146) = 8.997362; q = 1 (b = 0).
    expect(keyness({ a: 3, b: 0, target: 4, reference: 8 })).toBeCloseTo(8.997362, 5);
    expect(keyness({ a: 4, b: 8, target: 4, reference: 8 })).toBe(0);
    expect(keyness({ a: 0, b: 0, target: 4, reference: 8 })).toBe(0);
  });
});
