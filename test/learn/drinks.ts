// The tests' tiny codebook: two codes whose rules find nothing in the tests' notes ("kaffe", "te"),
// so whatever codes them was learned.
import type { CodebookInput } from "../../src/codebook/codebook.ts";

export const DRINKS: CodebookInput = {
  id: "drinks",
  title: "Drinker",
  version: "1.0.0",
  languages: ["nb"],
  categories: [{ id: "drink", label: "Drikke" }],
  codes: [
    { id: "coffee", category: "drink", label: "Kaffe", definition: "Kaffe", terms: { nb: ["espresso"] } },
    { id: "tea", category: "drink", label: "Te", definition: "Te", terms: { nb: ["rooibos"] } },
  ],
};
