/** The languages a report's own words are written in. Nynorsk reports use the Bokmål words. */
export type ReportLanguage = "nb" | "en";

/** The fixed words of the reports, per language. */
export const REPORT_LABELS = {
  nb: {
    results: "resultater",
    notes: "Notater",
    coded: "kodet",
    uncodedShort: "uten kode",
    participants: "Deltakere",
    groups: "Grupper",
    seminars: "Seminarer",
    category: "Kategori",
    code: "Tema",
    share: "Andel",
    helpful: "Hjelpsomt",
    barrier: "Hindring",
    helpfulLower: "hjelpsomt",
    barrierLower: "hindring",
    categoriesAndThemes: "Kategorier og temaer",
    quotes: "Sitater",
    uncoded: "Notater uten kode",
    noUncoded: "Alle notater fikk minst én kode.",
    noQuotes: "Ingen sitater.",
    provenance: "Opphav",
    madeWith: "Laget med kodebok",
    codebook: "Kodebok",
    input: "Inndata",
    date: "Dato",
    themesPerCategory: "Temaer per kategori",
    themesPerCategoryDesc: "Antall notater per tema, delt i hjelpsomt og hindring.",
    themeBy: { seminar: "Tema per seminar", group: "Tema per gruppe", question: "Tema per spørsmål" } as Record<string, string>,
    themeByDesc: "Antall notater med temaet; fargen viser andelen av notatene i kolonnen.",
    byValue: { seminar: "Seminar", group: "Gruppe", question: "Spørsmål" } as Record<string, string>,
    cooccurrence: "Temaer som forekommer sammen",
    cooccurrenceDesc: "Antall notater med begge temaene; diagonalen er notater med temaet.",
    notesCount: "Antall notater",
    appendix: "Vedlegg: kodeboken",
    definition: "Definisjon",
    include: "Ta med",
    exclude: "Ta ikke med",
    examples: "Eksempler",
    terms: "Søkeord",
    barrierTerms: "Søkeord for hindring",
    table: "Tabell",
    tableOf: "Tabell over",
    group: "gruppe",
    participant: "deltaker",
    question: "spørsmål",
    redactionNote: "Navn, telefonnumre, e-postadresser og fødselsnumre i sitatene er erstattet med [navn], [telefon], [e-post] og [fødselsnummer].",
    redactionOff: "Sitatene er ikke anonymisert.",
  },
  en: {
    results: "results",
    notes: "Notes",
    coded: "coded",
    uncodedShort: "uncoded",
    participants: "Participants",
    groups: "Groups",
    seminars: "Seminars",
    category: "Category",
    code: "Theme",
    share: "Share",
    helpful: "Helpful",
    barrier: "Barrier",
    helpfulLower: "helpful",
    barrierLower: "barrier",
    categoriesAndThemes: "Categories and themes",
    quotes: "Quotes",
    uncoded: "Notes without a code",
    noUncoded: "Every note got at least one code.",
    noQuotes: "No quotes.",
    provenance: "Provenance",
    madeWith: "Made with kodebok",
    codebook: "Codebook",
    input: "Input",
    date: "Date",
    themesPerCategory: "Themes per category",
    themesPerCategoryDesc: "Notes per theme, split into helpful and barrier.",
    themeBy: { seminar: "Theme by seminar", group: "Theme by group", question: "Theme by question" } as Record<string, string>,
    themeByDesc: "Notes with the theme; the colour shows the share of the column's notes.",
    byValue: { seminar: "Seminar", group: "Group", question: "Question" } as Record<string, string>,
    cooccurrence: "Themes that occur together",
    cooccurrenceDesc: "Notes with both themes; the diagonal is notes with the theme.",
    notesCount: "Notes",
    appendix: "Appendix: the codebook",
    definition: "Definition",
    include: "Include",
    exclude: "Exclude",
    examples: "Examples",
    terms: "Terms",
    barrierTerms: "Barrier terms",
    table: "Table",
    tableOf: "Table of",
    group: "group",
    participant: "participant",
    question: "question",
    redactionNote: "Names, phone numbers, e-mail addresses and national identity numbers in the quotes are replaced by [name], [phone], [email] and [id-number].",
    redactionOff: "The quotes are not redacted.",
  },
} as const;

export type ReportLabels = (typeof REPORT_LABELS)[ReportLanguage];

/**
 * Formats a share (0..1) as a percentage with one decimal, the way the language writes it,
 * without locale libraries so the bytes are the same everywhere.
 *
 * @param share a number from 0 to 1
 * @param language `nb` ("42,9 %") or `en` ("42.9%")
 * @returns the formatted percentage
 * @example
 * ```ts
 * formatShare(3 / 7, "nb"); // "42,9 %"
 * formatShare(3 / 7, "en"); // "42.9%"
 * ```
 */
export function formatShare(share: number, language: ReportLanguage): string {
  const tenths = Math.round(share * 1000);
  const text = `${Math.trunc(tenths / 10)}${language === "nb" ? "," : "."}${Math.abs(tenths % 10)}`;
  return language === "nb" ? `${text} %` : `${text}%`;
}
