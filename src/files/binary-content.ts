/** Signatures of binary files people try to load as text, with what to call them. */
const SIGNATURES: readonly { bytes: readonly number[]; kind: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "a ZIP archive (an .xlsx, .docx, .odt or .qdpx file is one)" },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: "an empty ZIP archive" },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: "a PDF document" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: "an old Microsoft Office file (.xls or .doc)" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], kind: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: "a GIF image" },
  { bytes: [0x1f, 0x8b], kind: "a gzip archive" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: "an RTF document" },
];

/** How much of a file is looked at for NUL bytes. */
const SNIFF = 8192;

/**
 * Tells whether bytes are a binary file rather than text, and which kind: the signature of a ZIP
 * archive (`.xlsx`, `.docx`, `.qdpx`), PDF, old Office file, image or gzip, or a NUL byte in the
 * first 8 KiB. Text in UTF-16 (which has NUL bytes) is recognised by its byte order mark and is
 * not called binary.
 *
 * @param bytes the file's content
 * @returns what the bytes look like (`"a PDF document"`), or `undefined` for text
 * @example
 * ```ts
 * binaryContent(new TextEncoder().encode("%PDF-1.7\n")); // "a PDF document"
 * binaryContent(new TextEncoder().encode("id;tekst\n")); // undefined
 * ```
 */
export function binaryContent(bytes: Uint8Array): string | undefined {
  for (const { bytes: signature, kind } of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return kind;
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const end = Math.min(bytes.length, SNIFF);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return "binary data (it has NUL bytes)";
  return undefined;
}
