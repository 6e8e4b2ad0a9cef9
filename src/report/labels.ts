/** The languages a report's own words are written in. Nynorsk reports use the Bokmål words. */
export type ReportLanguage = "nb" | "en";

/** The fixed words of the reports, per language. */
export const REPORT_LABELS = {
  nb: {
    results: "resultater",
    /** Counted words, singular and plural: "1 seminar", "2 seminarer" (see {@link countOf}). */
    counted: {
      notes: ["notat", "notater"],
      participants: ["deltaker", "deltakere"],
      groups: ["gruppe", "grupper"],
      seminars: ["seminar", "seminarer"],
    },
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
    themeByTableNote: "Antall notater med temaet, og i parentes andelen av notatene i kolonnen; kolonnens antall notater står i overskriften.",
    shareNote: "Andel: andelen av alle notatene (med og uten kode) som har temaet. Et notat kan ha flere temaer.",
    byValue: { seminar: "Seminar", group: "Gruppe", question: "Spørsmål" } as Record<string, string>,
    cooccurrence: "Temaer som forekommer sammen",
    cooccurrenceDesc: "Antall notater med begge temaene; diagonalen er notater med temaet.",
    notesCount: "Antall notater",
    appendix: "Vedlegg: kodeboken",
    appendixShortNote: "Hvert tema med definisjon og eksempler. Hele kodeboken, med hva som tas med og ikke, alle eksempler og søkeordene, står i kodebokfilen ({id}) og i rapporten med hele vedlegget (kodebok code --appendix full, eller appendix: \"full\").",
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
    learned: "Modell",
    learnedNote: "Kolonnen «Modell» teller notatene som bare en lært modell (ikke kodebokens regler) ga temaet; sitatene deres er merket med modellens sannsynlighet.",
    learnedQuote: "modell",
    model: "modell",
    none: "(ingen)",
    namedIn: "nevnt i",
    of: "av",
    tiedRule: "Et tema knyttes til den nærmeste i samme setning (eller notatets eneste, eller en standard fra dataene).",
    crossCells: "Tall: notater (hjelpsomt / hindring).",
    crossDesc: "Antall notater der temaet i kolonnen er knyttet til raden; fargen viser balansen mellom hjelpsomt (blått) og hindring (oransje).",
    balance: "Balanse",
    noThemesTied: "Ingen temaer knyttet hit.",
  },
  en: {
    results: "results",
    counted: {
      notes: ["note", "notes"],
      participants: ["participant", "participants"],
      groups: ["group", "groups"],
      seminars: ["seminar", "seminars"],
    },
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
    themeByTableNote: "Notes with the theme, and in brackets the share of the column's notes; the column's number of notes is in its heading.",
    shareNote: "Share: the share of all notes (with or without a code) that have the theme. A note can have several themes.",
    byValue: { seminar: "Seminar", group: "Group", question: "Question" } as Record<string, string>,
    cooccurrence: "Themes that occur together",
    cooccurrenceDesc: "Notes with both themes; the diagonal is notes with the theme.",
    notesCount: "Notes",
    appendix: "Appendix: the codebook",
    appendixShortNote: "Each theme with its definition and examples. The whole codebook, with what to include and exclude, every example and the search terms, is in the codebook file ({id}) and in the report with the full appendix (kodebok code --appendix full, or appendix: \"full\").",
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
    learned: "Model",
    learnedNote: "The column “Model” counts the notes only a learned model (not the codebook's rules) gave the theme; their quotes are marked with the model's probability.",
    learnedQuote: "model",
    model: "model",
    none: "(none)",
    namedIn: "named in",
    of: "of",
    tiedRule: "A theme is tied to the nearest one in its sentence (or the note's only one, or a default from the data).",
    crossCells: "Figures: notes (helpful / barrier).",
    crossDesc: "Notes in which the column's theme is tied to the row; the colour shows the balance of helpful (blue) and barrier (orange).",
    balance: "Balance",
    noThemesTied: "No themes tied here.",
  },
} as const;

export type ReportLabels = (typeof REPORT_LABELS)[ReportLanguage];

/**
 * A count with its word in singular or plural: "1 seminar", "2 seminarer", "0 notes".
 *
 * @param n the count
 * @param word the word's singular and plural
 * @returns the count and the word
 * @example
 * ```ts
 * countOf(1, REPORT_LABELS.nb.counted.seminars); // "1 seminar"
 * countOf(2, REPORT_LABELS.nb.counted.seminars); // "2 seminarer"
 * ```
 */
export function countOf(n: number, word: readonly [string, string]): string {
  return `${n} ${n === 1 ? word[0] : word[1]}`;
}

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
