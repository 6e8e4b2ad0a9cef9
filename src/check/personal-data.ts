/**
 * A small detector of personal data in note texts: e-mail addresses, phone numbers and Norwegian
 * national identity numbers (fødselsnummer, D-numbers and H-numbers, validated by their two check
 * digits so that an ordinary 11-digit number is not flagged). Pure; used by `checkDataset` to warn,
 * and by {@link redactPersonalData} to mask quotes.
 */

/** The kinds of personal data found. */
export const PERSONAL_DATA_KINDS = ["email", "phone", "national-id"] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** One piece of personal data in a text: its kind, offsets from 0 (`text.slice(start, end)`), the text. */
export interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}/gu;
const ELEVEN_DIGITS = /(?<![\p{N}])(\d{6})[ .-]?(\d{5})(?![\p{N}])/gu;
// Norwegian numbers: 8 digits, optionally +47/0047 first, written 12345678, 123 45 678 or 12 34 56 78.
// International: + and a country code, then 6-14 digits in groups.
const PHONE =
  /(?<![\p{N}\p{L}+])(?:(?:\+|00)47[ -]?)?(?:[2-9]\d{7}|[2-9]\d{2}[ -]\d{2}[ -]\d{3}|[2-9]\d[ -]\d{2}[ -]\d{2}[ -]\d{2})(?![\p{N}])|(?<![\p{N}\p{L}])\+(?!47)[1-9]\d{0,2}(?:[ -]?\d){6,14}(?![\p{N}])/gu;

/**
 * True when an 11-digit string is a valid Norwegian national identity number, D-number or
 * H-number: a possible birth date and two correct modulo-11 check digits.
 *
 * @param digits eleven digits
 * @returns whether it is a valid identity number
 * @example
 * ```ts
 * isNorwegianNationalId("01010112345"); // false (wrong check digits)
 * isNorwegianNationalId("15076500565"); // true
 * ```
 */
export function isNorwegianNationalId(digits: string): boolean {
  if (!/^\d{11}$/u.test(digits)) return false;
  const d = [...digits].map(Number);
  const k1w = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const k2w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const check = (weights: number[]) => {
    const sum = weights.reduce((acc, w, i) => acc + w * d[i]!, 0);
    const k = 11 - (sum % 11);
    return k === 11 ? 0 : k;
  };
  const k1 = check(k1w);
  if (k1 === 10 || k1 !== d[9]) return false;
  const k2 = check(k2w);
  if (k2 === 10 || k2 !== d[10]) return false;
  let day = d[0]! * 10 + d[1]!;
  let month = d[2]! * 10 + d[3]!;
  if (day > 40) day -= 40; // D-number
  if (month > 40) month -= 40; // H-number
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/**
 * Finds e-mail addresses, phone numbers and Norwegian national identity numbers in a text, in
 * order of their start; overlapping matches keep the first found (national ids before phones).
 *
 * @param text a note's text
 * @returns the matches, sorted by start
 * @example
 * ```ts
 * findPersonalData("Ring meg på 912 34 567 eller skriv til ola@example.no");
 * // [{ kind: "phone", start: 12, end: 22, text: "912 34 567" }, { kind: "email", start: 39, end: 53, text: "ola@example.no" }]
 * ```
 */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const overlaps = (start: number, end: number) => found.some((m) => start < m.end && end > m.start);
  const add = (kind: PersonalDataKind, m: RegExpExecArray) => {
    const start = m.index;
    const end = start + m[0].length;
    if (!overlaps(start, end)) found.push({ kind, start, end, text: m[0] });
  };
  for (const m of text.matchAll(EMAIL)) add("email", m);
  for (const m of text.matchAll(ELEVEN_DIGITS)) if (isNorwegianNationalId(`${m[1]}${m[2]}`)) add("national-id", m);
  for (const m of text.matchAll(PHONE)) add("phone", m);
  return found.sort((a, b) => a.start - b.start);
}

/** The visible placeholders used by {@link redactPersonalData}. */
export const PERSONAL_DATA_PLACEHOLDERS: Record<PersonalDataKind, string> = {
  email: "[e-post]",
  phone: "[telefon]",
  "national-id": "[fødselsnummer]",
};

/**
 * Replaces every piece of personal data that {@link findPersonalData} finds with a visible
 * placeholder (`[e-post]`, `[telefon]`, `[fødselsnummer]`).
 *
 * @param text the text to redact
 * @returns the text with personal data masked
 * @example
 * ```ts
 * redactPersonalData("Ring 912 34 567"); // "Ring [telefon]"
 * ```
 */
export function redactPersonalData(text: string): string {
  let out = "";
  let at = 0;
  for (const m of findPersonalData(text)) {
    out += text.slice(at, m.start) + PERSONAL_DATA_PLACEHOLDERS[m.kind];
    at = m.end;
  }
  return out + text.slice(at);
}
