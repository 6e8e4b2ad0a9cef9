// Types of scripts/crosswalk.mjs, for the tests that import it.
export interface CrosswalkCode {
  id: string;
  category: string;
  label: string | Record<string, string>;
  relatesTo?: string[];
}
export interface CrosswalkCodebook {
  id: string;
  title: string | Record<string, string>;
  codes: CrosswalkCode[];
}
export declare const TARGET: string;
export declare const THEMES: string[];
export declare function readCrosswalkCodebooks(): CrosswalkCodebook[];
export declare function themesOf(code: CrosswalkCode): string[];
export declare function crosswalkMarkdown(codebooks: CrosswalkCodebook[]): string;
