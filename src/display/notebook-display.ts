/**
 * The hook Deno's Jupyter kernel uses to show a value: an object with a method under
 * `Symbol.for("Jupyter.display")` is shown as the MIME bundle the method returns (the kernel awaits
 * it). Every layer that returns a result a researcher looks at in a notebook (coded notes, a roll-up,
 * a comparison of codings) gives it that method here; what the method shows is built by
 * `report/notebook-outputs.ts`, loaded only when a notebook shows the value.
 *
 * @module
 */

/**
 * The symbol Deno's Jupyter kernel looks for: an object with a method under this key is shown
 * as the MIME bundle the method returns.
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A Jupyter MIME bundle: one rendering per MIME type; the front end shows the richest it knows. */
export interface MediaBundle {
  "text/plain"?: string;
  "text/html"?: string;
  "text/markdown"?: string;
  "image/svg+xml"?: string;
  "application/vnd.vegalite.v5+json"?: Record<string, unknown>;
  "application/json"?: unknown;
}

/** Something Deno's Jupyter kernel displays richly. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MediaBundle;
}

/** Something Deno's Jupyter kernel displays richly once the promise the method returns settles. */
export interface AsyncDisplayable {
  [JUPYTER_DISPLAY](): MediaBundle | Promise<MediaBundle>;
}

/**
 * Gives a value a Jupyter display method, as a non-enumerable symbol property: JSON, zod,
 * structured clone, spreading and equality checks do not see it, and the value's data is unchanged.
 *
 * @param value the object or array (changed in place)
 * @param display builds the MIME bundle when a notebook shows the value
 * @returns the same value
 * @example
 * ```ts
 * const shown = showInNotebook({ n: 3 }, () => ({ "text/plain": "three" }));
 * JSON.stringify(shown); // '{"n":3}'
 * ```
 */
export function showInNotebook<T extends object>(value: T, display: () => MediaBundle | Promise<MediaBundle>): T {
  Object.defineProperty(value, JUPYTER_DISPLAY, { value: display, enumerable: false, configurable: true, writable: true });
  return value;
}

/**
 * `Deno.jupyter.display` when running in Deno's Jupyter kernel, else undefined: with it, a display
 * method sends outputs of its own (a chart each) before the bundle it returns.
 *
 * @returns the kernel's display function, or undefined outside the kernel
 * @example
 * ```ts
 * kernelDisplay(); // undefined under Node and `deno run`
 * ```
 */
export function kernelDisplay(): ((bundle: MediaBundle, options: { raw: true }) => Promise<void>) | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: { display?: (bundle: MediaBundle, options: { raw: true }) => Promise<void> } } }).Deno;
  return deno?.jupyter?.display;
}
