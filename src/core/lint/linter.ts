/**
 * The linter loop: parse each file, find its documents, run the enabled rules, and turn their problems
 * into findings with file offsets, 1-based positions and effective severities. Pure: no I/O, no globals.
 */
import { type BranchFinding, nameBranches } from './branchFindings';
import { readDocuments } from './documents';
import type { HclParser } from './iac/hclParser';
import { type LinkedPolicy, readTerraform } from './iac/terraform';
import { type LocalUsedElsewhere, type ModuleFile, moduleContexts } from './iac/terraformModule';
import type * as YamlTemplate from './iac/yamlTemplate';
import { detectFileType } from './embedded';
import { type LintSyntax, syntaxByName } from './fileSyntax';
import { applyEdits } from './edits';
import { attachesByName, attachmentsNotChecked } from './attachedCoverage';
import type {
  FileContext,
  FileType,
  Finding,
  Fix,
  InteractiveFix,
  OffsetRange,
  PolicyDocument,
  Problem,
  Rule,
  Severity,
  SeveritySetting,
} from './model';
import { compareRuleIds } from './model';
import { type ParsedJson, parseJson } from './parse';
import { withoutRepeats } from './findingRepeats';
import { RULES, interpretsStatements } from './rules';
import { withoutRejectedStatements } from './rejections';
import { showUnknownParts } from './unknownParts';
import type { FileEncoding } from '../text/fileEncoding';
import { lineStarts, positionAt } from '../text/lines';

export interface LintInput {
  path: string;
  text: string;
  /** The file's type; detected from its content when omitted (see `detectFileType`). */
  type?: FileType;
  /**
   * How the text is written, when the caller knows better than the file name: an editor's language (an
   * untitled YAML document, a `.tf` file shown as `terraform`). Read from the name and content when omitted.
   */
  syntax?: LintSyntax;
  /**
   * How the file is saved, when the caller knows: `text` is then its decoded content without a byte order
   * mark, as an editor shows it (so that columns agree with the editor's). RG011 reports a policy file saved
   * other than as plain UTF-8.
   */
  encoding?: FileEncoding;
  /**
   * Severity overrides for this file, in place of the run's (`LintOptions.severities`): one run may lint
   * files under several configurations, and a run-level rule still weighs them all together.
   */
  severities?: Readonly<Record<string, SeveritySetting>>;
  /** Why the caller did not read the file (`text` then empty): it may hold a policy, so RG010 reports it. */
  notRead?: string;
}

export type { LintSyntax } from './fileSyntax';

export interface LintOptions {
  /** Severity overrides by rule id (`off` disables); opt-in rules stay off unless named here. */
  severities?: Readonly<Record<string, SeveritySetting>>;
  /** The rules to run; all of them by default (tests pass one). */
  rules?: readonly Rule[];
  /** The HCL parser (loaded asynchronously, see iac/hclParser.ts); without it Terraform files are reported as not checked. */
  hcl?: HclParser;
  /**
   * Reads a file named by Terraform's `file("...")`, relative to the file being linted: its text, or why it
   * cannot be read; none when omitted.
   */
  readRelative?(fromPath: string, relativePath: string): string | { unreadable: string };
  /**
   * The Terraform files of the module a `.tf` file belongs to (the `.tf` files of its folder, itself
   * included), the same array for every file of the folder; none when omitted, each file then read alone
   * (iac/terraformModule.ts).
   */
  moduleFiles?(fromPath: string): readonly ModuleFile[] | undefined;
  /**
   * The `.tf` files of a module a Terraform file calls from a folder (`source = "./scp"`), relative to the
   * file, or why they cannot be read: a policy passed to it is linted as the module's resource that takes it
   * is typed (iac/terraformModuleCalls.ts). When omitted, a policy written in place for a module is not checked.
   */
  moduleFolder?(fromPath: string, relativeFolder: string): readonly ModuleFile[] | { unreadable: string };
  /**
   * Whether findings carry the fixes that ask the user for a choice first (the editor's); true when omitted.
   * A command line cannot ask, and each such fix keeps its whole document, with the engine's readings of
   * it, alive until the run ends.
   */
  interactiveFixes?: boolean;
}

export interface LintResult {
  path: string;
  /** The type the file was linted as; undefined when it was detected as not a policy and skipped. */
  type?: FileType;
  findings: Finding[];
  /** Set when the file has policies but none could be checked (RG010 says where): why, one reason per policy. */
  nothingChecked?: string[];
  /** A Terraform file's policies that another file of its module writes, and is linted with (see LinkedPolicy). */
  linkedElsewhere?: readonly LinkedPolicy[];
  /** A Terraform file's locals that policies of another file of its module name in part, linted there. */
  localsUsedElsewhere?: readonly LocalUsedElsewhere[];
  /** A template or Terraform file with no policy in it (nor an AWS managed one it attaches by name, RG201 checks those), nor anything unread or unparsed. */
  noPolicy?: true;
}

/** The severity a rule runs at, or undefined when it is off. */
export function effectiveSeverity(rule: Rule, severities: LintOptions['severities']): Severity | undefined {
  const setting = severities?.[rule.meta.id] ?? (rule.meta.optIn ? 'off' : rule.meta.defaultSeverity);
  return setting === 'off' ? undefined : setting;
}

/** Lints one file. */
export function lintText(input: LintInput, options: LintOptions = {}): Finding[] {
  return lintFiles([input], options)[0].findings;
}

/**
 * The policy documents of one file, read as the linter reads them: a policy, a permission set, a
 * CloudFormation template (JSON or YAML, its intrinsic functions resolved), a Terraform file (with `hcl`).
 * `unchecked` says why a policy found there could not be read.
 */
export function readPolicyDocuments(
  input: LintInput,
  options: Pick<LintOptions, 'hcl' | 'readRelative' | 'moduleFiles' | 'moduleFolder'> = {},
): Pick<FileContext, 'type' | 'documents' | 'unchecked'> & { linkedElsewhere: readonly LinkedPolicy[] } {
  const { type, documents, unchecked, linkedElsewhere } = readFile(input, options);
  return { type, documents, unchecked, linkedElsewhere: linkedElsewhere ?? [] };
}

/** Lints files as one run, so that run-level rules (RG110) see all of them. */
export function lintFiles(inputs: readonly LintInput[], options: LintOptions = {}): LintResult[] {
  // The rules each set of severities enables, worked out once per set (a run has one per configuration).
  const enabledBy = new Map<LintOptions['severities'], EnabledRule[]>();
  const enabled = (severities: LintOptions['severities']): EnabledRule[] => {
    let rules = enabledBy.get(severities);
    if (!rules) {
      rules = (options.rules ?? RULES).flatMap((rule): EnabledRule[] => {
        const severity = effectiveSeverity(rule, severities);
        return severity ? [{ rule, severity }] : [];
      });
      enabledBy.set(severities, rules);
    }
    return rules;
  };
  const severitiesOf = (input: LintInput) => input.severities ?? options.severities;
  // Each file is read, checked and let go in turn; only a run-level rule needs them all kept. Holding every
  // parse tree until the end made the garbage collector copy them all, which doubled the model's cost.
  const keepForRun = inputs.some((input) => enabled(severitiesOf(input)).some(({ rule }) => rule.checkRun));
  const kept: Array<{ file: ReadFile; rules: readonly EnabledRule[] }> = [];
  const interactive = options.interactiveFixes ?? true;
  const results = inputs.map((input): LintResult => {
    const file = readFile(input, options);
    const nothingChecked = file.type && file.documents.length === 0 && file.unchecked.length > 0 ? file.unchecked.map((u) => u.message) : undefined;
    file.unchecked.push(...attachmentsNotChecked(file));
    const rules = enabled(severitiesOf(input));
    checkFile(file, rules, interactive);
    if (keepForRun) kept.push({ file, rules });
    const linked = {
      ...(file.linkedElsewhere?.length ? { linkedElsewhere: file.linkedElsewhere } : {}),
      ...(file.localsUsedElsewhere?.length ? { localsUsedElsewhere: file.localsUsedElsewhere } : {}),
    };
    const noPolicy = file.type && file.documents.length === 0 && file.unchecked.length === 0 && file.parseErrors.length === 0 && file.findings.length === 0 && !attachesByName(file.attachedPolicies) && Object.keys(linked).length === 0;
    return { path: file.path, type: file.type, findings: file.findings, ...(nothingChecked ? { nothingChecked } : {}), ...linked, ...(noPolicy ? { noPolicy: true as const } : {}) };
  });
  checkRun(kept, interactive);

  for (const result of results) {
    result.findings.sort((a, b) => a.range.start - b.range.start || compareRuleIds(a.ruleId, b.ruleId));
    result.findings = withoutRepeats(result.findings);
  }
  return results;
}

/** A file as the rules see it, with the findings reported so far. */
interface ReadFile extends Omit<FileContext, 'report'> {
  findings: Finding[];
  /** A Terraform file's policies that another file of its module defines. */
  linkedElsewhere?: readonly LinkedPolicy[];
  /** Its locals policies of another file of its module name in part. */
  localsUsedElsewhere?: readonly LocalUsedElsewhere[];
}

/** An enabled rule with the severity it reports at. */
interface EnabledRule {
  rule: Rule;
  severity: Severity;
}

function readFile(input: LintInput, options: LintOptions): ReadFile {
  // Not read, a file is typed by its name when nothing gives its type (JSON as a policy given no type is).
  if (input.notRead !== undefined) {
    const type = input.type ?? (/\.tf$/i.test(input.path) ? 'terraform' : /\.(ya?ml|template)$/i.test(input.path) ? 'cloudformation' : 'identity');
    return { path: input.path, text: '', type, root: undefined, documents: [], parseErrors: [], unchecked: [{ message: input.notRead, range: { start: 0, end: 0 } }], findings: [] };
  }
  const syntax = input.syntax ?? syntaxByName(input);
  if (syntax === 'hcl') return readTerraformFile(input, options);
  if (syntax === 'yaml') {
    const read = readYamlTemplate(input.text, input.type);
    return { path: input.path, text: input.text, root: undefined, ...read, findings: [] };
  }
  const parsed = parseJson(input.text);
  // Terraform's JSON syntax is Terraform whatever it holds: read as such, it is said not to be checked (RG010).
  const type = input.type ?? (TERRAFORM_JSON.test(input.path) ? 'terraform' : detectedType(input.text, parsed));
  const { documents, unchecked, attachedPolicies } = type ? readDocuments(input.text, parsed.root, type) : { documents: [], unchecked: [] };
  return { path: input.path, text: input.text, type, root: parsed.root, plainJson: parsed.plain, encoding: input.encoding, shadowed: parsed.shadowed, documents, parseErrors: parsed.errors, unchecked, attachedPolicies, findings: [] };
}

/**
 * The YAML template reader, required on first use: with it comes the `yaml` library, whose set-up was about
 * 7 ms of every `rootguard lint`, and most runs have no YAML file.
 */
function readYamlTemplate(text: string, type: FileType | undefined): ReturnType<typeof YamlTemplate.readYamlTemplate> {
  return (require('./iac/yamlTemplate') as typeof YamlTemplate).readYamlTemplate(text, type);
}

function readTerraformFile(input: LintInput, options: LintOptions): ReadFile {
  const base = { path: input.path, text: input.text, type: 'terraform' as const, root: undefined, findings: [] };
  if (!options.hcl) {
    const unchecked = [{ message: 'Terraform is not checked here: the HCL parser is not loaded.', range: { start: 0, end: 0 } }];
    return { ...base, documents: [], parseErrors: [], unchecked };
  }
  const readRelative = options.readRelative && ((relative: string) => options.readRelative!(input.path, relative));
  const files = options.moduleFiles?.(input.path);
  const readModuleOf = options.moduleFolder && ((path: string) => (relative: string) => options.moduleFolder!(path, relative));
  const module = files && moduleContexts(files, options.hcl, readModuleOf).get(input.path);
  return { ...base, ...readTerraform(input.text, options.hcl, readRelative, module, readModuleOf?.(input.path)), localsUsedElsewhere: module?.localsUsedElsewhere };
}

function checkFile(file: ReadFile, rules: readonly EnabledRule[], interactive: boolean): void {
  if (!file.type) return;
  // Line starts are only needed once there is something to report, and most files have nothing.
  let lines: number[] | undefined;
  const onBranches: BranchFinding[] = [];
  // The rules that interpret statements read none AWS rejects (RG002's): one reading per file, shared by them.
  let accepted: PolicyDocument[] | undefined;
  for (const { rule, severity } of rules) {
    if (!rule.checkFile) continue;
    const documents = interpretsStatements(rule) ? (accepted ??= file.documents.map(withoutRejectedStatements)) : file.documents;
    // Written out rather than spread from `file`: this runs for every rule on every file, and a spread
    // object literal is much slower to build than one of fixed shape.
    rule.checkFile({
      path: file.path,
      text: file.text,
      type: file.type,
      root: file.root,
      plainJson: file.plainJson,
      encoding: file.encoding,
      shadowed: file.shadowed,
      parseErrors: file.parseErrors,
      unchecked: file.unchecked,
      attachedPolicies: file.attachedPolicies,
      documents: rule.meta.appliesTo ? documents.filter((d) => rule.meta.appliesTo!.includes(d.type)) : documents,
      report(problem) {
        const finding = toFinding(rule.meta.id, severity, problem, file.text, (lines ??= lineStarts(file.text)), interactive);
        file.findings.push(finding);
        const document = problem.document;
        if (document?.reading) {
          const local = problem.range?.start ?? problem.node?.offset ?? 0;
          onBranches.push({ finding, origin: document.origin, reading: document.reading, around: statementAround(document, local) ?? finding.range, size: problem.size });
        }
      },
    });
  }
  if (onBranches.length) {
    const dropped = nameBranches(onBranches, file.findings);
    if (dropped.size) file.findings = file.findings.filter((f) => !dropped.has(f));
  }
}

/**
 * The file range of the document's statement that holds an offset of its text, when one does. Statements
 * are in text order: searched by halves, as a hostile policy has thousands, each with findings.
 */
function statementAround(document: PolicyDocument, offset: number): OffsetRange | undefined {
  const { statements } = document;
  let [low, high] = [0, statements.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const { node } = statements[middle];
    if (offset < node.offset) high = middle - 1;
    else if (offset >= node.offset + node.length) low = middle + 1;
    else return { start: document.toFileOffset(node.offset), end: document.toFileOffset(node.offset + node.length) };
  }
  return undefined;
}

/**
 * Runs each run-level rule over every file of the run, when a file's configuration enables it; a finding
 * lands on its file at that file's severity, and not at all where the file's configuration turns it off.
 */
function checkRun(kept: ReadonlyArray<{ file: ReadFile; rules: readonly EnabledRule[] }>, interactive: boolean): void {
  const files = kept.map(({ file }) => file);
  const runRules = new Set(kept.flatMap(({ rules }) => rules.filter(({ rule }) => rule.checkRun).map(({ rule }) => rule)));
  for (const rule of runRules) {
    const enabledAt = (path: string) => {
      const at = kept.find(({ file }) => file.path === path);
      const severity = at?.rules.find((enabled) => enabled.rule === rule)?.severity;
      return at && severity ? { file: at.file, severity } : undefined;
    };
    rule.checkRun!({
      files,
      report: (path, problem) => {
        const at = enabledAt(path);
        if (at) at.file.findings.push(toFinding(rule.meta.id, at.severity, problem, at.file.text, lineStarts(at.file.text), interactive));
      },
      reportsOn: (path) => enabledAt(path) !== undefined,
    });
  }
}

/**
 * The type of a file given none. A file that does not parse may have lost the part that tells, so one that
 * mentions `Statement` or a policy language version (a policy cut short after its `Version`) is still
 * linted (as identity), to report its syntax errors; others are skipped.
 */
function detectedType(text: string, parsed: ParsedJson): FileType | undefined {
  const detected = detectFileType(parsed.root);
  if (detected || parsed.errors.length === 0) return detected;
  return POLICY_TRACES.test(text) ? 'identity' : undefined;
}

const POLICY_TRACES = /"Statement"|"(2012|2008)-10-17"/;

const TERRAFORM_JSON = /\.tf\.json$/i;

function toFinding(ruleId: string, severity: Severity, problem: Problem, fileText: string, lines: number[], interactive: boolean): Finding {
  const doc = problem.document;
  const local = problem.range ?? (problem.node ? { start: problem.node.offset, end: problem.node.offset + problem.node.length } : { start: 0, end: 0 });
  const range = doc ? { start: doc.toFileOffset(local.start), end: doc.toFileOffset(local.end) } : local;
  const start = positionAt(lines, range.start);
  const end = positionAt(lines, range.end);
  return {
    ruleId,
    severity,
    message: showUnknownParts(problem.message, doc, fileText, problem.node),
    range,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    fixes: (problem.fixes ?? []).flatMap((fix) => toFileFix(fix, doc) ?? []),
    interactiveFixes: interactive && problem.interactiveFixes ? problem.interactiveFixes.map((fix) => toFileInteractiveFix(fix, doc)).filter(canBuild) : [],
    ...(doc?.definedIn ? { definedIn: doc.definedIn } : {}),
  };
}

/** A fix in file offsets and the file's syntax; undefined when one of its edits cannot be written there. */
function toFileFix(fix: Fix, doc: PolicyDocument | undefined): Fix | undefined {
  const edits: Fix['edits'] = [];
  for (const edit of fix.edits) {
    const written = !doc
      ? edit
      : doc.writeEdit
        ? doc.writeEdit(edit)
        : { start: doc.toFileOffset(edit.start), end: doc.toFileOffset(edit.end), text: doc.encodeForFile(edit.text) };
    if (!written) return undefined;
    edits.push({ start: written.start, end: written.end, text: written.text });
  }
  return { ...fix, edits };
}

/** A choice to try each kind of interactive fix with: one its source's writer cannot write is not offered. */
const SAMPLE_CHOICE: Record<InteractiveFix['kind'], string[]> = { chooseTaskPolicies: ['IAMAuditRootUserCredentials'] };

function canBuild(fix: InteractiveFix): boolean {
  return fix.build(SAMPLE_CHOICE[fix.kind]) !== undefined;
}

function toFileInteractiveFix(fix: InteractiveFix, doc: PolicyDocument | undefined): InteractiveFix {
  return {
    ...fix,
    build: (choice) => {
      const built = fix.build(choice);
      return built && toFileFix(built, doc);
    },
  };
}

/** Applies a fix's edits to a text (edits must not overlap). */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}
