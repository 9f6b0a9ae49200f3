/**
 * `rootguard simulate`: the policy engine for people. Decides one request against the policies named on
 * the command line and says which statements decided it. Exit 0 when it evaluated (whatever the
 * decision), 2 on bad usage or a policy file it cannot read.
 */
import { parseArgs } from 'node:util';
import {
  type Decision,
  type DecidingStatement,
  type Policy,
  type PolicySet,
  PolicyReadError,
  RCP_ON_NO_RESOURCE,
  type Request,
  SHORT_ARN_PATTERN,
  UNKNOWN_VALUE,
  evaluateAtRolePaths,
  prepareRequest,
  principalNamed,
  rcpServicesSource,
  rcpsExempt,
  resourcePolicyRequired,
  scpsExempt,
  statementName,
} from '../core/policy';
import type { CliCommand } from './commands';
import type { CliIo } from './lintCommand';
import { PolicyFiles, type PolicyRole, type StatementSource } from './policyFiles';
import { asRootSessionCall } from './rootSessionOption';
import { templateParameters, templateSides } from './templateConditionOption';

const HELP = `Usage: rootguard simulate --action <service:Action> --resource <ARN|*> [options]

Decides one request against the policies given, as AWS evaluates them: an explicit Deny wins; every level
of the SCP path (and of the RCP path) must allow, and so must a VPC endpoint policy; then the identity
policies (within the permissions boundary and the session policies) or the resource policy must allow.
Policies not given do not apply.

Options:
      --action <action>            the API action, e.g. sts:AssumeRoot (required)
      --resource <arn>             the resource ARN, or * (required)
      --context <key=value>        a request context key; repeat it for several keys, give a key twice for a
                                   multi-valued key
      --principal <arn>            the calling principal, an ARN or a service (sns.amazonaws.com), or an
                                   identity provider (its oidc-provider/saml-provider ARN, or
                                   cognito-identity.amazonaws.com) for Federated, for Principal elements; sets the keys it brings (aws:PrincipalArn,
                                   aws:PrincipalAccount, aws:PrincipalType, aws:PrincipalIsAWSService,
                                   aws:username, aws:PrincipalServiceName) unless --context gives them; a
                                   session's aws:PrincipalArn is its role's ARN without a path, and none
                                   for IAM Identity Center and service-linked roles, whose path it drops
      --root-session <task>        decide a call made in a root session of this task policy (its name, such
                                   as S3UnlockBucketPolicy or unlock-s3-bucket, or its ARN): the task policy
                                   applies, the caller is the member account's root user (--principal
                                   arn:aws:iam::<account>:root, else the account the resource names), and
                                   the session's keys (aws:AssumedRoot...) are set unless --context gives them
      --identity <files>           identity policies of the principal (comma-separated; repeatable)
      --boundary <file>            the permissions boundary
      --session-policy <files>     the session policies the caller's session was given (AssumeRole's inline
                                   and managed ones; comma-separated; repeatable)
      --scp <files>                the SCPs of one level of the principal's organization path, root first;
                                   repeat for each level, several policies of one level comma-separated
      --rcp <files>                the RCPs of one level of the resource's account path, the same way
      --resource-policy <file>     the resource's policy
      --vpc-endpoint-policy <file> the policy of the VPC endpoint the request goes through (a JSON document)
      --management-account <id>    the organization's management account: SCPs given do not limit its
                                   principals, nor RCPs its resources
      --template-condition <NAME=true|false>
                                   the side of a condition on which a policy written with CloudFormation's
                                   Fn::If or a Terraform conditional (its condition as written) is read
                                   (repeatable)
      --template-parameter <NAME=VALUE>
                                   the value of a template parameter of a few AllowedValues with which a
                                   policy that names it is read (repeatable)
      --format <format>            text (default) | json
  -h, --help                       show this help

A file is a policy document, or a CloudFormation template (JSON or YAML), Terraform file or permission set
that holds the policy; FILE#NAME picks one of several by logical id or resource address.

Exit codes: 0 evaluated (the decision is in the output), 2 bad usage, or a policy that cannot be read or that AWS would not accept: a statement RG002 rejects (both Action and NotAction, an element of the wrong type or unknown, no Action, an identity policy statement without Resource) or RG008 (a Principal in an identity policy or SCP), a malformed Condition, an unknown or miscased operator or Effect.`;

class UsageError extends Error {}

export const simulateCommand: CliCommand = {
  summary: 'decide one request against identity policies, SCPs, RCPs and a resource policy',
  run: async (args) =>
    runSimulate(args, { cwd: process.cwd(), stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }),
};

/** Runs `rootguard simulate` with its arguments (after "simulate") and returns the exit code. */
export async function runSimulate(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        action: { type: 'string' },
        resource: { type: 'string' },
        context: { type: 'string', multiple: true },
        principal: { type: 'string' },
        'root-session': { type: 'string' },
        identity: { type: 'string', multiple: true },
        boundary: { type: 'string' },
        'session-policy': { type: 'string', multiple: true },
        scp: { type: 'string', multiple: true },
        rcp: { type: 'string', multiple: true },
        'resource-policy': { type: 'string' },
        'vpc-endpoint-policy': { type: 'string' },
        'template-condition': { type: 'string', multiple: true },
        'template-parameter': { type: 'string', multiple: true },
        'management-account': { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    if (!values.action) throw new UsageError('--action is required');
    // A request names one action: a wildcard or a bare name would be matched as written, never as AWS sends it.
    if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/i.test(values.action)) throw new UsageError(`--action must be one API action, service:Action (such as sts:AssumeRoot), not "${values.action}"`);
    if (!values.resource) throw new UsageError('--resource is required');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const asked: Request = {
      action: values.action,
      resource: values.resource,
      context: parseContext(values.context ?? []),
      principal: values.principal ? principalNamed(values.principal) : undefined,
    };
    const rootSession = values['root-session'] ? asRootSessionCall(values['root-session'], asked, (message) => new UsageError(message)) : undefined;
    const request = rootSession?.request ?? asked;
    const sides = templateSides(values['template-condition'], (message) => new UsageError(message));
    const parameters = templateParameters(values['template-parameter'], (message) => new UsageError(message));
    const given = new GivenPolicies(new PolicyFiles(io.cwd, sides, parameters));
    const readLevels = (levels: readonly string[], stage: 'scp' | 'rcp') => Promise.all(levels.map((level, i) => given.readAll(splitList(level), stage, i + 1)));
    const policies: PolicySet = {
      identity: values.identity ? await given.readAll(values.identity.flatMap(splitList), 'identity') : undefined,
      permissionsBoundary: values.boundary ? await given.read(values.boundary, 'boundary') : undefined,
      scps: values.scp ? await readLevels(values.scp, 'scp') : undefined,
      rcps: values.rcp ? await readLevels(values.rcp, 'rcp') : undefined,
      resource: values['resource-policy'] ? await given.read(values['resource-policy'], 'resource') : undefined,
      sessionPolicies: values['session-policy'] ? await given.readAll(values['session-policy'].flatMap(splitList), 'session') : undefined,
      endpointPolicy: values['vpc-endpoint-policy'] ? await given.read(values['vpc-endpoint-policy'], 'endpoint') : undefined,
      taskPolicy: rootSession ? given.taskPolicy(rootSession.taskPolicy) : undefined,
      managementAccount: accountId(values['management-account']),
    };
    const prepared = prepareRequest(request);
    const decision = evaluateAtRolePaths(request, policies);
    // Given RCPs that cannot limit this request: said, so that an answer without them is not read as their verdict.
    const notes: AnswerNotes = {
      action: request.action,
      rcps: policies.rcps === undefined ? undefined : rcpsExempt(prepared, policies),
      scps: policies.scps === undefined ? undefined : scpsExempt(prepared, policies),
      rootSession: rootSession?.taskPolicy.name,
      roleSession: request.principal?.id.includes(':assumed-role/') ?? false,
      assumedResourcePolicy: policies.resource === undefined && resourcePolicyRequired(request.action),
    };
    io.stdout(values.format === 'json' ? `${JSON.stringify(asJson(decision, given, notes), null, 2)}\n` : formatText(decision, given, notes));
    return 0;
  } catch (err) {
    // A policy that cannot be read or that AWS would not accept is no usage error: no pointer to --help.
    if (err instanceof PolicyReadError) {
      io.stderr(`rootguard simulate: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError || isArgError(err)) {
      io.stderr(`rootguard simulate: ${(err as Error).message}\nRun "rootguard simulate --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
}

/** `--management-account`: a 12-digit account id, or nothing. */
function accountId(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{12}$/.test(value)) throw new UsageError(`--management-account is a 12-digit account id, not "${value}"`);
  return value;
}

function isArgError(err: unknown): boolean {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS');
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `key=value` pairs; a key given twice (in any case) is multi-valued. */
function parseContext(pairs: readonly string[]): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  const names = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--context expects key=value, not "${pair}"`);
    const key = pair.slice(0, at).trim();
    const value = pair.slice(at + 1);
    const name = names.get(key.toLowerCase()) ?? key;
    names.set(key.toLowerCase(), name);
    const existing = context[name];
    context[name] = existing === undefined ? value : [...(typeof existing === 'string' ? [existing] : existing), value];
  }
  return context;
}

/** Where a policy was given: its stage of the evaluation, and for SCPs and RCPs the level, root first from 1. */
interface Stage {
  file: string;
  stage: PolicyRole | 'task';
  level: number | null;
}

const STAGE_NAMES: Record<Stage['stage'], string> = {
  task: 'task policy of the root session',
  identity: 'identity policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'SCP',
  rcp: 'RCP',
  endpoint: 'VPC endpoint policy',
  resource: 'resource policy',
};

/**
 * The policies of one run, each named by where it was given: the same file is often given at two levels
 * (FullAWSAccess at the root and at an OU), and a deciding statement must say which of them it is.
 */
class GivenPolicies {
  private readonly stages = new Map<string, Stage>();
  /** Policies RootGuard holds itself (a root session's task policy), quoted from their own text. */
  private readonly builtIns = new Map<string, Policy>();

  constructor(private readonly files: PolicyFiles) {}

  read(spec: string, stage: PolicyRole, level?: number): Promise<Policy> {
    const name = `${stage}${level ?? ''}:${spec}`;
    this.stages.set(name, { file: spec, stage, level: level ?? null });
    return this.files.read(spec, stage, name);
  }

  readAll(specs: readonly string[], stage: PolicyRole, level?: number): Promise<Policy[]> {
    return Promise.all(specs.map((spec) => this.read(spec, stage, level)));
  }

  /** A root session's task policy, named by its own name. */
  taskPolicy(policy: Policy): Policy {
    this.stages.set(policy.name, { file: policy.name, stage: 'task', level: null });
    this.builtIns.set(policy.name, policy);
    return policy;
  }

  stageOf(d: DecidingStatement): Stage {
    return this.stages.get(d.policy)!;
  }

  sourceOf(d: DecidingStatement): StatementSource {
    const builtIn = this.builtIns.get(d.policy);
    return builtIn ? { line: d.line, text: builtIn.text.slice(d.range.start, d.range.end) } : this.files.sourceOf(d);
  }
}

function stageName({ stage, level }: Stage): string {
  return level === null ? STAGE_NAMES[stage] : `${STAGE_NAMES[stage]} level ${level}`;
}

const ASSUMED_RESOURCE_POLICY =
  "A KMS key's policy or a role's trust policy must allow this request too, and none was given (--resource-policy): the answer assumes it lets the account's IAM policies decide, as a key's default policy does";

/**
 * What the answer says besides the decision: the policies given that cannot limit the request, and why; and
 * the root session's task policy, by name.
 */
interface AnswerNotes {
  action: string;
  /** Why the RCPs given do not apply: the action's service supports none, or the resource is the management account's. */
  rcps?: 'service' | 'principal' | 'managementAccount';
  /** Why the SCPs given do not apply: a service principal or service-linked role, or a principal of the management account. */
  scps?: 'principal' | 'managementAccount';
  rootSession?: string;
  /** The caller is a role session, whose ARN does not say its role's path. */
  roleSession: boolean;
  /**
   * A KMS key's policy or a role's trust policy must allow the request too, and none was given: the answer
   * assumes it lets the account's IAM policies decide (`arn:aws:iam::<account>:root`), as a key's default does.
   */
  assumedResourcePolicy: boolean;
}

/** The JSON the README documents: decision, deciding statements by file, stage and line, the keys it depended on. */
function asJson(decision: Decision, given: GivenPolicies, notes: AnswerNotes) {
  const unconfirmed = unconfirmedDenial(decision, given, notes);
  return {
    decision: decision.decision,
    deciding: decision.deciding.map((d) => ({ ...given.stageOf(d), statement: d.statement, sid: d.sid ?? null, line: given.sourceOf(d).line })),
    dependsOn: requestKeys(decision),
    uncertain: decision.uncertain,
    // Why, beside the keys: what the text's closing lines name (a value known only at deployment, …).
    ...(decision.uncertain ? { uncertainBecause: decision.dependsOn.filter((key) => OPEN_IN_POLICY_TEXT.includes(key)) } : {}),
    ...(notes.rcps ? { rcpsApply: false } : {}),
    ...(notes.scps ? { scpsApply: false } : {}),
    ...(notes.rootSession ? { rootSession: notes.rootSession } : {}),
    ...(notes.assumedResourcePolicy ? { assumedResourcePolicy: ASSUMED_RESOURCE_POLICY } : {}),
    ...(unconfirmed ? { unconfirmedDenial: unconfirmed } : {}),
  };
}

/**
 * Denials the engine reads from AWS's text where AWS documents, or implies, that the call works: read
 * literally, IAMDeleteRootUserCredentials' `NotResource arn:aws:iam::*:root` denies DeleteVirtualMFADevice,
 * whose resource is the MFA device, though AWS documents deleting the device in a root session.
 */
function unconfirmedDenial(decision: Decision, given: GivenPolicies, notes: AnswerNotes): string | undefined {
  if (decision.decision !== 'explicitDeny') return undefined;
  const decidedBy = (stage: Stage['stage']) => decision.deciding.some((d) => given.stageOf(d).stage === stage);
  if (notes.rootSession === 'IAMDeleteRootUserCredentials' && notes.action.toLowerCase() === 'iam:deletevirtualmfadevice' && decidedBy('task')) {
    return "The task policy is read literally: its NotResource arn:aws:iam::*:root denies this call on the MFA device's ARN, though AWS documents deleting the root user's virtual MFA device in such a session. AWS may let this call through.";
  }
  return undefined;
}

/** The engine's markers for what the policy text (or AWS's documentation of it) leaves open, among `dependsOn`'s keys. */
const OPEN_IN_POLICY_TEXT: readonly string[] = [UNKNOWN_VALUE, SHORT_ARN_PATTERN, RCP_ON_NO_RESOURCE];

/** The request keys a decision depended on, without the markers for what the policy text leaves open. */
function requestKeys(decision: Decision): string[] {
  return decision.dependsOn.filter((key) => !OPEN_IN_POLICY_TEXT.includes(key));
}

const SHORT_ARN_LINE =
  'Depends on how AWS reads an ARN pattern of fewer than six parts (AWS compares ARNs part by part and does not document a shorter value); decided as if the statements resting on it do not apply.';

const RCP_ON_NO_RESOURCE_LINE =
  'Depends on whether RCPs govern a call on no resource (AWS documents RCPs as limiting access to resources and does not say whether they govern a call that has none); decided as if the RCPs given do not apply, and if they do, they change the answer.';

function formatText(decision: Decision, given: GivenPolicies, notes: AnswerNotes): string {
  const lines = [`${decision.decision}: ${decision.reason}.`];
  for (const d of decision.deciding) {
    const source = given.sourceOf(d);
    const stage = given.stageOf(d);
    lines.push(`  ${stage.file}:${source.line}  ${statementName(d.statement, d.sid)}, ${stageName(stage)}`);
    for (const line of source.text.split('\n')) lines.push(`    ${line}`);
  }
  const keys = requestKeys(decision);
  if (keys.length) lines.push(`Depends on keys the request did not give: ${keys.join(', ')}.`);
  if (notes.roleSession && keys.includes('aws:PrincipalArn')) lines.push("A role session's ARN does not say its role's path: give --context aws:PrincipalArn=<the role's ARN, path included>.");
  // Template parameters and other values known only at deployment: the engine decided as if they match nothing.
  if (decision.dependsOn.includes(UNKNOWN_VALUE)) lines.push('Depends on policy values known only at deployment (template parameters, Terraform variables); decided as if they match nothing.');
  if (decision.dependsOn.includes(SHORT_ARN_PATTERN)) lines.push(SHORT_ARN_LINE);
  if (decision.dependsOn.includes(RCP_ON_NO_RESOURCE)) lines.push(RCP_ON_NO_RESOURCE_LINE);
  if (notes.rcps === 'service') lines.push(`RCPs do not limit ${notes.action} (AWS's list of the services RCPs limit, as ${rcpServicesSource()} has it): the RCPs given do not apply to it.`);
  if (notes.rcps === 'principal') lines.push("RCPs do not limit service-linked roles, nor a service assuming its service-linked role: the RCPs given do not apply to this request.");
  if (notes.rcps === 'managementAccount') lines.push("RCPs do not limit the management account's resources: the RCPs given do not apply to this resource.");
  if (notes.scps === 'principal') lines.push('SCPs do not limit AWS service principals or service-linked roles: the SCPs given do not apply to this principal.');
  if (notes.scps === 'managementAccount') lines.push("SCPs do not limit the management account's principals: the SCPs given do not apply to this principal.");
  if (notes.assumedResourcePolicy) lines.push(`${ASSUMED_RESOURCE_POLICY}.`);
  const unconfirmed = unconfirmedDenial(decision, given, notes);
  if (unconfirmed) lines.push(unconfirmed);
  return `${lines.join('\n')}\n`;
}
