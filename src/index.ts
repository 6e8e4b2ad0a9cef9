// kodebok's public API. Everything exported here is public; every other module is internal.

// diagnostics
export { DIAGNOSTIC_CODES, type DiagnosticCode } from "./diagnostics/codes.ts";
export {
  DiagnosticSchema,
  PlaceSchema,
  diagnostic,
  formatDiagnostic,
  hasErrors,
  type Diagnostic,
  type DiagnosticInput,
  type Place,
} from "./diagnostics/diagnostic.ts";
export { KodebokError, toResult, unwrap, type Result } from "./diagnostics/result.ts";

// text
export { GivenLanguageSchema, LANGUAGES, LANGUAGE_OPTIONS, LanguageOptionSchema, type LanguageOptionInput, LanguageSchema, codingLanguage, type Language, type LanguageOption } from "./text/language.ts";

// notes and codings
export { NOTE_SOURCES, NoteOriginSchema, NoteSchema, type Note, type NoteInput, type NoteOrigin } from "./notes/note.ts";
export { CodingSchema, PolaritySchema, type Coding, type Polarity } from "./codings/coding.ts";

// codebook
export {
  CategorySchema,
  CodeSchema,
  CodebookSchema,
  CueSetSchema,
  NegationCueSetSchema,
  PolarityRulesSchema,
  SentenceCueSetSchema,
  DimensionCodeSchema,
  DimensionSchema,
  ExampleSchema,
  FrameListSchema,
  FrameSchema,
  IdSchema,
  LocalizedTextSchema,
  MatchTypeSchema,
  PrimaryDimensionSchema,
  ProximitySchema,
  RuleSchema,
  TermListSchema,
  type Category,
  type Code,
  type Codebook,
  type CodebookInput,
  type CueSet,
  type NegationCueSet,
  type PolarityRules,
  type SentenceCueSet,
  type Dimension,
  type DimensionCode,
  type Example,
  type Frame,
  type LocalizedText,
  type MatchType,
  type PrimaryDimension,
  type Proximity,
  type Rule,
  type TermList,
} from "./codebook/codebook.ts";

// coding
export {
  AttributionBasisSchema,
  AttributionSchema,
  CodeApplicationSchema,
  CodedNoteSchema,
  DimensionApplicationSchema,
  DimensionEvidenceSchema,
  EvidenceSchema,
  type Attribution,
  type AttributionBasis,
  type CodeApplication,
  type CodedNote,
  type DimensionApplication,
  type DimensionEvidence,
  type Evidence,
} from "./match/coded-note.ts";

// roll-up
export {
  CategorySummarySchema,
  CodeSummarySchema,
  CrossCellSchema,
  CrossTableSchema,
  DimensionCodeSummarySchema,
  DimensionSummarySchema,
  QuoteSchema,
  SummarySchema,
  TallySchema,
  type CategorySummary,
  type CodeSummary,
  type CrossCell,
  type CrossTable,
  type DimensionCodeSummary,
  type DimensionSummary,
  type Quote,
  type Summary,
  type Tally,
} from "./rollup/summary.ts";

// codebook loading and checking
export { parseCodebook, type ParseCodebookOptions } from "./codebook/parse.ts";
export { checkCodebook, type CodebookProblem } from "./codebook/check.ts";
export {
  BUNDLED_CODEBOOKS_DIR,
  listBundledCodebooks,
  loadCodebook,
  mergeCodebooks,
  readCodebook,
  type BundledCodebook,
  type ReadCodebookOptions,
} from "./codebook/load.ts";
export { canonicalJson, codebookHash } from "./codebook/hash.ts";
export { localize } from "./codebook/label.ts";
export {
  PRIMARY_DIMENSION_ID,
  PRIMARY_DIMENSION_LABEL,
  codebookDimensions,
  dimensionCodebook,
  dimensionOfCode,
  resolveDimension,
  type DimensionInfo,
} from "./codebook/dimensions.ts";

// text
export { foldWord, forEachWord, tokenize, type Token } from "./text/tokenize.ts";
export { ABBREVIATIONS, sentences, type SentenceSpan } from "./text/sentences.ts";
export { LANGUAGE_MARKERS, detectLanguage, type DetectedLanguage } from "./text/detect-language.ts";
export { stem } from "./text/stem.ts";

// matching
export { parseTerm, type ParsedTerm, type WordPattern } from "./match/term.ts";
export { compileCodebook, expandRules, type CompiledRule, type DimensionMatcher, type Matcher, type TermEntry } from "./match/compile.ts";
export { CLAUSE_BREAKS, attributeMentions, type DefaultValue } from "./match/attribute.ts";
export { codeNote } from "./match/code-note.ts";
export { codeNotes, codeNotesStream } from "./match/code-notes.ts";
export { CodeNotesOptionsSchema, type CodeNotesOptions } from "./match/coding-options.ts";

// validity: cross-validation folds
export { defaultFoldGroup, splitFolds, type FoldGroup, type Folds, type SplitFoldsOptions } from "./validity/folds.ts";

// refine: improve a codebook on a hand-coded sample
export { refineCodebook, type RefineInput } from "./refine/refine-codebook.ts";
export { RefineOptionsSchema, parseRefineOptions, type RefineOptions, type RefineOptionsInput } from "./refine/refine-options.ts";
export {
  KeynessCorrectionSchema,
  KeynessMeasureSchema,
  keyness,
  williamsQ,
  type KeynessCorrection,
  type KeynessMeasure,
  type KeynessTable,
} from "./refine/keyness.ts";
export { applyChange, applyChanges, explicitRules, type RefineChange } from "./refine/codebook-patch.ts";
export { binaryKappa, codeFigures, type CodeFigures } from "./refine/code-figures.ts";
export type { FeatureKind } from "./refine/candidate-features.ts";
export { refineBlocks, type RefineBlock, type RefineReportOptions } from "./report/refine-blocks.ts";
export { refineReportToHtml, refineReportToJson, refineReportToMarkdown, refineReportToText } from "./report/refine-render.ts";
export type { RuleFigures, TermFigures } from "./refine/rule-figures.ts";
export type {
  CandidateExclusion,
  CandidateTerm,
  CodeRefinement,
  FalsePositive,
  MeanKappa,
  NoteRef,
  ProposedChange,
  RefineFold,
  RefineReport,
} from "./refine/refine-report.ts";

// roll-up
export { RollUpOptionsSchema, rollUp, type RedactFunction, type RollUpOptions } from "./rollup/roll-up.ts";
export { attribution, chooseQuotes, chooseQuotesWhere, shorten, themeQuote, type QuoteCandidate, type QuoteOptions } from "./rollup/quotes.ts";
export { crossTable, tiedQuote, type CrossTableOptions } from "./rollup/cross-table.ts";
export { rollUpDimensions, type DimensionRollUpOptions } from "./rollup/roll-up-dimensions.ts";

// notes
export { loadNotes, readNotes, type NotesSource } from "./notes/read-notes.ts";
export { parseNotes, type NotesOptions } from "./notes/parse.ts";
export {
  CsvNotesOptionsSchema,
  JsonNotesOptionsSchema,
  MarkdownNotesOptionsSchema,
  NoteFieldSchema,
  NotesOptionsSchema,
  SpreadsheetNotesOptionsSchema,
  TranscriptOptionsSchema,
} from "./notes/notes-options.ts";
export {
  NOTES_FILE_TYPES,
  NotesFormatSchema,
  detectNotesFormat,
  fileExtension,
  notesFileType,
  type NotesFileType,
  type NotesFormat,
} from "./notes/formats.ts";
export { detectDelimiter, parseNotesCsv, type CsvNotesOptions } from "./notes/csv.ts";
export { parseNotesMarkdown, type MarkdownNotesOptions } from "./notes/markdown.ts";
export { DEFAULT_INTERVIEWERS, looksLikeTranscript, parseTranscript, type TranscriptOptions } from "./notes/transcript.ts";
export { NotesFileSchema, parseNotesJson, parseNotesJsonl } from "./notes/json.ts";
export { cellText, columnLetters, parseNotesXlsx, type SpreadsheetNotesOptions } from "./notes/spreadsheet.ts";
export { parseNotesDocx, readWordParagraphs, type WordNotesOptions, type WordParagraph } from "./notes/word.ts";
export { decodeText } from "./notes/decode.ts";
export { COLUMN_ALIASES, fieldForHeader, normaliseHeader, parseLanguageCell, type NoteField } from "./notes/columns.ts";
export { checkNotes, type LoadedNotes } from "./notes/loaded-notes.ts";

// reports (markdown, html, csv/json, charts, matrices, redaction, notebook display)
export {
  REDACTION_TOKENS,
  findRedactions,
  nationalIdKind,
  redact,
  redactor,
  type Redaction,
  type RedactionKind,
  type RedactOptions,
} from "./rollup/redact.ts";
export {
  CodeMatrixSchema,
  MISSING_VALUE,
  MatrixCellSchema,
  attributeOf,
  codeMatrix,
  qualifiesBySeminar,
  type CodeMatrix,
  type CodeMatrixOptions,
  type MatrixBy,
  type MatrixCell,
} from "./rollup/code-matrix.ts";
export {
  CooccurrencePairSchema,
  CooccurrenceSchema,
  cooccurrence,
  type Cooccurrence,
  type CooccurrencePair,
} from "./rollup/cooccurrence.ts";
export { REPORT_LABELS, formatShare, type ReportLanguage } from "./report/labels.ts";
export { KODEBOK_VERSION, reportRedactor, type ReportOptions } from "./report/report-options.ts";
export { toMarkdown } from "./report/markdown.ts";
export { DIMENSION_CHART_PREFIX, MATRIX_ATTRIBUTES, escapeHtml, reportCharts, toHtml, type AppendixMode, type HtmlOptions, type ReportChart } from "./report/html.ts";
export { reportMatrices, type ReportMatrices } from "./report/report-matrices.ts";
export {
  cellFigure,
  crossLabel,
  crossTableHtml,
  crossTableMarkdown,
  dimensionsHtml,
  dimensionsMarkdown,
  quotesHtml,
  type QuoteWriting,
} from "./report/dimension-sections.ts";
export {
  CROSS_JSON_SCHEMA,
  CrossJsonSchema,
  crossTableToCsv,
  crossTableToHtml,
  crossTableToJson,
  crossTableToMarkdown,
  type CrossJson,
  type CrossReportOptions,
} from "./report/cross-report.ts";
export {
  POLARITY_COLORS,
  categoryChartSpec,
  cooccurrenceChartSpec,
  crossChartSpec,
  matrixChartSpec,
  renderSvg,
  type VegaLiteSpec,
} from "./report/charts.ts";
export {
  CodedRowSchema,
  CrossRowSchema,
  SummaryRowSchema,
  codedRows,
  crossRows,
  dimensionKeys,
  summaryRows,
  type CodedRow,
  type CrossRow,
  type SummaryRow,
} from "./report/tidy.ts";
export { cellsCsv, toCsv, type CsvOptions } from "./report/csv.ts";
export { crossTableToXlsx, toXlsx, XLSX_SHEETS, type XlsxOptions } from "./report/xlsx.ts";
export {
  CODED_JSON_SCHEMA,
  CodedJsonSchema,
  REPORT_JSON_SCHEMA,
  ReportJsonSchema,
  reportJson,
  toJson,
  type CodedJson,
  type ReportJson,
} from "./report/json.ts";
export {
  JUPYTER_DISPLAY,
  VEGA_LITE_MIME,
  chartBundle,
  chartBundles,
  codedBundle,
  displayChart,
  displayCoded,
  displayCrossTable,
  displayReport,
  displayable,
  showSummary,
  summaryBundle,
  withDisplay,
  type AsyncDisplayable,
  type Displayable,
  type MediaBundle,
} from "./report/jupyter.ts";
export { comparisonTable, displayComparison, type ComparisonTableOptions } from "./report/display-comparison.ts";

// agreement (coder agreement statistics, codings loaders, comparison of codings)
export {
  AlphaLevelSchema,
  AlphaOptionsSchema,
  AlphaResultSchema,
  krippendorffAlpha,
  type AlphaLevel,
  type AlphaOptions,
  type AlphaResult,
} from "./agreement/krippendorff-alpha.ts";
export {
  KappaOptionsSchema,
  KappaResultSchema,
  KappaWeightsSchema,
  cohenKappa,
  cohenKappaFromTable,
  type KappaOptions,
  type KappaResult,
  type KappaWeights,
} from "./agreement/cohen-kappa.ts";
export {
  FleissOptionsSchema,
  FleissResultSchema,
  categoryCounts,
  fleissKappa,
  type FleissOptions,
  type FleissResult,
} from "./agreement/fleiss-kappa.ts";
export {
  PercentAgreementOptionsSchema,
  PercentAgreementResultSchema,
  percentAgreement,
  type PercentAgreementOptions,
  type PercentAgreementResult,
} from "./agreement/percent-agreement.ts";
export {
  BootstrapOptionsSchema,
  IntervalSchema,
  bootstrapInterval,
  type BootstrapOptions,
  type BootstrapOptionsInput,
  type Interval,
} from "./agreement/bootstrap.ts";
export { seededRandom } from "./agreement/random.ts";
export { RatingSchema, ReliabilityDataSchema, type Rating, type ReliabilityData } from "./agreement/reliability-data.ts";
export { codingsFromCodedNotes } from "./agreement/codings-from-coded-notes.ts";
export {
  AgreementFiguresSchema,
  CategoryAgreementSchema,
  CodeAgreementSchema,
  CompareOptionsSchema,
  ComparisonSchema,
  NoteDisagreementSchema,
  compareByDimension,
  compareCodings,
  compareCodingsMany,
  type AgreementFigures,
  type CategoryAgreement,
  type CodeAgreement,
  type CodingsInput,
  type CompareOptions,
  type Comparison,
  type NoteDisagreement,
} from "./agreement/compare-codings.ts";
export { LoadedCodingsSchema, type LoadedCodings } from "./codings/loaded-codings.ts";
export {
  CODING_COLUMN_ALIASES,
  ParseCodingsOptionsSchema,
  parseCodings,
  type ParseCodingsOptions,
} from "./codings/parse-codings.ts";
export { loadCodings, readCodings } from "./codings/read-codings.ts";

// check (kodebok check: coded datasets as a CI gate; codebook example lint; personal data)
export {
  AgreementRowSchema,
  CheckOptionsSchema,
  CheckReportSchema,
  CheckStatusSchema,
  CheckedFileSchema,
  UncodedRowSchema,
  type AgreementRow,
  type CheckOptions,
  type CheckReport,
  type CheckStatus,
  type CheckedFile,
  type UncodedRow,
} from "./check/check-report.ts";
export { AUTO_CODER, PERSONAL_DATA_KINDS, checkDataset, type DatasetFile } from "./check/check-dataset.ts";
export { agreementTable, type CoderSet } from "./check/check-agreement.ts";
export { looksLikeCodingsFile } from "./check/dataset-codings.ts";
export { checkReportToText, verdict, type CheckTextOptions } from "./check/check-report-text.ts";
export { annotation, checkReportToGithub } from "./check/check-report-github.ts";
export { checkReportToJunit } from "./check/check-report-junit.ts";
export { lintCodebookExamples, type LintCodebookOptions } from "./check/lint-codebook.ts";
// cli (the `kodebok` command; main.ts is the bin)
export { runCli } from "./cli/program.ts";
export { processIO, type CliIO } from "./cli/io.ts";
export { EXIT, type ExitCode } from "./cli/exit-codes.ts";
// refi-qda
export { codePointIndex, type CodePointIndex } from "./refi-qda/code-points.ts";
export { refiGuid, normalizeGuid } from "./refi-qda/guid.ts";
export { slugify } from "./refi-qda/slug.ts";
export { toQdc, localized, DEFAULT_COLORS, KODEBOK_DIMENSION_PREFIX, QDC_NAMESPACE, type QdcOptions } from "./refi-qda/to-qdc.ts";
export { parseQdc } from "./refi-qda/from-qdc.ts";
export { importCodes, type ImportCodebookOptions, type ImportedCodes } from "./refi-qda/import-codes.ts";
export {
  buildProject,
  noteSelectionGuid,
  toQdpx,
  KODEBOK_MODEL_USER,
  KODEBOK_USER,
  NOTE_SEPARATOR,
  QDE_NAMESPACE,
  type ExportedProject,
  type ExportedSource,
  type QdpxOptions,
  type SourceGrouping,
} from "./refi-qda/to-qdpx.ts";
export {
  parseQdpx,
  type QdpxImportOptions,
  type RefiProject,
  type RefiSegment,
  type RefiUser,
  type SplitRule,
} from "./refi-qda/from-qdpx.ts";
export { DEFAULT_ZIP_LIMITS, readZipSafely, type ZipLimits } from "./refi-qda/zip.ts";
export { loadQdc, loadQdpx, readQdc, readQdpx, readRefiQda, writeFileAtomic, writeQdc, writeQdpx, type RefiImport, type WriteOptions } from "./refi-qda/files.ts";

// performance: streaming and parallel coding (bench helper)
export { streamNotes, type StreamNotesOptions } from "./notes/stream-notes.ts";
export { tallyCodes, type CodeTallies, type CodeTally, type TallyCodesOptions } from "./match/tally-codes.ts";

// learned coding: a classifier per code trained on hand-coded notes
export { CombineSchema, CrossValidationSchema, FoldFiguresSchema, LearnedModelSchema, MODEL_FORMAT, MODEL_FORMAT_VERSION, type Combine, type CrossValidation, type FoldFigures, type LearnedModel } from "./learn/model.ts";
export { FeatureSettingsSchema, noteFeatures, type FeatureSettings, type FeatureSettingsInput } from "./learn/features.ts";
export { fitLogistic, predictLogistic, sigmoid, type FeatureRow, type FitLogisticOptions, type LogisticFit } from "./learn/logistic-regression.ts";
export { DEFAULT_L2, MIN_TRAINING_NOTES, TrainCoderOptionsSchema, crossValidateCoder, trainCoder, type CoderCrossValidation, type TrainCoderOptions } from "./learn/train-coder.ts";
export { LEARNING_CURVE_SIZES, type HeldOutCodings } from "./learn/cross-validate.ts";
export { applyModel, codeProbabilities } from "./learn/apply-model.ts";
export { checkModel, loadModel, parseModel, readModel, type ParseModelOptions } from "./learn/read-model.ts";
export { modelCodebookHash } from "./learn/codebook-identity.ts";
export { chooseThresholds, type Thresholds } from "./learn/thresholds.ts";
export { modelToJson, writeModel } from "./learn/write-model.ts";
