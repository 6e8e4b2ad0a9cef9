import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";

/**
 * Decodes a file's bytes as text: UTF-8 with or without a byte order mark, or, when the bytes are
 * not valid UTF-8, Windows-1252 (what Norwegian Excel and older Windows tools write) with a
 * warning. The text is normalised to Unicode NFC so that "å" is always one character.
 *
 * @param bytes the file's content
 * @param file the file name for the warning
 * @returns the text and any warning
 * @example
 * ```ts
 * decodeText(new Uint8Array([0x6b, 0xe5, 0x72])).text; // "kår" (Windows-1252 0xE5 is "å")
 * ```
 */
export function decodeText(bytes: Uint8Array, file?: string): { text: string; diagnostics: Diagnostic[] } {
  let body = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body).normalize("NFC"), diagnostics: [] };
  } catch {
    const text = new TextDecoder("windows-1252").decode(body).normalize("NFC");
    const at = firstInvalidUtf8(body);
    const before = new TextDecoder("windows-1252").decode(body.subarray(0, at));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return {
      text,
      diagnostics: [
        diagnostic({
          code: "encoding-windows-1252",
          severity: "warning",
          reason: "The file is not valid UTF-8; it was read as Windows-1252",
          file,
          start: { line, column },
          note: "Save the file as UTF-8 to silence this warning.",
          source: "kodebok:notes",
        }),
      ],
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}
