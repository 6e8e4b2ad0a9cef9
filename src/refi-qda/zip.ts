import { Inflate, zipSync } from "fflate";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Result } from "../diagnostics/result.ts";

const SOURCE = "kodebok:refi-qda";

/** Limits that keep a hostile archive from exhausting memory or escaping its folder. */
export interface ZipLimits {
  /**
   * Most entries in the archive's directory (default 1,000,000: a project exported with one
   * source per note has one entry per note; what is extracted is bounded by `maxTotalSize`).
   */
  maxEntries?: number;
  /** Most bytes extracted in total, counted while inflating (default 256 MiB). */
  maxTotalSize?: number;
  /** Highest uncompressed/compressed ratio of an entry larger than 1 MiB (default 200). */
  maxRatio?: number;
}

/** The default {@link ZipLimits}. */
export const DEFAULT_ZIP_LIMITS: Required<ZipLimits> = {
  maxEntries: 1_000_000,
  maxTotalSize: 256 * 1024 * 1024,
  maxRatio: 200,
};

const RATIO_FLOOR = 1024 * 1024;

let crcTable: Uint32Array | undefined;
function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Tells whether an archive entry name would escape the folder it is extracted to: a `..` part, a
 * leading `/` or `\`, a drive letter, or a NUL.
 *
 * @param name - the entry name as stored
 * @returns true when the name is unsafe
 * @example
 * ```ts
 * isUnsafeEntryName("sources/../../etc/passwd"); // true
 * isUnsafeEntryName("sources/a.txt"); // false
 * ```
 */
export function isUnsafeEntryName(name: string): boolean {
  return (
    name.startsWith("/") ||
    name.startsWith("\\") ||
    /^[a-zA-Z]:/.test(name) ||
    name.includes("\u0000") ||
    name.split(/[\\/]/).some((part) => part === "..")
  );
}

/**
 * Reads a ZIP archive (stored and deflated entries) safely: the entry count, the total extracted
 * size (counted while inflating, so a lying header does not help) and the compression ratio are
 * limited, entry names with `..`, a drive letter or a leading `/` reject the archive, encrypted and
 * ZIP64 archives are refused, and CRCs are checked. Only entries `want` accepts are extracted.
 *
 * @param bytes - the archive
 * @param options - limits, the file name for messages, and which entries to extract
 * @returns the extracted entries by name, or error diagnostics
 * @example
 * ```ts
 * const entries = readZipSafely(bytes, { want: (name) => name.endsWith(".qde") });
 * ```
 */
export function readZipSafely(
  bytes: Uint8Array,
  options: { file?: string; limits?: ZipLimits; want?: (name: string) => boolean } = {},
): Result<Map<string, Uint8Array>> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const fail = (code: Diagnostic["code"], reason: string, extra: { actual?: string; expected?: string } = {}): Result<Map<string, Uint8Array>> => ({
    ok: false,
    diagnostics: [diagnostic({ code, severity: "error", file: options.file, source: SOURCE, reason: `Cannot read REFI-QDA archive: ${reason}`, ...extra })],
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // End of central directory: the last 0x06054b50 within the final 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return fail("zip-invalid", "it is not a ZIP archive (no end of central directory)");
  const count = u16(eocd + 10);
  const cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return fail("zip-invalid", "ZIP64 archives are not supported");
  if (count > limits.maxEntries) {
    return fail("zip-too-many-entries", `it has ${count} entries, more than the limit of ${limits.maxEntries}`,
      { actual: String(count), expected: `<= ${limits.maxEntries}` });
  }
  const decoder = new TextDecoder("utf-8");
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return fail("zip-invalid", "its central directory is damaged");
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressed = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (isUnsafeEntryName(name)) {
      return fail("zip-unsafe-path", `entry "${name}" escapes the archive (a ".." part or an absolute path)`, { actual: name });
    }
    if (name.endsWith("/") || !(options.want?.(name) ?? true)) continue;
    // Two entries of one name: which one a reader takes differs between tools.
    if (entries.has(name)) return fail("zip-duplicate-entry", `it has two entries named "${name}"`, { actual: name });
    if (flags & 1) return fail("zip-invalid", `entry "${name}" is encrypted`);
    if (method !== 0 && method !== 8) return fail("zip-invalid", `entry "${name}" uses compression method ${method} (only stored and deflated entries are read)`);
    if (size > RATIO_FLOOR && size / Math.max(1, compressed) > limits.maxRatio) {
      return fail("zip-ratio", `entry "${name}" would expand ${Math.round(size / Math.max(1, compressed))} times (limit ${limits.maxRatio})`,
        { actual: `${size} bytes from ${compressed}` });
    }
    if (total + size > limits.maxTotalSize) {
      return fail("zip-too-large", `its entries expand to more than ${limits.maxTotalSize} bytes`, { expected: `<= ${limits.maxTotalSize} bytes` });
    }
    if (local + 30 > bytes.length || u32(local) !== 0x04034b50) return fail("zip-invalid", `the local header of "${name}" is damaged`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + compressed > bytes.length) return fail("zip-invalid", `entry "${name}" is cut off`);
    const raw = bytes.subarray(start, start + compressed);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else {
      // Inflate in small slices and count: stops a header that lies about the size.
      const chunks: Uint8Array[] = [];
      let produced = 0;
      let over = false;
      const inflate = new Inflate((chunk) => {
        produced += chunk.length;
        if (produced > size || total + produced > limits.maxTotalSize) over = true;
        else chunks.push(chunk);
      });
      try {
        for (let i = 0; i < raw.length && !over; i += 4096) inflate.push(raw.subarray(i, i + 4096), i + 4096 >= raw.length);
      } catch (error) {
        return fail("zip-invalid", `entry "${name}" cannot be inflated: ${(error as Error).message}`);
      }
      if (over) {
        return fail(total + produced > limits.maxTotalSize ? "zip-too-large" : "zip-ratio",
          `entry "${name}" expands beyond its declared size of ${size} bytes`, { actual: `more than ${size} bytes` });
      }
      data = new Uint8Array(produced);
      let o = 0;
      for (const c of chunks) {
        data.set(c, o);
        o += c.length;
      }
    }
    if (data.length !== size || crc32(data) !== crc) return fail("zip-invalid", `entry "${name}" fails its size or CRC check`);
    total += data.length;
    entries.set(name, data);
  }
  return { ok: true, value: entries, diagnostics: [] };
}

/**
 * Writes a deterministic ZIP archive: entries in the given order, deflated at level 6, with a fixed
 * modification time (1980-01-01 00:00 in every time zone), so the same input gives the same bytes.
 *
 * @param files - entry name → content, in the order written
 * @returns the archive bytes
 * @example
 * ```ts
 * const zip = writeZipDeterministic([["project.qde", new TextEncoder().encode("<Project/>")]]);
 * ```
 */
export function writeZipDeterministic(files: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  // fflate reads the DOS time with local-time getters: a local-time Date gives the same fields everywhere.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const input: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
  for (const [name, data] of files) input[name] = [data, { level: 6, mtime }];
  return zipSync(input);
}
