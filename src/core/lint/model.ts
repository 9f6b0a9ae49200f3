/**
 * The linter's data model: what a file holds (policy documents, statements, conditions) with where each
 * part stands in the file, what a rule is, and what it reports. Plain data, ESLint-style: rules read the
 * model and report problems; formatters, the CLI and the editor only ever see `Finding`s.
 */
import type { Node } from 'jsonc-parser';
import type { FileEncoding } from '../text/fileEncoding';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** What a policy document is: decides which elements, limits and rules apply. */
export type PolicyType = 'identity' | 'resource' | 'scp' | 'rcp';

/** What a whole file holds (`--type`, config globs); the last four hold documents inside them. */
export type FileType = PolicyType | 'permission-set' | 'cloudformation' | 'terraform' | 'terraform-plan';

export const FILE_TYPES: readonly FileType[] = ['identity', 'resource', 'scp', 'rcp', 'permission-set', 'cloudformation', 'terraform', 'terraform-plan'];

/** Half-open `[start, end)` character offsets. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** A value read from the JSON, with its node (offsets relative to its document's `text`). */
export interface Located<T> {
  value: T;
  node: Node;
}

/** A value of a document read on one side of a file's choices (`Fn::If`, a conditional), as the file writes it. */
export interface WrittenValue {
  /** A choice is written in its place: another side reads another value there, or none. */
  chosen: boolean;
  /** It is chosen, holds a chosen part, or leaves a part out on this side (`AWS::NoValue`). */
  sided: boolean;
  /** For an object, how many members the file writes it with, on all sides together. */
  members: number;
  /** For an object, how many of them every side writes (a member an `Fn::If` chooses may be left out on another). */
  steadyMembers: number;
}

/**
 * One policy document found in a file. A document written as a JSON object shares the file's text; one
 * written as a JSON string (a permission set's `InlinePolicy`, a CloudFormation `Content` string) has its
 * own unescaped `text`, and `toFileOffset` maps positions in it back into the file.
 */
export interface PolicyDocument {
  type: PolicyType;
  /** Where it was found, for messages: `""` for a whole-file policy, else a path like `Resources.Deny.Properties.Content`. */
  origin: string;
  /**
   * For a policy written with `Fn::If` (or a Terraform conditional), linted once per side of its conditions:
   * which reading this is. The linter names its sides on a finding not every reading has.
   */
  reading?: TemplateReading;
  /**
   * For a policy in a generated file, what its author wrote it as: the CDK construct path of a `cdk.out`
   * template's resource (`Metadata.aws:cdk:path`), the resource address in a Terraform plan. Findings name it.
   */
  definedIn?: string;
  /** How the size limit of this document is counted, when one applies (RG007). */
  sizeLimit?: SizeLimit;
  /**
   * For a Terraform `aws_iam_policy_document`, how the provider renders the text AWS receives: `.json`
   * indented by two spaces, `.minified_json` compact, a list of one string as that string (RG007 counts it).
   */
  rendering?: 'indented' | 'compact';
  /**
   * The type is a guess: a Terraform document no resource of the file takes (a module's argument the linter
   * does not follow, an output) and that names no principal is linted as an identity policy, yet it may be an
   * SCP. What only an identity policy requires (a Resource) is then no certain rejection.
   */
  typeAssumed?: true;
  /**
   * Statements, by index, this reading of the document leaves out: those AWS rejects, which the rules that
   * interpret statements do not read (rejections.ts). `statements` and the engine's reading omit them.
   */
  skippedStatements?: ReadonlySet<number>;
  /**
   * For a document read from a template: whether the value known only at deployment at this offset of
   * `text` may be any JSON, an object too (an `AWS::Include` snippet), not only a string.
   */
  mayBeAnyJson?(offset: number): boolean;
  /** The document's JSON text; node offsets refer to it. */
  text: string;
  /** The document's object node (the one with `Statement`). */
  root: Node;
  /** Maps an offset in `text` to an offset in the file (identity when the document is not a string). */
  toFileOffset(offset: number): number;
  /** Turns replacement text for `text` into text for the file (JSON-string escaping when embedded). */
  encodeForFile(replacement: string): string;
  /**
   * For a document read from another syntax (YAML, HCL): writes an edit of `text` as an edit of the file,
   * or undefined when it cannot be written there safely (then the fix is not offered).
   */
  writeEdit?(edit: TextEdit): TextEdit | undefined;
  /**
   * For a document read from another syntax: how the file writes the value at a node (a fix edits that,
   * on every side of the file's choices at once). Undefined for a node it cannot place.
   */
  asWritten?(node: Node): WrittenValue | undefined;
  statements: Statement[];
  /** The `Version` property, when present. */
  version?: Located<unknown>;
  /** Syntax errors of a document written as a JSON string (offsets in `text`); RG001 reports them. */
  parseErrors?: ParseProblem[];
  /** A document written as a JSON string whose text is plain JSON: no comments or trailing commas (RG011). */
  plainJson?: boolean;
  /** A document with its own text (a JSON string, or read from YAML or HCL): its properties a later one of the same name overrides (RG016). */
  shadowed?: Node[];
  /** For a document read from a template: IAM policy variables its `Fn::Sub`s write without the `${!...}` escape (RG014). */
  unescapedSubVariables?: readonly UnescapedSubVariable[];
}

/** `${aws:username}` in a template's `Fn::Sub`, which CloudFormation takes for a missing parameter: file offsets. */
export interface UnescapedSubVariable {
  name: string;
  range: OffsetRange;
  /** Where a `!` makes it `${!aws:username}`; undefined when the file does not write the string as is. */
  escapeAt?: number;
}

/** A side of a template condition a policy was read under: `IsProd` false. */
export interface TemplateBranch {
  condition: string;
  holds: boolean;
  /** Where the `Fn::If`s (or conditionals) that test it are written, in the file; none for a whole policy's. */
  at?: readonly OffsetRange[];
}

/** One reading of a policy written with `Fn::If` (or a Terraform conditional). */
export interface TemplateReading {
  /** The sides of the conditions it was read under (those met on the way, not in branches left out). */
  branches: readonly TemplateBranch[];
  /** `branches` as one string, the same for the same sides in any order. */
  key: string;
  /** The distinct readings of the policy's place, this one included; some may hold no policy (`AWS::NoValue`). */
  readings: number;
  /**
   * In a template, the values of each parameter of a few `AllowedValues` (mappings.ts), by name: a reading
   * on `!Equals [!Ref Partition, "aws"]` is one of them, which a user may choose by its value.
   */
  parameterValues?: ReadonlyMap<string, readonly string[]>;
}

export interface SizeLimit {
  /** e.g. "SCP", "managed policy", "permission set inline policy" */
  label: string;
  limit: number;
  /** SCPs count every character; IAM managed and inline policies count non-whitespace characters. */
  countWhitespace: boolean;
}

/**
 * A statement, read tolerantly: anything of the wrong type is left undefined here (RG002 reports it),
 * so that rules never have to re-check the grammar.
 */
export interface Statement {
  node: Node;
  index: number;
  sid?: Located<string>;
  effect?: Located<'Allow' | 'Deny'>;
  /** `Action` or `NotAction` (`negated`), normalized to a list of strings. */
  action?: ElementList;
  resource?: ElementList;
  /** `Principal` or `NotPrincipal`; kept as a node because its shape varies. */
  principal?: { negated: boolean; node: Node; keyNode: Node };
  /** The `Condition` object, when it is one. */
  conditionNode?: Node;
  conditions: ConditionEntry[];
}

export interface ElementList {
  negated: boolean;
  /** The property's key node (`"Action"`), for ranges that point at the element itself. */
  keyNode: Node;
  /** The value node: a string or an array. */
  node: Node;
  /** The string members; non-strings are skipped here and reported by RG002. */
  values: Located<string>[];
}

/** One `operator: { key: values }` entry of a condition block. */
export interface ConditionEntry {
  operator: Located<string>;
  key: Located<string>;
  /** Scalar values as strings (`true` → "true", `5` → "5"), in order; a single value becomes a one-item list. */
  values: Located<string>[];
  /** The JSON value node (a scalar or an array). */
  valueNode: Node;
}

/** A text edit in file offsets. */
export interface TextEdit extends OffsetRange {
  text: string;
  /**
   * What the edit does to the policy's structure, when a rule built it with the helpers of edits.ts: a
   * document read from YAML or HCL writes the fix in the file's own syntax from this, never from `text`.
   */
  intent?: EditIntent;
}

/** A fix's edit as a change of the policy's structure (nodes of the document's JSON tree). */
export type EditIntent =
  | { kind: 'replace'; node: Node; value: unknown }
  | { kind: 'removeProperty'; property: Node }
  | { kind: 'insertProperty'; object: Node; key: string; value: unknown; at: 'first' | 'last' }
  | { kind: 'insertItem'; list: Node; after: Node; value: unknown };

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor should offer first (`isPreferred`). */
  preferred?: boolean;
}

/**
 * A problem a rule reports, before severity and file positions are attached. Ranges and fix edits are in
 * the offsets of `document.text` (file offsets when there is no document); the linter maps them into the
 * file and escapes replacement text for documents embedded in a JSON string, so rules never care.
 */
export interface Problem {
  message: string;
  /** The document the problem is in; omitted for file-level problems (offsets then refer to the file). */
  document?: PolicyDocument;
  /** Where: a node of the document, or an explicit range in the document's text. */
  node?: Node;
  range?: OffsetRange;
  fixes?: Fix[];
  /** Fixes that need a choice from the user first; the editor asks, then calls the builder. */
  interactiveFixes?: InteractiveFix[];
  /**
   * A size the message states (RG007), which the readings of a policy written with `Fn::If` may differ in:
   * their findings are one finding, stated with the largest (branchFindings.ts).
   */
  size?: number;
}

/** A fix that needs input, e.g. which task policies to allow (RG101's "restrict to task policies"). */
export interface InteractiveFix {
  kind: 'chooseTaskPolicies';
  title: string;
  /** Builds the fix from the user's choice; returns undefined when nothing needs to change. */
  build(choice: string[]): Fix | undefined;
}

/** A problem as every output sees it: file offsets, 1-based lines and columns, a severity. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: Fix[];
  interactiveFixes: InteractiveFix[];
  /** The document's `definedIn`, when it has one: outputs show it before the message. */
  definedIn?: string;
}

export interface RuleMeta {
  /** Stable id, e.g. `RG101`. */
  id: string;
  /** Kebab-case name, e.g. `assume-root-unscoped`. */
  name: string;
  defaultSeverity: Severity;
  /** One sentence, shown in SARIF and `--help` listings. */
  description: string;
  /** Off unless the configuration turns it on (RG110). */
  optIn?: boolean;
  /** Policy types the rule applies to; all when omitted. */
  appliesTo?: readonly PolicyType[];
}

/** What a rule sees for one file. */
export interface FileContext {
  path: string;
  text: string;
  /** The file's type as given or detected; undefined when the file is not a policy (then no rule runs). */
  type?: FileType;
  /** The parsed file, for rules about the container around the documents (RG002). */
  root?: Node;
  /** The file's text is plain JSON, as AWS parses it: no comments or trailing commas (RG011). */
  plainJson?: boolean;
  /** How the JSON file is saved, when known (`text` is decoded, without a byte order mark; RG011). */
  encoding?: FileEncoding;
  /** Properties of the JSON file a later one of the same name overrides, taken out of `root` (RG016). */
  shadowed?: Node[];
  documents: PolicyDocument[];
  /** Parse errors of the file (RG001 reports them; other rules see only what parsed). */
  parseErrors: ParseProblem[];
  /** Policies in the file that cannot be checked, with the reason (RG010 reports them). */
  unchecked: ParseProblem[];
  /** Managed policies a template or Terraform file attaches by ARN, where each is written (RG201 weighs AWS's own). */
  attachedPolicies?: readonly AttachedPolicy[];
  report(problem: Problem): void;
}

/** A managed policy attached by ARN (`ManagedPolicyArns`, `policy_arn`), its parts known only at deployment unknown. */
export interface AttachedPolicy {
  arn: string;
  /** Where the ARN is written, in file offsets. */
  range: OffsetRange;
  /** The construct (CDK) or resource address it is attached in, when the file is generated. */
  definedIn?: string;
  /**
   * For an ARN known only at deployment as a whole that is no policy the module writes (`var.policy_arn`, not
   * `aws_iam_policy.ops.arn`, linted where it is written): what gives it, and the resource that attaches it;
   * `lookup` when a `data "aws_iam_policy"` does, whose name or ARN the linter cannot tell.
   */
  givenBy?: { expression: string; attachment: string; lookup?: boolean };
}

export interface ParseProblem {
  message: string;
  range: OffsetRange;
}

/** What a run-level rule sees after every file of a run was read (RG110: "across all SCPs linted"). */
export interface RunContext {
  files: ReadonlyArray<Omit<FileContext, 'report'>>;
  /** Reports on one of `files`; dropped where that file's configuration turns the rule off (see `reportsOn`). */
  report(path: string, problem: Problem): void;
  /** Whether the rule is on for a file: a run weighs every file, and reports on one whose configuration wants it. */
  reportsOn(path: string): boolean;
}

export interface Rule {
  meta: RuleMeta;
  /** Checks one file; rules with `appliesTo` see only documents of those types. */
  checkFile?(context: FileContext): void;
  /** Checks the whole run once, after every file. */
  checkRun?(context: RunContext): void;
}

/**
 * Orders rule ids (`RG001`...`RG210`: capitals and digits, so code-unit order is their natural order). Not
 * `localeCompare`: its first call sets up ICU's collator, about 12 ms of every `rootguard lint`.
 */
export function compareRuleIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The link the editor and SARIF show for a rule. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
