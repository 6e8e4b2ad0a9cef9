import type { Codebook, Dimension, LocalizedText } from "./codebook.ts";

/** The id of the primary dimension when the codebook does not name it. */
export const PRIMARY_DIMENSION_ID = "themes";

/** The label of the primary dimension when the codebook does not name it. */
export const PRIMARY_DIMENSION_LABEL: LocalizedText = { nb: "Temaer", nn: "Tema", en: "Themes" };

/** One dimension of a codebook as the rest of kodebok sees it: its id, label and code ids. */
export interface DimensionInfo {
  id: string;
  label: LocalizedText;
  /** True for the codebook's own `categories` and `codes` (the themes). */
  primary: boolean;
  /** The ids of its codes, in codebook order. */
  codes: string[];
}

/**
 * The dimensions of a codebook, the primary one (its `codes`) first, then `dimensions` in order.
 * A codebook without `dimensions` has one.
 *
 * @param codebook the codebook
 * @returns id, label, whether primary, and code ids of each dimension
 * @example
 * ```ts
 * codebookDimensions(await loadCodebook("natland-2021")).map((d) => d.id); // ["themes", "actors"]
 * ```
 */
export function codebookDimensions(codebook: Pick<Codebook, "codes" | "primaryDimension" | "dimensions">): DimensionInfo[] {
  return [
    {
      id: codebook.primaryDimension?.id ?? PRIMARY_DIMENSION_ID,
      label: codebook.primaryDimension?.label ?? PRIMARY_DIMENSION_LABEL,
      primary: true,
      codes: codebook.codes.map((c) => c.id),
    },
    ...(codebook.dimensions ?? []).map((d) => ({ id: d.id, label: d.label, primary: false, codes: d.codes.map((c) => c.id) })),
  ];
}

/**
 * Finds a further dimension by its id, or by the singular a researcher would write for one of its
 * codes (`actor` for `actors`: the id without a final `s`).
 *
 * @param dimensions the dimension ids (or anything with an `id`)
 * @param name what was asked for: `actors` or `actor`
 * @returns the matching id, or `undefined`
 * @example
 * ```ts
 * resolveDimension(["themes", "actors"], "actor"); // "actors"
 * ```
 */
export function resolveDimension(dimensions: Iterable<string>, name: string): string | undefined {
  const ids = [...dimensions];
  return ids.find((id) => id === name) ?? ids.find((id) => id === `${name}s` || id === `${name}es`);
}

/**
 * The dimension of each code id: the primary dimension's id for its codes, a further dimension's
 * id for its own. A code in two dimensions (an error `checkCodebook` reports) keeps the first.
 *
 * @param codebook the codebook
 * @returns code id → dimension id
 * @example
 * ```ts
 * dimensionOfCode(await loadCodebook("natland-2021")).get("nav"); // "actors"
 * ```
 */
export function dimensionOfCode(codebook: Pick<Codebook, "codes" | "primaryDimension" | "dimensions">): Map<string, string> {
  const out = new Map<string, string>();
  for (const dimension of codebookDimensions(codebook)) for (const code of dimension.codes) if (!out.has(code)) out.set(code, dimension.id);
  return out;
}

/**
 * The codebook a further dimension is matched with: the dimension's codes (each in a category
 * named after the dimension), the codebook's languages and frames, its polarity cues only when the
 * dimension has a polarity, and not the codebook's default `notAbout`. Matching a dimension is matching this codebook: nothing in the
 * matching engine knows about dimensions.
 *
 * @param codebook the codebook
 * @param dimension one of its `dimensions`
 * @returns a codebook without dimensions
 * @example
 * ```ts
 * const actors = dimensionCodebook(codebook, codebook.dimensions![0]!);
 * actors.codes.map((c) => c.id); // ["nav", "gp", ...]
 * ```
 */
export function dimensionCodebook(codebook: Codebook, dimension: Dimension): Codebook {
  // The themes' default `notAbout` (research, questions, ...) is theirs: an actor named in an
  // interviewer's question or a report sentence is still named. A dimension's own codes and rules
  // may name frames in `about`/`notAbout`; the frames themselves are kept.
  const { dimensions: _dimensions, primaryDimension: _primary, extends: _extends, notAbout: _notAbout, ...rest } = codebook;
  // Only the frames the dimension's codes and rules name: the others would only cost time.
  const named = new Set(
    dimension.codes.flatMap((c) => [...(c.about ?? []), ...(c.notAbout ?? []), ...c.rules.flatMap((r) => [...(r.about ?? []), ...(r.notAbout ?? [])])]),
  );
  const needed = new Set<string>();
  const add = (id: string): void => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const other of codebook.frames.find((f) => f.id === id)?.unless ?? []) add(other);
  };
  for (const id of named) add(id);
  return {
    ...rest,
    frames: codebook.frames.filter((f) => needed.has(f.id)),
    id: `${codebook.id}.${dimension.id}`,
    title: dimension.label,
    categories: [{ id: dimension.id, label: dimension.label }],
    codes: dimension.codes.map((code) => ({ ...code, category: dimension.id })),
    polarity: dimension.polarity ? codebook.polarity : {},
    overlap: "within-code",
  };
}
