/**
 * STS (awsQuery): GetCallerIdentity and AssumeRoot with every rule the real service has (section 1):
 * regional endpoint only, caller in the management or IAM delegated-admin account, root sessions enabled,
 * target an active member other than the management account, one of the five task policies, 0-900 seconds.
 */
import { denied, type Access } from '../authz';
import type { CallContext } from '../context';
import { SandboxError } from '../errors';
import type { XmlValue } from '../protocols/xml';
import { MAX_ROOT_SESSION_SECONDS, parseTaskPolicyArn } from '../taskPolicies';
import { recordAssumeRoot } from '../trailRecord';
import { IAM_SERVICE_PRINCIPAL } from '../world';

export const STS_OPERATIONS = ['GetCallerIdentity', 'AssumeRoot'] as const;

/** The credential-scope regions that stand for the global endpoint `sts.amazonaws.com`. */
const GLOBAL_REGIONS = new Set(['aws-global', '']);

export function stsAccess(action: string, params: URLSearchParams): Access {
  const target = targetAccount(params.get('TargetPrincipal') ?? '') ?? '*';
  if (action !== 'AssumeRoot') return { action: `sts:${action}`, resourceArn: '*' };
  const taskPolicyArn = params.get('TaskPolicyArn.arn');
  return { action: 'sts:AssumeRoot', resourceArn: `arn:aws:iam::${target}:root`, conditionKeys: taskPolicyArn ? { 'sts:TaskPolicyArn': taskPolicyArn } : {} };
}

export function handleSts(ctx: CallContext, action: string, params: URLSearchParams): XmlValue {
  if (action === 'GetCallerIdentity') {
    const { caller } = ctx;
    return { UserId: caller.kind === 'iam' ? caller.userId : caller.accountId, Account: caller.accountId, Arn: caller.arn };
  }
  return assumeRoot(ctx, params);
}

/** `111122223333` or `arn:aws:iam::111122223333:root`, as the API accepts both. */
function targetAccount(principal: string): string | undefined {
  return /^(?:arn:aws[\w-]*:iam::)?(\d{12})(?::root)?$/.exec(principal)?.[1];
}

function validationError(message: string): SandboxError {
  return new SandboxError('ValidationError', 400, `1 validation error detected: ${message}`);
}

function assumeRoot(ctx: CallContext, params: URLSearchParams): XmlValue {
  // A custom endpoint cannot tell hosts apart, so a client configured for `aws-global` (which the SDK signs
  // with that region) stands for https://sts.amazonaws.com, where AssumeRoot does not exist (boto3#4461).
  if (GLOBAL_REGIONS.has(ctx.region)) throw new SandboxError('InvalidAction', 400, 'Unknown Operation');
  const { targetId, taskPolicy, durationSeconds } = readInput(params);
  const { world, caller } = ctx;
  const resource = `arn:aws:iam::${targetId}:root`;
  // Preconditions the service checks itself; the live codes for these are not confirmed (section 1.3),
  // AccessDenied is the most plausible and what the documentation implies.
  const deny = (reason: string) => denied('sts', caller, 'sts:AssumeRoot', resource, reason);
  const callerAccount = caller.accountId;
  if (callerAccount !== world.organization.managementAccountId && !world.isDelegatedAdmin(callerAccount, IAM_SERVICE_PRINCIPAL)) {
    throw deny('because the caller is not in the management account or the IAM delegated administrator account');
  }
  if (!world.hasServiceAccess(IAM_SERVICE_PRINCIPAL) || !world.features.rootSessions) {
    throw deny('because root sessions are not enabled for the organization (RootSessions)');
  }
  const target = world.findAccount(targetId);
  if (!target) throw deny('because the target account is not a member of the organization');
  if (target.role === 'management') throw deny('because the target is the management account');
  if (target.state !== 'ACTIVE') throw deny(`because the target account is ${target.state}`);
  const issuedAt = ctx.clock.now();
  const expiresAt = new Date(issuedAt.getTime() + durationSeconds * 1000);
  const session = ctx.keyring.issueRootSession(targetId, taskPolicy.name, issuedAt, expiresAt);
  world.rootSessions.push({
    accessKeyId: session.accessKeyId,
    accountId: targetId,
    taskPolicy: taskPolicy.name,
    taskPolicyArn: params.get('TaskPolicyArn.arn') ?? '',
    issuedBy: caller.arn,
    issuedAt,
    expiresAt,
  });
  recordAssumeRoot(ctx, params, session, expiresAt);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: expiresAt,
    },
  };
}

function readInput(params: URLSearchParams) {
  const principal = params.get('TargetPrincipal');
  if (principal === null) throw validationError("Value null at 'targetPrincipal' failed to satisfy constraint: Member must not be null");
  const targetId = targetAccount(principal);
  if (!targetId) throw validationError(`Value '${principal}' at 'targetPrincipal' failed to satisfy constraint: Member must be an account ID or a root user ARN`);
  const arn = params.get('TaskPolicyArn.arn');
  if (arn === null) throw validationError("Value null at 'taskPolicyArn' failed to satisfy constraint: Member must not be null");
  // Not confirmed live: a non-root-task policy is most plausibly rejected as invalid input.
  const taskPolicy = parseTaskPolicyArn(arn);
  if (!taskPolicy) throw validationError(`Value '${arn}' at 'taskPolicyArn.arn' failed to satisfy constraint: Member must be a root-task managed policy ARN`);
  const rawDuration = params.get('DurationSeconds');
  const durationSeconds = rawDuration === null ? MAX_ROOT_SESSION_SECONDS : Number(rawDuration);
  if (!Number.isInteger(durationSeconds) || durationSeconds < 0 || durationSeconds > MAX_ROOT_SESSION_SECONDS) {
    throw validationError(`Value '${rawDuration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${MAX_ROOT_SESSION_SECONDS}`);
  }
  return { targetId, taskPolicy, durationSeconds };
}
