// Places in a JSON text: where each value starts, by its path, found in one linear pass over the
// text (no second parse into a document tree, which for a 29 MB file took 20 s and 1.9 GB), and
// where a syntax error is, for the engines whose message names no position. Internal to src/notes.

/** A path into a JSON value: object keys and array indices. */
export type JsonPath = readonly (string | number)[];

/** Thrown by {@link scanJson} at the first character that is not JSON. */
export class JsonSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

const WS = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;

/**
 * Scans a JSON text once and calls `visit` with the path and offset of every value's first
 * character, as long as `wanted(depth)` says values at that depth matter (the path array is live:
 * copy it to keep it). Iterative, so any nesting depth is fine. Throws a {@link JsonSyntaxError}
 * at the first character that is not JSON.
 *
 * @param text the JSON text (without a byte order mark)
 * @param wanted whether values at a depth are visited (depth 0 is the top value)
 * @param visit called with the path and offset of each wanted value
 * @example
 * ```ts
 * const starts: number[] = [];
 * scanJson('[{"id":"1"},{"id":"2"}]', (d) => d === 1, (path, at) => starts.push(at)); // starts: [1, 12]
 * ```
 */
export function scanJson(text: string, wanted: (depth: number) => boolean, visit: (path: JsonPath, offset: number) => void): void {
  const path: (string | number)[] = [];
  // Per open container: true for an array.
  const arrays: boolean[] = [];
  let i = skip(text, 0);
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i, i >= text.length ? `Unexpected end of JSON input (${what})` : `Unexpected character ${JSON.stringify(text[i])} (${what})`);
  };
  // Reads one value (opening a container pushes it and returns).
  for (;;) {
    if (wanted(path.length)) visit(path, i);
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      const array = c === 0x5b;
      i = skip(text, i + 1);
      if (text.charCodeAt(i) === (array ? 0x5d : 0x7d)) {
        i = skip(text, i + 1);
      } else {
        arrays.push(array);
        if (array) path.push(0);
        else {
          path.push(key());
        }
        continue;
      }
    } else if (c === 0x22) i = skip(text, endOfString(i));
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) i = skip(text, endOfNumber(i));
    else if (text.startsWith("true", i)) i = skip(text, i + 4);
    else if (text.startsWith("false", i)) i = skip(text, i + 5);
    else if (text.startsWith("null", i)) i = skip(text, i + 4);
    else fail("a value was expected");
    // After a value: close containers, or go on to the next element.
    for (;;) {
      if (arrays.length === 0) {
        if (i < text.length) fail("the JSON text should have ended");
        return;
      }
      const array = arrays[arrays.length - 1]!;
      const c2 = text.charCodeAt(i);
      if (c2 === 0x2c) {
        i = skip(text, i + 1);
        if (array) path[path.length - 1] = (path[path.length - 1] as number) + 1;
        else path[path.length - 1] = key();
        break;
      }
      if (c2 === (array ? 0x5d : 0x7d)) {
        arrays.pop();
        path.pop();
        i = skip(text, i + 1);
        continue;
      }
      fail(array ? "a comma or ] was expected" : "a comma or } was expected");
    }
  }

  /** Reads `"key":` and the white space after it; returns the key. */
  function key(): string {
    if (text.charCodeAt(i) !== 0x22) fail("a property name in double quotes was expected");
    const end = endOfString(i);
    const raw = text.slice(i + 1, end - 1);
    const name = raw.includes("\\") ? (JSON.parse(text.slice(i, end)) as string) : raw;
    i = skip(text, end);
    if (text.charCodeAt(i) !== 0x3a) fail("a colon was expected");
    i = skip(text, i + 1);
    return name;
  }

  function endOfString(at: number): number {
    let k = at + 1;
    for (;;) {
      if (k >= text.length) {
        i = k;
        fail("a string is not closed");
      }
      const c = text.charCodeAt(k);
      if (c === 0x22) return k + 1;
      if (c === 0x5c) k += 2;
      else if (c < 0x20) {
        i = k;
        fail("a control character inside a string");
      } else k++;
    }
  }

  function endOfNumber(at: number): number {
    let k = at;
    while (k < text.length && /[-+.eE0-9]/u.test(text[k]!)) k++;
    if (!Number.isFinite(Number(text.slice(at, k)))) {
      i = at;
      fail("a number was expected");
    }
    return k;
  }
}

function skip(text: string, from: number): number {
  let k = from;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (c >= 128 || WS[c] !== 1) break;
    k++;
  }
  return k;
}

/**
 * Line and column (from 1) of offsets into a text, counting lines as an editor does (CRLF, LF, CR).
 *
 * @param text the text
 * @returns a function from an offset to its place
 * @example
 * ```ts
 * placesIn("a\nbc")(3); // { line: 2, column: 2 }
 * ```
 */
export function placesIn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) starts.push(k + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/**
 * The offsets of the values at the given paths (or, for a path that does not exist, of its
 * deepest existing ancestor), from one scan.
 *
 * @param text valid JSON
 * @param paths the paths wanted
 * @returns the offset for each path (undefined when not even the top value exists)
 * @example
 * ```ts
 * jsonOffsets('{"notes":[{"id":1}]}', [["notes", 0, "text"]]); // [10]: the note, as it has no text
 * ```
 */
export function jsonOffsets(text: string, paths: readonly JsonPath[]): (number | undefined)[] {
  const wanted = new Map<string, number | undefined>();
  const depths = new Set<number>();
  for (const path of paths) {
    for (let d = 0; d <= path.length; d++) {
      wanted.set(JSON.stringify(path.slice(0, d)), undefined);
      depths.add(d);
    }
  }
  scanJson(text, (d) => depths.has(d), (path, at) => {
    const key = JSON.stringify(path);
    if (wanted.has(key) && wanted.get(key) === undefined) wanted.set(key, at);
  });
  return paths.map((path) => {
    for (let d = path.length; d >= 0; d--) {
      const at = wanted.get(JSON.stringify(path.slice(0, d)));
      if (at !== undefined) return at;
    }
    return undefined;
  });
}
