/**
 * The table of stable diagnostic codes. A code never changes meaning once released;
 * tests and CI scripts may match on it. The type {@link DiagnosticCode} is derived
 * from this table, so the two cannot drift apart.
 *
 * @example
 * ```ts
 * import { DIAGNOSTIC_CODES } from "kodebok";
 * DIAGNOSTIC_CODES["csv-unclosed-quote"]; // "A quoted field is not closed"
 * ```
 */
export const DIAGNOSTIC_CODES = {
  // files and encodings
  "file-not-found": "The file does not exist or cannot be read",
  "file-write-failed": "The output file could not be written",
  "file-unreadable": "The file exists but cannot be read (permissions)",
  "file-not-regular": "The input is a folder, device, pipe or socket, not a regular file",
  "file-too-large": "The input file is larger than kodebok reads whole",
  "encoding-windows-1252": "The file is not UTF-8; it was read as Windows-1252",
  "encoding-invalid-utf8": "A byte of a UTF-8 file is not valid UTF-8; it was read as U+FFFD",
  "unknown-format": "The file format could not be determined",
  "file-is-folder": "The path names a folder, not a file",
  "file-unsupported-type": "The file's extension is not one of the formats kodebok reads",
  "file-binary": "The file holds binary data (a spreadsheet, document, archive or image, NUL bytes or control characters), not text, or is in an encoding kodebok does not read (UTF-32)",
  // CSV
  "csv-unclosed-quote": "A quoted field is not closed",
  "csv-invalid-quote": "A quote appears inside an unquoted field or after a closing quote",
  "csv-ragged-row": "A row has a different number of fields than the header",
  "csv-parse-error": "The CSV file could not be parsed",
  "csv-no-header": "The CSV file has no header row",
  "csv-no-text-column": "No column holds the note text",
  "csv-duplicate-column": "Two header columns map to the same field",
  // Excel and Word
  "xlsx-invalid": "The file is not a readable .xlsx workbook",
  "xlsx-sheet-not-found": "The workbook has no sheet of that name or number",
  "xlsx-rows-above-header": "Rows above the header row of a sheet were skipped",
  "docx-invalid": "The file is not a readable .docx document",
  // notes
  "note-invalid": "A note does not match the note schema",
  "note-empty-text": "A note has an empty text",
  "note-duplicate-id": "Two notes have the same id",
  "note-id-generated": "Notes had no id column; ids were generated",
  "json-parse-error": "The JSON text could not be parsed",
  "markdown-bullet-outside-heading": "A note appears before any seminar heading",
  "transcript-unrecognised-line": "A transcript line has no speaker",
  "markdown-stray-text": "A line of a Markdown notes file is neither a heading nor a bullet",
  "note-invalid-language": "A note's language is not nb, nn or en",
  "notes-none": "No notes were found in the input",
  // codebook
  "codebook-not-found": "No bundled codebook or file with that name",
  "codebook-parse-error": "The codebook file is not valid YAML or JSON",
  "codebook-invalid": "The codebook does not match the codebook schema",
  "codebook-duplicate-id": "An id is defined twice",
  "codebook-unknown-category": "A code names a category that the codebook does not define",
  "codebook-unknown-language": "A rule names a language the codebook does not list",
  "codebook-empty-rule": "A rule has no terms",
  "codebook-invalid-term": "A term cannot be compiled",
  "codebook-invalid-regex": "A regular expression does not compile",
  "codebook-unsupported-regex": "A regular expression needs backtracking (lookaround or a backreference), which kodebok does not run",
  "codebook-extends-cycle": "Codebooks extend each other in a cycle",
  "codebook-empty-category": "A category has no codes",
  "codebook-unknown-frame": "A code or rule names a frame that the codebook does not define",
  "codebook-empty-frame": "A frame has no terms and does not take questions",
  "codebook-empty-dimension": "A dimension of the codebook has no codes",
  "codebook-code-in-two-dimensions": "A code id is used in two dimensions of the codebook",
  // codings and agreement
  "coding-unknown-note": "A coding names a note that is not in the notes",
  "coding-unknown-code": "A coding names a code that is not in the codebook",
  "coding-invalid": "A coding row does not match the coding schema",
  "agreement-undefined": "The agreement coefficient is undefined for these data",
  "agreement-one-sided": "Some notes were coded by only one side",
  // options
  "option-invalid": "An option has an invalid value",
  // agreement (helper "agreement": statistics, codings loaders, comparisons)
  "agreement-invalid-data": "The data given to an agreement statistic has the wrong shape or type",
  "agreement-no-pairable-units": "No unit has values from two or more coders, so nothing can be compared",
  "agreement-no-variation": "Every value is the same, so chance-corrected agreement is undefined",
  "agreement-few-units": "Very few units were compared; the coefficient is unstable",
  "agreement-missing-values": "Units or pairs with missing values were left out",
  "agreement-bootstrap-undefined": "Some bootstrap samples had an undefined coefficient and were left out",
  "agreement-uncategorised-code": "A code has no category in the codebook and is left out of the category level",
  "agreement-unknown-coder": "A coder named in the options does not occur in the codings",
  "agreement-ambiguous-coder": "The codings hold several coders; name the one to compare",
  "coding-duplicate": "The same coding occurs twice",
  "coding-missing-column": "A required column is missing from the codings file",
  "coding-unknown-polarity": "A polarity is neither helpful nor barrier",
  // check and CLI (kodebok check, kodebok codebook lint, kodebok code --out)
  "check-language-not-covered": "A code is applied to a note in a language the codebook does not cover",
  "check-agreement-below-minimum": "Agreement between coders is below the minimum",
  "check-agreement-below-warning": "Agreement between coders is below the warning threshold",
  "check-agreement-undefined": "Agreement could not be computed for a code",
  "check-uncoded-share": "Too large a share of the notes has no code",
  "check-personal-data": "A note's text seems to contain personal data",
  "check-no-codings": "The dataset holds no human codings",
  "coder-name-reserved": "A human coder has the name of kodebok's own coding (kodebok)",
  "check-single-coder": "Only one human coder: agreement between coders cannot be computed",
  "check-partial-coverage": "A coder saw fewer notes than the dataset holds, so that coder's figures cover fewer notes",
  "codebook-example-not-found": "A code's example is not found by the code's rules",
  "codebook-example-wrong-polarity": "A code's example is found with the other polarity",
  "codebook-non-example-found": "A code's non-example is found by the code's rules",
  "output-overwrites-input": "The output file is one of the input files",
  "output-not-regular": "The output path is a symbolic link, a folder, a socket or a block device",
  // refine (kodebok refine)
  "refine-no-codings": "The coder coded none of the notes, or the input holds no codings",
  "refine-too-few-notes": "Too few notes to refine a codebook on",
  "refine-notes-not-seen": "Notes the coder did not see were left out of the sample",
  "refine-few-groups": "Too few fold groups (seminars, sources) for the folds asked for; fewer folds or none were used",
  "refine-one-off": "A proposed change rests on notes of one group (one seminar or source) only",
  // refi-qda (REFI-QDA .qdc/.qdpx exchange)
  "refi-xml-doctype": "A REFI-QDA file declares a DTD or entities, which are refused",
  "refi-xml-invalid": "A REFI-QDA file is not well-formed XML (not XML, or truncated)",
  "refi-wrong-root": "The XML document is not a REFI-QDA codebook or project",
  "refi-namespace": "The file's namespace or schemaLocation is not REFI-QDA 1.0's",
  "refi-nonstandard": "The file deviates from the REFI-QDA schema; it was read leniently",
  "refi-color-alpha": "A colour is not #RRGGBB or #RGB (e.g. it has an alpha channel); it was read without it",
  "refi-invalid-guid": "A GUID is missing or malformed",
  "refi-unknown-code-ref": "A coding refers to a code that the codebook does not define",
  "refi-hierarchy-from-names": "Code names like `A::B` were read as a hierarchy",
  "refi-codable-parent": "A codable code with sub-codes became a category and a code",
  "refi-generated-category": "Codes outside any category were put under a generated category",
  "refi-source-missing": "A text source's plain text is not in the archive",
  "refi-selection-out-of-range": "A selection's positions lie outside its source text",
  "refi-unsupported-source": "A picture, PDF, audio or video source was skipped",
  "refi-sets-ignored": "Sets (code and document groups) have no kodebok counterpart and were not imported",
  "refi-no-project": "The archive has no project.qde",
  "refi-note-fields-missing": "The project does not record the notes' language, cluster or source (only kodebok's exports do)",
  "refi-seen-unknown": "The project does not record which notes a coder read and left uncoded; a coder counts as having seen only the notes they coded",
  "zip-invalid": "The archive is not a valid ZIP file",
  "zip-too-many-entries": "The archive has more entries than allowed",
  "zip-too-large": "The archive's uncompressed size exceeds the limit",
  "zip-ratio": "An archive entry's compression ratio exceeds the limit (zip bomb?)",
  "zip-duplicate-entry": "The archive has two entries of the same name",
  "zip-unsafe-path": "An archive entry's name escapes the archive (`..` or an absolute path)",
  // learned models (kodebok learn, codeNotes with a model)
  "model-invalid": "A model file does not match the model schema",
  "model-codebook-mismatch": "A model was trained for another codebook, or another version of it",
  "model-unknown-code": "A model has a classifier for a code the codebook does not define",
  "model-not-loaded": "A codebook names a model file that was not loaded",
  "learn-too-few-notes": "Too few hand-coded notes to train a model or to cross-validate it",
} as const;

/** A stable diagnostic code: one of the keys of {@link DIAGNOSTIC_CODES}. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
