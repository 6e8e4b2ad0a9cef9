import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { nfcKeepingDelimiters } from "../text/nfc.ts";

/** A file's bytes decoded, or why they cannot be: text with its warnings, or the error. */
export type DecodedText = { ok: true; text: string; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** Most invalid sequences reported one by one; the rest are counted in one more warning. */
const MAX_PLACES = 10;

/**
 * Decodes a file's bytes as text, by the evidence in them:
 * - a byte order mark decides: UTF-8 (`EF BB BF`), UTF-16 little-endian (`FF FE`) or big-endian
 *   (`FE FF`); UTF-32 is refused;
 * - without one, a file with NUL bytes or many control characters is binary and refused
 *   (`file-binary`): a spreadsheet, a ZIP, a PDF is not a notes file;
 * - valid UTF-8 is UTF-8. When some sequences are invalid but more are valid UTF-8 letters than
 *   invalid ones (one stray byte in a UTF-8 file), it stays UTF-8: each invalid byte becomes
 *   U+FFFD and is reported at its line and column (`encoding-invalid-utf8`). When the invalid
 *   sequences are as many as the valid ones or more (a file saved by Norwegian Excel or older
 *   Windows tools), it is read as Windows-1252 with a warning at the first of them.
 * The text is normalised to Unicode NFC so that "å" is always one character, except U+037E (whose
 * NFC form ";" would split a CSV field): the parsers normalise it per field (see `nfcField`).
 *
 * @param bytes the file's content
 * @param file the file name for the messages
 * @returns the text and its warnings, or the error
 * @example
 * ```ts
 * const decoded = decodeText(new Uint8Array([0x6b, 0xe5, 0x72]));
 * decoded.ok && decoded.text; // "kår" (Windows-1252 0xE5 is "å")
 * ```
 */
export function decodeText(bytes: Uint8Array, file?: string): DecodedText {
  const place = { file, source: "kodebok:notes" } as const;
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return { ok: false, diagnostics: [diagnostic({ ...place, code: "file-binary", severity: "error", reason: "Cannot read the file: it is UTF-32, which kodebok does not read", note: "Save it as UTF-8." })] };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    try {
      return { ok: true, text: nfcKeepingDelimiters(decodeStrict(encoding, bytes.subarray(2))), diagnostics: [] };
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return { ok: false, diagnostics: [diagnostic({ ...place, code: "file-binary", severity: "error", reason: `Cannot read the file: it starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}` })] };
    }
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const binary = binaryEvidence(body);
  if (binary !== undefined) {
    return {
      ok: false,
      diagnostics: [diagnostic({ ...place, code: "file-binary", severity: "error", reason: `Cannot read the file as text: ${binary}`, note: "A notes file is text (CSV, Markdown, JSON, a transcript); export a spreadsheet as CSV first." })],
    };
  }
  try {
    return { ok: true, text: nfcKeepingDelimiters(decodeStrict("utf-8", body)), diagnostics: [] };
  } catch (error) {
    // Only a decoding error means another encoding; anything else (a string too long for the
    // engine, memory) is not a question of encoding at all.
    if (!(error instanceof TypeError)) throw error;
  }
  const { valid, invalid } = scanUtf8(body);
  if (valid > invalid.length) {
    const text = nfcKeepingDelimiters(new TextDecoder("utf-8").decode(body));
    const diagnostics = invalid.slice(0, MAX_PLACES).map((at) =>
      diagnostic({
        ...place,
        code: "encoding-invalid-utf8",
        severity: "warning",
        reason: `Byte 0x${body[at]!.toString(16).toUpperCase().padStart(2, "0")} is not valid UTF-8; it was read as U+FFFD (\uFFFD)`,
        start: placeOfByte(body, at),
        note: "The rest of the file is UTF-8; correct or remove the byte.",
      }),
    );
    if (invalid.length > MAX_PLACES) {
      diagnostics.push(diagnostic({ ...place, code: "encoding-invalid-utf8", severity: "warning", reason: `${invalid.length - MAX_PLACES} more bytes are not valid UTF-8 and were read as U+FFFD` }));
    }
    return { ok: true, text, diagnostics };
  }
  const text = nfcKeepingDelimiters(new TextDecoder("windows-1252").decode(body));
  return {
    ok: true,
    text,
    diagnostics: [
      diagnostic({
        ...place,
        code: "encoding-windows-1252",
        severity: "warning",
        reason: `The file is not valid UTF-8 (${invalid.length} invalid ${invalid.length === 1 ? "sequence" : "sequences"}, ${valid} valid UTF-8 ${valid === 1 ? "letter" : "letters"}); it was read as Windows-1252`,
        start: placeOfByte(body, invalid[0] ?? 0, true),
        note: "Save the file as UTF-8 to silence this warning.",
        source: "kodebok:notes",
      }),
    ],
  };
}

function decodeStrict(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { fatal: true }).decode(bytes);
}

/**
 * Why the bytes are not text, or undefined: a NUL byte, or more than one byte in ten (of the
 * first 64 KiB) a control character other than tab, line feed, form feed and carriage return.
 */
function binaryEvidence(bytes: Uint8Array): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `it holds a NUL byte (at byte ${nul + 1}), so it is a binary file (or UTF-16 without a byte order mark)`;
  const head = bytes.subarray(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  if (head.length > 0 && control * 10 > head.length) return `${control} of its first ${head.length} bytes are control characters, so it is a binary file`;
  return undefined;
}

/** The valid multi-byte UTF-8 sequences (letters beyond ASCII) and the offsets of the invalid ones. */
function scanUtf8(bytes: Uint8Array): { valid: number; invalid: number[] } {
  let valid = 0;
  const invalid: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid.push(i);
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * Line and column (from 1) of a byte, counting lines as an editor does (CRLF, LF, CR) and columns
 * in characters: of UTF-8, or one a byte (`singleByte`, for Windows-1252).
 */
function placeOfByte(bytes: Uint8Array, at: number, singleByte = false): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    const b = bytes[i]!;
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // Characters before it on its line: bytes that do not continue a UTF-8 sequence.
  if (singleByte) return { line, column: at - lineStart + 1 };
  let column = 1;
  for (let i = lineStart; i < at; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}
