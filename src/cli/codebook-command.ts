import { Command, Option } from "commander";
import type { Codebook, DimensionCode, TermList } from "../codebook/codebook.ts";
import { localize } from "../codebook/label.ts";
import { listBundledCodebooks, readCodebook } from "../codebook/load.ts";
import { lintCodebookExamples } from "../check/lint-codebook.ts";
import type { Language } from "../text/language.ts";
import { CliError, EXIT, type ExitCode } from "./exit-codes.ts";
import { colourEnabled, displayPath, printDiagnostics, style, type CliIO } from "./io.ts";
import { codebookPath, readCodebookInput, readTextInput } from "./load-inputs.ts";
import { emit } from "./output.ts";
import { renderTable } from "./table.ts";

const LINT_EXAMPLES = `
Examples:
  $ kodebok codebook lint codebooks/natland-2021.yaml
  $ kodebok codebook lint my-codebook.yaml && git commit

Exit codes: 0 no findings, 1 findings (invalid codebook, or an example not found by its
code's rules, or a non-example found), 2 the file cannot be read.
`;
const SHOW_EXAMPLES = `
Examples:
  $ kodebok codebook show natland-2021
  $ kodebok codebook show ./my-codebook.yaml --language en
  $ kodebok codebook show natland-2021 --format json > natland.json
`;
const LIST_EXAMPLES = `
Examples:
  $ kodebok codebook list
  $ kodebok codebook list --format json
`;

/**
 * Registers `kodebok codebook lint|show|list` on the program.
 *
 * @param program the `kodebok` command
 * @param io the process's IO
 * @param setExit receives the command's exit code
 * @returns nothing; the commands are added to `program`
 * @example
 * ```ts
 * registerCodebookCommand(program, processIO(), (code) => (process.exitCode = code));
 * ```
 */
export function registerCodebookCommand(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void {
  const codebook = program
    .command("codebook")
    .summary("lint, show or list codebooks")
    .description("Work with codebooks: validate one and test its examples (lint), print one as a table (show), list the bundled ones (list).")
    .addHelpText("after", "\nExamples:\n  $ kodebok codebook list\n  $ kodebok codebook show natland-2021\n  $ kodebok codebook lint my-codebook.yaml\n");
  codebook
    .command("lint")
    .description("Validate a codebook and test every example and non-example of each code against the code's rules.")
    .argument("<file>", "a codebook file (or a bundled codebook name)")
    .option("-v, --verbose", "also print informational messages and notes on how to fix")
    .addHelpText("after", LINT_EXAMPLES)
    .action(async (file: string, options: { verbose?: boolean }) => setExit(await runLint(file, options, io)));
  codebook
    .command("show")
    .description("Print a codebook as a readable table: categories, codes, labels, definitions, terms and examples.")
    .argument("<name|file>", "a bundled codebook name or a codebook file")
    .addOption(new Option("-l, --language <language>", "language of labels and definitions (default: the codebook's first)").choices(["nb", "nn", "en"]))
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", SHOW_EXAMPLES)
    .action(async (name: string, options: { language?: Language; format: "text" | "json" }) => setExit(await runShow(name, options, io)));
  codebook
    .command("list")
    .description("List the codebooks that ship with kodebok.")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", LIST_EXAMPLES)
    .action(async (options: { format: "text" | "json" }) => setExit(await runList(options, io)));
}

/**
 * `kodebok codebook lint`: the codebook's validation findings plus `lintCodebookExamples`.
 *
 * @param file a codebook file or bundled name
 * @param options `verbose` prints infos and notes
 * @param io the process's IO
 * @returns 0 without findings, 1 with any error or warning
 * @throws CliError (exit 2) when the file cannot be read
 * @example
 * ```ts
 * await runLint("codebook.yaml", {}, processIO());
 * ```
 */
export async function runLint(file: string, options: { verbose?: boolean }, io: CliIO): Promise<ExitCode> {
  const path = await codebookPath(file, io.cwd);
  if (path === undefined) await readTextInput(file, io.cwd); // throws the input error (exit 2)
  const result = await readCodebook(path!, { from: io.cwd });
  const shown = (f: string | undefined) => (f === undefined ? file : displayPath(f, io.cwd));
  const diagnostics = result.diagnostics.map((d) => ({ ...d, file: shown(d.file) }));
  const s = style(colourEnabled(io, "stdout"));
  if (!result.ok) {
    printDiagnostics(io, diagnostics, { verbose: options.verbose ?? false });
    io.stdout(`${s.red(`${file}: invalid codebook (${diagnostics.filter((d) => d.severity === "error").length} errors)`)}\n`);
    return EXIT.findings;
  }
  const { text } = await readTextInput(path!, io.cwd);
  const examples = lintCodebookExamples(result.value, { text, file: shown(path) });
  const findings = [...diagnostics, ...examples].filter((d) => d.severity !== "info" || options.verbose);
  printDiagnostics(io, findings, { verbose: options.verbose ?? false });
  const c = [...result.value.codes, ...(result.value.dimensions ?? []).flatMap((d) => d.codes)];
  const tested = `${c.length} codes, ${c.reduce((n, x) => n + x.examples.length, 0)} examples and ${c.reduce((n, x) => n + x.nonExamples.length, 0)} non-examples tested`;
  const problems = findings.filter((d) => d.severity !== "info").length;
  io.stdout(problems === 0 ? `${s.green(`${shown(path)}: ok`)} (${tested})\n` : `${s.red(`${shown(path)}: ${problems} finding${problems === 1 ? "" : "s"}`)} (${tested})\n`);
  return problems === 0 ? EXIT.ok : EXIT.findings;
}

/**
 * `kodebok codebook show`: the codebook as a table, or as JSON.
 *
 * @param name a bundled name or a file
 * @param options language of labels, format
 * @param io the process's IO
 * @returns exit code 0
 * @example
 * ```ts
 * await runShow("natland-2021", { format: "text" }, processIO());
 * ```
 */
export async function runShow(name: string, options: { language?: Language; format: "text" | "json" }, io: CliIO): Promise<ExitCode> {
  const { codebook, diagnostics } = await readCodebookInput(name, io.cwd);
  printDiagnostics(io, diagnostics);
  if (options.format === "json") {
    await emit(io, `${JSON.stringify(codebook, null, 2)}\n`, undefined, []);
    return EXIT.ok;
  }
  io.stdout(codebookToText(codebook, options.language ?? codebook.languages[0] ?? "nb", style(colourEnabled(io, "stdout")), io.columns));
  return EXIT.ok;
}

/**
 * `kodebok codebook list`: the bundled codebooks.
 *
 * @param options the format
 * @param io the process's IO
 * @returns exit code 0
 * @example
 * ```ts
 * await runList({ format: "json" }, processIO());
 * ```
 */
export async function runList(options: { format: "text" | "json" }, io: CliIO): Promise<ExitCode> {
  let bundled: Awaited<ReturnType<typeof listBundledCodebooks>>;
  try {
    bundled = await listBundledCodebooks();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") bundled = [];
    else throw new CliError(`Cannot list the bundled codebooks: ${(error as Error).message}`, (error as { diagnostics?: [] }).diagnostics ?? []);
  }
  if (options.format === "json") {
    io.stdout(`${JSON.stringify(bundled.map(({ path: _path, ...rest }) => rest), null, 2)}\n`);
    return EXIT.ok;
  }
  if (bundled.length === 0) {
    io.stdout("No bundled codebooks.\n");
    return EXIT.ok;
  }
  const s = style(colourEnabled(io, "stdout"));
  const table = renderTable(
    ["name", "title", "codes", "categories", "languages"],
    bundled.map((b) => [b.name, b.title, String(b.codes), String(b.categories), b.languages.join(", ")]),
    ["left", "left", "right", "right", "left"],
  );
  io.stdout(`${table.map((l, i) => (i === 0 ? s.bold(l) : l)).join("\n")}\n`);
  return EXIT.ok;
}

/**
 * A codebook as readable text: its header, then a table of categories and codes (label, terms,
 * rules, examples), then each code's definition.
 *
 * @param codebook the codebook
 * @param language the language of labels and definitions
 * @param s styles (colour or plain)
 * @param columns the terminal width, for wrapping definitions
 * @returns the text, ending with a newline
 * @example
 * ```ts
 * process.stdout.write(codebookToText(await loadCodebook("natland-2021"), "nb", style(false)));
 * ```
 */
export function codebookToText(codebook: Codebook, language: Language, s: ReturnType<typeof style>, columns = 100): string {
  const out: string[] = [];
  out.push(s.bold(localize(codebook.title, language)) + s.dim(` (${codebook.id}${codebook.version ? ` ${codebook.version}` : ""})`));
  const dimensions = codebook.dimensions ?? [];
  const further = dimensions.map((d) => ` · ${d.id}: ${d.codes.length} codes`).join("");
  out.push(`languages: ${codebook.languages.join(", ")} · ${codebook.categories.length} categories · ${codebook.codes.length} codes${further}`);
  if (codebook.reference) out.push(s.dim(`reference: ${codebook.reference}`));
  out.push("");
  const rows: string[][] = [];
  const codeRow = (code: DimensionCode): string[] => [
    `  ${code.id}`,
    localize(code.label, language),
    String(countTerms(code.terms) + countTerms(code.barrierTerms) + code.rules.reduce((n, r) => n + countTerms(r.terms), 0)),
    String(code.rules.length),
    String(code.examples.length),
    String(code.nonExamples.length),
  ];
  for (const category of codebook.categories) {
    rows.push([category.id, localize(category.label, language), "", "", "", ""]);
    for (const code of codebook.codes.filter((c) => c.category === category.id)) rows.push(codeRow(code));
  }
  // Each further dimension (actors) follows as a group of its own.
  for (const dimension of dimensions) {
    rows.push([`${dimension.id} (dimension)`, localize(dimension.label, language), "", "", "", ""]);
    for (const code of dimension.codes) rows.push(codeRow(code));
  }
  const table = renderTable(["category / code", "label", "terms", "rules", "examples", "non-examples"], rows, ["left", "left", "right", "right", "right", "right"]);
  out.push(...table.map((l, i) => (i === 0 || (i >= 2 && !rows[i - 2]![0]!.startsWith("  ")) ? s.bold(l) : l)));
  out.push("", s.bold("Definitions"));
  const wrapAt = Math.max(40, Math.min(columns, 100) - 4);
  for (const code of [...codebook.codes, ...dimensions.flatMap((d) => d.codes.map((c) => ({ ...c, category: d.id })))]) {
    out.push(`  ${s.cyan(code.id)} ${s.dim(`(${code.category})`)}`);
    out.push(...wrap(localize(code.definition, language), wrapAt).map((l) => `    ${l}`));
  }
  return `${out.join("\n")}\n`;
}

function countTerms(terms: TermList | undefined): number {
  if (terms === undefined) return 0;
  return Array.isArray(terms) ? terms.length : Object.values(terms).reduce((n, list) => n + (list?.length ?? 0), 0);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
