// Unicode NFC for texts that are parsed after decoding. NFC maps U+037E GREEK QUESTION MARK to
// ";", a CSV delimiter: normalising a CSV file before parsing it would split the field that holds
// one. So a file's text is normalised with that character kept, and each field is normalised once
// parsed (see `nfcField`), which gives every field its NFC form without changing where fields are.

/** U+037E GREEK QUESTION MARK, whose NFC form is ";". */
const GREEK_QUESTION_MARK = "\u037E";

/**
 * A decoded file's text in NFC, except that U+037E stays as it is (its NFC form, ";", would be a
 * delimiter of its own in a CSV file). Normalising around it equals normalising the whole: it is
 * a starter that composes with nothing.
 *
 * @param text the decoded text
 * @returns the text in NFC but for U+037E
 * @example
 * ```ts
 * nfcKeepingDelimiters("a\u030A\u037E"); // "å\u037E"
 * ```
 */
export function nfcKeepingDelimiters(text: string): string {
  if (!text.includes(GREEK_QUESTION_MARK)) return text.normalize("NFC");
  return text
    .split(GREEK_QUESTION_MARK)
    .map((piece) => piece.normalize("NFC"))
    .join(GREEK_QUESTION_MARK);
}

/**
 * A field (or whole text whose structure no longer depends on ";") of a text normalised by
 * {@link nfcKeepingDelimiters}, in full NFC: U+037E becomes ";".
 *
 * @param field the parsed field
 * @returns the field in NFC
 * @example
 * ```ts
 * nfcField("Hva\u037E"); // "Hva;"
 * ```
 */
export function nfcField(field: string): string {
  return field.includes(GREEK_QUESTION_MARK) ? field.replaceAll(GREEK_QUESTION_MARK, ";") : field;
}
