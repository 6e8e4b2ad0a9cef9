import type { Codebook } from "../codebook/codebook.ts";
import { localize } from "../codebook/label.ts";
import type { Polarity } from "../codings/coding.ts";
import type { CodedNote } from "../match/coded-note.ts";
import { crossTable, tiedQuote } from "./cross-table.ts";
import { chooseQuotesWhere, type QuoteOptions } from "./quotes.ts";
import type { DimensionCodeSummary, DimensionSummary, Tally } from "./summary.ts";

/** What {@link rollUpDimensions} needs from `rollUp`: quote options, and how it tallies notes. */
export interface DimensionRollUpOptions {
  /** Quotes per code of the dimension (as per theme). */
  quotes: QuoteOptions;
  /** Quotes per theme × code cell. */
  quotesPerCell: number;
  /** `rollUp`'s tally of a selection of notes, with a test for each polarity. */
  tally: (selected: readonly CodedNote[], has: (c: CodedNote, polarity: Polarity) => boolean) => Tally;
}

/**
 * Rolls up each further dimension of the codebook (the part of a report about the actors): per
 * code, the notes that name it (or have it as their default), the notes in which a theme tied to
 * it is helpful or a barrier, people and quotes; and the theme × code table ({@link crossTable}),
 * with quotes per cell. Codes and columns keep codebook order; codes no note names are left out
 * of the table's columns, not of the list. Pure and deterministic.
 *
 * @param coded the coded notes
 * @param codebook the codebook they were coded with
 * @param options quotes and the tally
 * @returns one summary per dimension, in codebook order (none for a codebook without dimensions)
 * @example
 * ```ts
 * rollUp(coded, codebook).dimensions?.[0]?.codes[0]; // { id: "nav", notes: 174, helpful: 60, barrier: 80, ... }
 * ```
 */
export function rollUpDimensions(coded: readonly CodedNote[], codebook: Codebook, options: DimensionRollUpOptions): DimensionSummary[] {
  const language = options.quotes.language;
  return (codebook.dimensions ?? []).map((dimension) => {
    const id = dimension.id;
    const names = (c: CodedNote, value: string): boolean =>
      (c.dimensions?.[id] ?? []).some((a) => a.code === value) || (c.attributions ?? []).some((a) => a.dimension === id && a.value === value);
    const codes: DimensionCodeSummary[] = dimension.codes.map((code) => {
      const selected = coded.filter((c) => names(c, code.id));
      return {
        id: code.id,
        label: localize(code.label, language),
        ...options.tally(selected, (c, p) => (c.attributions ?? []).some((a) => a.dimension === id && a.value === code.id && a.polarity === p)),
        quotes: chooseQuotesWhere(coded, code.id, (c) => tiedQuote(c, id, undefined, code.id), options.quotes),
      };
    });
    const table = crossTable(coded, codebook, id, {
      language,
      quotesPerCell: options.quotesPerCell,
      quoteLength: options.quotes.maxLength,
      redact: options.quotes.redact,
    });
    return {
      id,
      label: localize(dimension.label, language),
      notes: coded.filter((c) => (c.dimensions?.[id] ?? []).length > 0 || (c.attributions ?? []).some((a) => a.dimension === id)).length,
      codes,
      table,
    };
  });
}

