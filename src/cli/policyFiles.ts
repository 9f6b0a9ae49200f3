/**
 * The policy files a command is given (`simulate`'s policies, `preflight`'s proposed ones): a policy
 * document, or a policy where its author wrote it, in a CloudFormation template (JSON or YAML), a Terraform
 * file or a permission set, read as the linter reads them (their intrinsic functions and interpolations
 * resolved). `FILE#NAME` picks one policy of a file that holds several: a template's logical id, a Terraform
 * address, a CDK construct path, or the path the error lists. Deciding statements are then placed by their
 * line in that file, not in the document read from it.
 */
import path from 'node:path';
import { type DecidingStatement, NOT_PLAIN_JSON, type Policy, PolicyReadError, asDeployed, readPolicy, statementName } from '../core/policy';
import { objectDocument } from '../core/lint/documents';
import { enginePolicy } from '../core/lint/enginePolicy';
import { type HclParser, loadHclParser } from '../core/lint/iac/hclParser';
import { readPolicyDocuments } from '../core/lint/linter';
import { parseJson } from '../core/lint/parse';
import { statementRejection } from '../core/lint/rejections';
import { comparedParameter } from '../core/lint/iac/parameterAllowedValues';
import { type ChosenParameters, type ChosenSides, agreesWith, conflictingChoices, parameterValuesOf, readParameters, readingOnSides, sidesWithParameters, undecidedConditions, unusedParameters } from '../core/lint/templateSides';
import type { PolicyDocument, PolicyType } from '../core/lint/model';
import { printable } from '../core/report/cells';
import { lineStarts, positionAt } from '../core/text/lines';
import { repositoryScope } from './lintConfigs';
import { besideReader, moduleFolderReader, readLintFile, terraformModules } from './readLintFile';

/** What a policy is given as: the type of document a template must hold for it. */
export type PolicyRole = 'identity' | 'boundary' | 'session' | 'scp' | 'rcp' | 'endpoint' | 'resource';

/** A session policy is written as an identity policy is; an endpoint policy names principals, as a resource policy does. */
const ROLE_TYPE: Record<PolicyRole, PolicyType> = { identity: 'identity', boundary: 'identity', session: 'identity', scp: 'scp', rcp: 'rcp', endpoint: 'resource', resource: 'resource' };
const TYPE_NAMES: Record<PolicyType, [one: string, several: string]> = {
  identity: ['identity policy', 'identity policies'],
  scp: ['SCP', 'SCPs'],
  rcp: ['RCP', 'RCPs'],
  resource: ['resource policy', 'resource policies'],
};

/** Where a deciding statement is written: its file's line, and its text there. */
export interface StatementSource {
  line: number;
  text: string;
}

/** Reads the policies of one run; a Terraform file loads the HCL parser once. */
export class PolicyFiles {
  private readonly sources = new Map<string, (d: DecidingStatement) => StatementSource>();
  private hcl: HclParser | undefined;
  private readonly moduleFiles = terraformModules();
  private readonly moduleFolder = moduleFolderReader(repositoryScope);

  /**
   * `sides`: the template conditions' sides a policy written with `Fn::If` is read on (`--template-condition`);
   * `parameters`: the values of parameters of a few AllowedValues it is read with (`--template-parameter`).
   */
  constructor(
    private readonly cwd: string,
    private readonly sides: ChosenSides = new Map(),
    private readonly parameters: ChosenParameters = new Map(),
  ) {}

  /** The policy `spec` names, read as a `role`, named `as` (the spec unless one file is given in two places). */
  async read(spec: string, role: PolicyRole, as = spec): Promise<Policy> {
    const hash = spec.lastIndexOf('#');
    const file = hash > 0 ? spec.slice(0, hash) : spec;
    const name = hash > 0 ? spec.slice(hash + 1) : undefined;
    const text = readText(this.cwd, file);
    const lines = lineStarts(text);
    if (name === undefined) {
      const plain = plainPolicy(text, file);
      if (plain) {
        const parsed = parseJson(text);
        const problems = parsed.plain ? [] : [NOT_PLAIN_JSON];
        const policy = accepted({ ...plain, name: as }, objectDocument(text, parsed.root!, ROLE_TYPE[role], file), spec, role, problems);
        return this.placed(policy, (d) => quote(text, lines, d.range.start, d.range.end));
      }
    }
    if (/\.tf$/i.test(file)) this.hcl ??= await loadHclParser();
    const read = readPolicyDocuments({ path: path.resolve(this.cwd, file), text }, { hcl: this.hcl, readRelative: besideReader(repositoryScope), moduleFiles: this.moduleFiles, moduleFolder: this.moduleFolder });
    const yaml = name === undefined ? yamlPolicyDocument(read, file) : undefined;
    if (yaml) {
      const policy = accepted({ ...asDeployed(enginePolicy(yaml)), name: as }, yaml, spec, role);
      return this.placed(policy, (d) => quote(text, lines, yaml.toFileOffset(d.range.start), yaml.toFileOffset(d.range.end)));
    }
    // The linter reads a template's endpoint policy (AWS::EC2::VPCEndpoint, aws_vpc_endpoint) as a resource
    // policy, as it reads a bucket's: one must not be taken for the other.
    if (role === 'endpoint') throw new PolicyReadError(`${spec}: a VPC endpoint policy is read from a policy document (JSON or YAML) only, not from a template or Terraform file`);
    const linked = read.linkedElsewhere.filter((l) => l.site.type === ROLE_TYPE[role]).map((l) => `${l.site.origin} is ${l.name}, written in ${path.relative(this.cwd, l.path) || l.path}`);
    const chosen = sidesWithParameters(read.documents, this.sides, this.parameters);
    if ('wrong' in chosen) throw new PolicyReadError(`${spec}: --template-parameter ${chosen.wrong}`);
    const wanted = { spec, file, name, type: ROLE_TYPE[role], sides: chosen.sides, given: this.sides, parameters: this.parameters };
    const document = pickDocument(read.documents, wanted, read.unchecked.map((u) => u.message), linked);
    const policy = accepted({ ...enginePolicy(document), name: as }, document, spec, role);
    return this.placed(policy, (d) => quote(text, lines, document.toFileOffset(d.range.start), document.toFileOffset(d.range.end)));
  }

  /** The line and text of a statement that decided, in the file it was read from. */
  sourceOf(d: DecidingStatement): StatementSource {
    return this.sources.get(d.policy)?.(d) ?? { line: d.line, text: '' };
  }

  private placed(policy: Policy, source: (d: DecidingStatement) => StatementSource): Policy {
    this.sources.set(policy.name, source);
    return policy;
  }
}

/**
 * A statement's source, at its line, as it would read on its own: the indentation of the line it starts on
 * taken off the rest (a pretty-printed policy's statement is quoted as its author would write it alone).
 */
function quote(text: string, lines: readonly number[], start: number, end: number): StatementSource {
  const { line, column } = positionAt(lines, start);
  const indent = column - 1;
  const source = text
    .slice(start, end)
    .trimEnd()
    .split('\n')
    .map((row, i) => (i === 0 ? row : row.slice(Math.min(indent, row.length - row.trimStart().length))))
    .join('\n');
  return { line, text: source };
}

function readText(cwd: string, file: string): string {
  const read = readLintFile(path.resolve(cwd, file));
  if ('refused' in read) throw new PolicyReadError(`cannot read ${file}: ${read.refused}`);
  // The policy decides the same however it is saved; `rootguard lint` reports an encoding AWS tools do not read.
  return read.text;
}

/**
 * The policy, when AWS would accept it as a `role`; else a PolicyReadError saying why: an answer decided on a
 * policy no one can attach would be about nothing (and read leniently, a malformed Condition matches less).
 * Whether AWS rejects a statement is decided where the linter and the editor's hover decide it (rejections.ts),
 * the document read as the role's type, which settles a type the file leaves to a guess. `problems`: those of
 * the whole text (comments or trailing commas).
 */
function accepted(policy: Policy, document: PolicyDocument, spec: string, role: PolicyRole, problems: readonly string[] = []): Policy {
  const given: PolicyDocument = { ...document, type: ROLE_TYPE[role], typeAssumed: undefined };
  const rejected = given.statements.flatMap((statement) => {
    const named = statementName(statement.index, statement.sid?.value);
    return statementRejection(given, statement.index).certain.map((reason) => `${named}: ${reason.replace(/\.$/, '')}`);
  });
  const all = [...problems, ...rejected];
  // The reasons quote the policy (an unknown element's name): shown escaped, as any untrusted text is.
  if (all.length) throw new PolicyReadError(`${spec}: AWS would not accept this policy: ${printable(all.join('; '))}`);
  return policy;
}

/** The file as a policy document, or undefined when it is something else (a template, Terraform). */
function plainPolicy(text: string, file: string): Policy | undefined {
  try {
    // A document is deployed as written: a template's placeholder left in it is text there (RG014).
    return asDeployed(readPolicy(text, file));
  } catch (err) {
    // JSON that is no policy may be a template; anything else that is not JSON is reported as such, unless
    // it is written in a syntax the linter reads (YAML, HCL).
    if (/\.(ya?ml|tf|template)$/i.test(file) || /^no Statement/.test((err as Error).message)) return undefined;
    throw new PolicyReadError(`${file}: ${(err as Error).message}`);
  }
}

/**
 * A YAML policy document (`Version`, `Statement`), as the linter reads it: the policy in whatever role it is
 * given, as a JSON one is (plainPolicy). The linter types it by its content alone (identity, or resource with
 * a Principal), which says nothing of the role a run gives it.
 */
function yamlPolicyDocument(read: { type?: string; documents: readonly PolicyDocument[] }, file: string): PolicyDocument | undefined {
  if (!/\.ya?ml$/i.test(file) || read.type === 'cloudformation' || read.documents.length !== 1) return undefined;
  return read.documents[0];
}

/**
 * What a spec asks for: `FILE#NAME` read as a policy of `type`, on the template conditions' `sides`: those
 * `given` and those the `parameters` chosen decide.
 */
interface Wanted {
  spec: string;
  file: string;
  name: string | undefined;
  type: PolicyType;
  sides: ChosenSides;
  given: ChosenSides;
  parameters: ChosenParameters;
}

/** The one document of `type` the spec names, on the sides chosen; a usage error that lists the candidates otherwise. */
function pickDocument(documents: readonly PolicyDocument[], wanted: Wanted, unchecked: readonly string[], linkedElsewhere: readonly string[] = []): PolicyDocument {
  const { spec, file, name, type } = wanted;
  // A policy chosen by a conditional (`var.strict ? data.a.json : data.b.json`) is the one on the sides given.
  const everyReading = documents.filter((d) => d.type === type && (name === undefined || isNamed(d, name)));
  const named = everyReading.filter((d) => agreesWith(d, wanted.sides));
  const origins = [...new Set(named.map((d) => d.origin))];
  const [what, several] = TYPE_NAMES[type];
  if (origins.length === 0 && everyReading.length) throw notReadOnSides(everyReading, what, several, wanted);
  if (origins.length === 1) return chosenReading(named, origins[0], what, wanted);
  if (origins.length > 1) {
    // Policies a conditional chooses between (`var.strict ? data.a.json : data.b.json`): a side picks one.
    const undecided = named.every((d) => d.reading) ? undecidedConditions(named, wanted.sides) : [];
    if (undecided.length) throw chooseSides(spec, `the ${what}`, false, undecided, named, wanted);
    throw new PolicyReadError(`${spec}: holds ${origins.length} ${several} (${origins.join(', ')}); name one as ${file}#NAME, NAME a logical id or resource address`);
  }
  const found = documents.length ? `; it holds ${describeTypes(documents)}` : '';
  const skipped = unchecked.length ? ` (${unchecked.join(' ')})` : '';
  // A Terraform resource whose policy another file of its module defines: that file holds it.
  const elsewhere = linkedElsewhere.length ? `; ${linkedElsewhere.join('; ')}: give that file` : '';
  throw new PolicyReadError(`${spec}: no ${what}${name === undefined ? '' : ` named ${name}`} found${found}${skipped}${elsewhere}`);
}

/** The reading of a policy written with `Fn::If` on the sides chosen; a usage error naming the conditions to choose. */
function chosenReading(readings: readonly PolicyDocument[], origin: string, what: string, wanted: Wanted): PolicyDocument {
  const chosen = readingOnSides(readings, wanted.sides);
  if ('document' in chosen) return chosen.document;
  const { undecided } = chosen;
  if (undecided.length === 0) {
    throw new PolicyReadError(`${wanted.spec}: the ${what} at ${origin} is not deployed when ${givenChoices(wanted)}: a condition leaves it out`);
  }
  throw chooseSides(wanted.spec, `the ${what} at ${origin}`, true, undecided, readings, wanted);
}

/**
 * The usage error for policies of the type the spec names that no reading agrees with the sides chosen:
 * the choice that leaves them out, or the two choices that contradict each other.
 */
function notReadOnSides(readings: readonly PolicyDocument[], what: string, several: string, wanted: Wanted): PolicyReadError {
  const origins = [...new Set(readings.map((d) => d.origin))];
  const subject = origins.length === 1 ? `the ${what} at ${origins[0]}` : `its ${several} (${origins.join(', ')})`;
  const conflict = conflictingChoices(readings, wanted.given, wanted.parameters);
  if (conflict && 'alone' in conflict) return new PolicyReadError(`${wanted.spec}: ${subject} ${origins.length === 1 ? 'is' : 'are'} not deployed when ${conflict.alone.given}: a condition leaves ${origins.length === 1 ? 'it' : 'them'} out`);
  if (conflict) {
    const [first, second] = conflict.together;
    return new PolicyReadError(`${wanted.spec}: ${first.flag} ${first.given} and ${second.flag} ${second.given} contradict each other: ${subject} ${origins.length === 1 ? 'is' : 'are'} read on no side where both hold`);
  }
  return new PolicyReadError(`${wanted.spec}: ${subject} ${origins.length === 1 ? 'is' : 'are'} read on no side where ${givenChoices(wanted)} hold together`);
}

/** The sides and values given, as the user wrote them: `IsGov=true Partition=aws`. */
function givenChoices(wanted: Wanted): string {
  return [...[...wanted.given].map(([condition, holds]) => `${condition}=${holds}`), ...[...wanted.parameters].map(([parameter, value]) => `${parameter}=${value}`)].join(' ');
}

/** The sides given for conditions none of the documents tests: most often a misspelt name. */
function unusedSides(documents: readonly PolicyDocument[], sides: ChosenSides): string[] {
  const tested = new Set(documents.flatMap((d) => d.reading?.branches.map((b) => b.condition) ?? []));
  return [...sides.keys()].filter((condition) => !tested.has(condition));
}

/**
 * The usage error that names what decides the policy, and how to choose: the conditions' sides, and the value
 * of each parameter of a few AllowedValues it is read once per value of (rather than the conditions on its
 * values it is read on, which name one value each). `reads`: it reads differently (else it is chosen by them).
 */
function chooseSides(spec: string, subject: string, reads: boolean, undecided: readonly string[], documents: readonly PolicyDocument[], wanted: Wanted): PolicyReadError {
  const parameters = new Map<string, readonly string[]>();
  for (const condition of undecided) {
    const parameter = comparedParameter(condition)?.parameter;
    const values = parameter === undefined ? undefined : parameterValuesOf(documents, parameter);
    if (values) parameters.set(parameter!, values);
  }
  const conditions = undecided.filter((condition) => !parameters.has(comparedParameter(condition)?.parameter ?? ''));
  const named: string[] = [];
  const choices: string[] = [];
  if (conditions.length) {
    named.push(`the ${conditions.length === 1 ? `condition ${conditions[0]}` : `conditions ${conditions.join(', ')}`} (Fn::If, or a Terraform conditional)`);
    choices.push(`a side with --template-condition ${shellWord(`${conditions[0]}=true`)} (or =false)${conditions.length > 1 ? ', for each' : ''}`);
  }
  if (parameters.size) {
    const [first, values] = [...parameters][0];
    named.push(`the value of ${[...parameters].map(([parameter, allowed]) => `parameter ${parameter} (AllowedValues ${allowed.join(', ')})`).join(' and ')}`);
    choices.push(`a value with --template-parameter ${shellWord(`${first}=${values[0]}`)} (or another of its values)${parameters.size > 1 ? ', for each' : ''}`);
  }
  const verb = !reads ? 'is chosen by' : parameters.size ? 'reads differently with' : 'reads differently on each side of';
  const unused = unusedSides(documents, wanted.given);
  const notTested = unused.length ? ` (${unused.join(', ')}: no such condition in this policy)` : '';
  return new PolicyReadError(`${spec}: ${subject} ${verb} ${named.join(' and ')}: choose ${choices.join(', and ')}${notTested}${unknownParameters(documents, wanted.parameters)}`);
}

/** " (Partiton: no such parameter in this policy, which is read with Partition)": the values given for parameters it is not read with, most often a misspelt name. */
function unknownParameters(documents: readonly PolicyDocument[], parameters: ChosenParameters): string {
  const unused = unusedParameters(documents, parameters);
  if (!unused.length) return '';
  const read = readParameters(documents);
  return ` (${unused.join(', ')}: no such parameter in this policy${read.length ? `, which is read with ${read.join(', ')}` : ''})`;
}

/** `text` as one shell word: quoted when it has a blank or a character the shell reads. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./\-]+$/.test(text) ? text : `'${text}'`;
}

/**
 * A template's logical id, a Terraform address (of the resource that holds the policy, or of the local
 * document or value it uses: `data.aws_iam_policy_document.x (aws_iam_role_policy.a.policy)`), a CDK
 * construct path, or the whole path of the document.
 */
function isNamed(document: PolicyDocument, name: string): boolean {
  const { origin, definedIn } = document;
  return (
    origin === name ||
    definedIn === name ||
    origin.startsWith(`Resources.${name}.`) ||
    origin.startsWith(`${name}.`) ||
    origin.startsWith(`${name} `) ||
    origin.includes(`(${name}.`)
  );
}

/** "2 SCPs (Resources.A.Properties.Content, Resources.B.Properties.Content), 1 identity policy (...)". */
function describeTypes(documents: readonly PolicyDocument[]): string {
  const origins = new Map<PolicyType, Set<string>>();
  for (const d of documents) origins.set(d.type, (origins.get(d.type) ?? new Set()).add(d.origin));
  return [...origins].map(([type, places]) => `${places.size} ${TYPE_NAMES[type][places.size === 1 ? 0 : 1]} (${[...places].join(', ')})`).join(', ');
}
