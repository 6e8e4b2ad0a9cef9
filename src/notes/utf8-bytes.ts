import * as nodeBuffer from "node:buffer";
import { open } from "node:fs/promises";
import { nfcKeepingDelimiters } from "../text/nfc.ts";

/** Bytes read at a time when checking a file. */
const CHUNK = 1 << 20;

/**
 * UTF-8 bytes of a whole number of lines, in NFC but for U+037E (see `nfcKeepingDelimiters`): the
 * same bytes when nothing can change.
 * @param bytes UTF-8 text
 * @returns NFC UTF-8 text
 * @example
 * ```ts
 * new TextDecoder().decode(nfcBytes(new TextEncoder().encode("a\u030A\n"))); // "å\n"
 * ```
 */
export function nfcBytes(bytes: Uint8Array): Uint8Array {
  return mayChangeUnderNfc(bytes) ? Buffer.from(nfcKeepingDelimiters(new TextDecoder("utf-8").decode(bytes)), "utf8") : bytes;
}

/** True when some byte is >= 0xCC (a lead byte of U+0300 or above); tested four bytes at a time. */
function mayChangeUnderNfc(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let i = 0;
  const head = Math.min(length, (4 - (bytes.byteOffset & 3)) & 3);
  for (; i < head; i++) if (bytes[i]! >= 0xcc) return true;
  const words = (length - i) >>> 2;
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let w = 0; w < words; w++) {
      const word = view[w]!;
      // A byte is >= 0xCC when its top bit is set and its low seven bits are >= 0x4C, that is when
      // adding 0x34 to them reaches 0x80; the sums of the four bytes never carry into each other.
      if ((((word & 0x7f7f7f7f) + 0x34343434) & word & 0x80808080) !== 0) return true;
    }
    i += words * 4;
  }
  for (; i < length; i++) if (bytes[i]! >= 0xcc) return true;
  return false;
}

/** Drops a byte order mark (and a second one, as the whole-file loader does). */
export function withoutBom(bytes: Uint8Array): Uint8Array {
  let out = bytes;
  for (let k = 0; k < 2 && out[0] === 0xef && out[1] === 0xbb && out[2] === 0xbf; k++) out = out.subarray(3);
  return out;
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * True when the file is valid UTF-8 (checked in chunks, so a character may straddle two).
 * @param path the file
 * @returns whether every byte sequence is valid UTF-8
 * @example
 * ```ts
 * await isUtf8File("fixtures/bad/windows-1252.csv"); // false
 * ```
 */
export async function isUtf8File(path: string): Promise<boolean> {
  const check = (nodeBuffer as { isUtf8?: (b: Uint8Array) => boolean }).isUtf8;
  const fatal = new TextDecoder("utf-8", { fatal: true });
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(CHUNK + 4);
    let kept = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, kept, CHUNK, null);
      const end = kept + bytesRead;
      if (bytesRead === 0) {
        if (kept === 0) return true;
        return check ? check(buffer.subarray(0, kept)) : decodes(fatal, buffer.subarray(0, kept));
      }
      // Leave an incomplete character at the end for the next round.
      let cut = end;
      for (let back = 1; back <= 3 && end - back >= 0; back++) {
        const b = buffer[end - back]!;
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > back) cut = end - back;
        break;
      }
      const part = buffer.subarray(0, cut);
      if (!(check ? check(part) : decodes(fatal, part))) return false;
      kept = end - cut;
      buffer.copyWithin(0, cut, end);
    }
  } finally {
    await handle.close();
  }
}

function decodes(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
