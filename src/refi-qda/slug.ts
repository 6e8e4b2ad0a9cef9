const FOLD: Record<string, string> = { æ: "ae", ø: "o", å: "a", ä: "a", ö: "o", ü: "u", ß: "ss", þ: "th", ð: "d", ł: "l", đ: "d" };

/**
 * Makes a kodebok id (`/^[a-z][a-z0-9_-]*$/`) from a name: lower case, æ → ae, ø → o, å → a,
 * other accents dropped, runs of other characters → `-`; a name that starts with a digit or has no
 * letters gets a prefix.
 *
 * @param name - the name to turn into an id
 * @param prefix - the prefix for names that do not start with a letter (default `code`)
 * @returns the slug
 * @example
 * ```ts
 * slugify("Saksbehandlingstid og tålmodighet"); // "saksbehandlingstid-og-talmodighet"
 * slugify("Ærlighet"); // "aerlighet"
 * ```
 */
export function slugify(name: string, prefix = "code"): string {
  const folded = Array.from(name.toLowerCase().normalize("NFC"), (c) => FOLD[c] ?? c).join("");
  const ascii = folded.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  let slug = ascii.replace(/[^a-z0-9_]+/g, "-").replace(/^-+|-+$/g, "").replace(/-{2,}/g, "-");
  if (slug.length > 60) slug = slug.slice(0, 60).replace(/-+$/, "");
  if (slug === "") return prefix;
  return /^[a-z]/.test(slug) ? slug : `${prefix}-${slug}`;
}

/**
 * Hands out unique ids: the first request for a slug gets it, later ones get `-2`, `-3`, ...
 *
 * @returns a function from a wanted id to a unique id
 * @example
 * ```ts
 * const unique = uniqueIds();
 * unique("tid"); // "tid"
 * unique("tid"); // "tid-2"
 * ```
 */
export function uniqueIds(taken: Iterable<string> = []): (wanted: string) => string {
  const used = new Set(taken);
  return (wanted) => {
    let id = wanted;
    for (let n = 2; used.has(id); n++) id = `${wanted}-${n}`;
    used.add(id);
    return id;
  };
}
