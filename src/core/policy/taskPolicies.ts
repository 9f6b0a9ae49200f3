/**
 * The five root-task policies as data: their documents (v1, verbatim, so that evaluating them is
 * evaluating AWS's text) and the API calls each task makes, so that "the calls task T makes" is one
 * lookup and "may task T run under these SCPs" is an evaluation of each call as a root session.
 */
import { TASK_POLICY_NAMES, type TaskPolicyName, taskPolicyArn } from '../root/taskPolicies';
import { type KeyAbsence, knownAbsent } from './absentKeys';
import type { Policy, Request } from './model';
import { readPolicy } from './read';
import { parseRootUserArn } from './rootUser';

export { TASK_POLICY_NAMES, type TaskPolicyName, taskPolicyArn };

const DOCUMENTS: Record<TaskPolicyName, string> = {
  IAMAuditRootUserCredentials: `{"Version":"2012-10-17","Statement":[
 {"Sid":"DenyAllOtherActionsOnAnyResource","Effect":"Deny","Resource":"*",
  "NotAction":["iam:ListAccessKeys","iam:ListSigningCertificates","iam:GetLoginProfile","iam:ListMFADevices","iam:GetAccountSummary","iam:GetUser","iam:GetAccessKeyLastUsed"]},
 {"Sid":"DenyAuditingCredentialsOnNonRootUserResource","Effect":"Deny","NotResource":"arn:aws:iam::*:root",
  "Action":["iam:ListAccessKeys","iam:ListSigningCertificates","iam:GetLoginProfile","iam:ListMFADevices","iam:GetUser","iam:GetAccessKeyLastUsed"]}]}`,
  IAMCreateRootUserPassword: `{"Version":"2012-10-17","Statement":[
 {"Sid":"DenyAllOtherActionsOnAnyResource","Effect":"Deny","Resource":"*","NotAction":["iam:CreateLoginProfile","iam:GetLoginProfile"]},
 {"Sid":"DenyCreatingPasswordOnNonRootUserResource","Effect":"Deny","NotResource":"arn:aws:iam::*:root","Action":["iam:CreateLoginProfile","iam:GetLoginProfile"]}]}`,
  IAMDeleteRootUserCredentials: `{"Version":"2012-10-17","Statement":[
 {"Sid":"DenyAllOtherActionsOnAnyResource","Effect":"Deny","Resource":"*",
  "NotAction":["iam:DeleteAccessKey","iam:DeleteSigningCertificate","iam:DeleteLoginProfile","iam:DeactivateMFADevice","iam:DeleteVirtualMFADevice","iam:ListAccessKeys","iam:ListSigningCertificates","iam:GetLoginProfile","iam:ListMFADevices","iam:GetUser","iam:GetAccessKeyLastUsed"]},
 {"Sid":"DenyDeletingRootUserCredentialsOnNonRootUserResource","Effect":"Deny","NotResource":"arn:aws:iam::*:root",
  "Action":["iam:DeleteAccessKey","iam:DeleteSigningCertificate","iam:DeleteLoginProfile","iam:DeactivateMFADevice","iam:DeleteVirtualMFADevice","iam:ListAccessKeys","iam:ListSigningCertificates","iam:GetLoginProfile","iam:ListMFADevices","iam:GetUser","iam:GetAccessKeyLastUsed"]}]}`,
  S3UnlockBucketPolicy: `{"Version":"2012-10-17","Statement":[
 {"Sid":"DenyAllOtherActionsOnAnyResource","Effect":"Deny","Resource":"*",
  "NotAction":["s3:DeleteBucketPolicy","s3:PutBucketPolicy","s3:GetBucketPolicy","s3:ListAllMyBuckets"]},
 {"Sid":"DenyManagingBucketPolicyForNonRootCallers","Effect":"Deny","Resource":"*",
  "Action":["s3:DeleteBucketPolicy","s3:PutBucketPolicy","s3:GetBucketPolicy","s3:ListAllMyBuckets"],
  "Condition":{"StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}`,
  SQSUnlockQueuePolicy: `{"Version":"2012-10-17","Statement":[
 {"Sid":"DenyAllOtherActionsOnAnyResource","Effect":"Deny","Resource":"*",
  "NotAction":["sqs:SetQueueAttributes","sqs:GetQueueAttributes","sqs:ListQueues","sqs:GetQueueUrl"]},
 {"Sid":"DenyGettingQueueAttributesOnNonOwnQueue","Effect":"Deny","Resource":"arn:aws:sqs:*:*:*","Action":["sqs:GetQueueAttributes"],
  "Condition":{"StringNotEqualsIfExists":{"aws:ResourceAccount":["\${aws:PrincipalAccount}"]}}},
 {"Sid":"DenyActionsForNonRootUser","Effect":"Deny","Resource":"*",
  "Action":["sqs:SetQueueAttributes","sqs:GetQueueAttributes","sqs:ListQueues","sqs:GetQueueUrl"],
  "Condition":{"StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}`,
};

const documents = new Map<TaskPolicyName, Policy>();

/** A task policy's document, read for evaluation (named by the task policy). */
export function taskPolicyDocument(name: TaskPolicyName): Policy {
  let policy = documents.get(name);
  if (!policy) {
    policy = readPolicy(DOCUMENTS[name], name);
    documents.set(name, policy);
  }
  return policy;
}

/** What a task's API call acts on: the root user, a resource of the account, or nothing (`*`). */
export type CallTarget = 'rootUser' | 'mfaDevice' | 'bucket' | 'queue' | 'none';

export interface TaskCall {
  action: string;
  target: CallTarget;
  /**
   * A call the task's policy allows but the task itself does without, and what it serves: RootGuard (as the
   * console) lists the buckets to pick from, restores a removed bucket policy on undo, and reads the audit's
   * details beside a deletion. A denial of it leaves the task working, without that.
   */
  optional?: string;
}

const ROOT_USER_READS: TaskCall[] = ['iam:GetLoginProfile', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed', 'iam:ListMFADevices', 'iam:ListSigningCertificates', 'iam:GetUser'].map(
  (action) => ({ action, target: 'rootUser' }),
);

/** What deleting credentials reads without needing it: when each key was last used, the root user's details. */
const DELETION_EXTRAS: Record<string, string> = { 'iam:GetAccessKeyLastUsed': "reading when each access key was last used", 'iam:GetUser': "reading the root user's details" };

/**
 * The calls each task makes, in the order the task policies list them. `iam:DeleteVirtualMFADevice` acts on
 * an `mfa` resource: read literally, its task policy's `NotResource arn:aws:iam::*:root` denies it, although
 * AWS documents the flow as working (see the AWS facts on IAMDeleteRootUserCredentials).
 */
export const TASK_CALLS: Record<TaskPolicyName, readonly TaskCall[]> = {
  IAMAuditRootUserCredentials: [{ action: 'iam:GetAccountSummary', target: 'none' }, ...ROOT_USER_READS],
  IAMCreateRootUserPassword: [
    { action: 'iam:CreateLoginProfile', target: 'rootUser' },
    { action: 'iam:GetLoginProfile', target: 'rootUser' },
  ],
  IAMDeleteRootUserCredentials: [
    ...['iam:DeleteAccessKey', 'iam:DeleteSigningCertificate', 'iam:DeleteLoginProfile', 'iam:DeactivateMFADevice'].map((action) => ({ action, target: 'rootUser' as const })),
    { action: 'iam:DeleteVirtualMFADevice', target: 'mfaDevice' },
    ...ROOT_USER_READS.map((call) => (DELETION_EXTRAS[call.action] ? { ...call, optional: DELETION_EXTRAS[call.action] } : call)),
  ],
  S3UnlockBucketPolicy: [
    { action: 's3:DeleteBucketPolicy', target: 'bucket' },
    { action: 's3:PutBucketPolicy', target: 'bucket', optional: 'restoring the removed policy (undo)' },
    { action: 's3:GetBucketPolicy', target: 'bucket' },
    { action: 's3:ListAllMyBuckets', target: 'none', optional: "listing the account's buckets to pick from" },
  ],
  SQSUnlockQueuePolicy: [
    { action: 'sqs:SetQueueAttributes', target: 'queue' },
    { action: 'sqs:GetQueueAttributes', target: 'queue' },
    { action: 'sqs:ListQueues', target: 'none', optional: "listing the account's queues to pick from" },
    // Only to find a queue named without its URL: the task given the URL does without it.
    { action: 'sqs:GetQueueUrl', target: 'queue', optional: "finding a queue's URL from its name (not needed given the URL)" },
  ],
};

/** Where a root session acts: its member account and partition, and the bucket or queue of an unlock task. */
export interface RootSessionTarget {
  partition: string;
  account: string;
  region?: string;
  bucket?: string;
  queue?: string;
  /** The root's MFA device's name (`mfa/<name>`), which whoever created it chose. */
  mfaDevice?: string;
}

/** The ARN a call acts on in the target account (`*` for calls without a resource type). */
export function callResource(call: TaskCall, target: RootSessionTarget): string {
  const { partition, account } = target;
  switch (call.target) {
    case 'rootUser':
      return `arn:${partition}:iam::${account}:root`;
    case 'mfaDevice':
      return `arn:${partition}:iam::${account}:mfa/${target.mfaDevice ?? 'root-account-mfa-device'}`;
    case 'bucket':
      return `arn:${partition}:s3:::${target.bucket ?? 'amzn-s3-demo-bucket'}`;
    case 'queue':
      return `arn:${partition}:sqs:${target.region ?? 'us-east-1'}:${account}:${target.queue ?? 'demo-queue'}`;
    case 'none':
      return '*';
  }
}

/** The context keys every request of a root session carries in its member account. */
export function rootSessionContext(target: RootSessionTarget): Record<string, string> {
  return {
    'aws:PrincipalArn': `arn:${target.partition}:iam::${target.account}:root`,
    'aws:PrincipalAccount': target.account,
    'aws:PrincipalType': 'Account',
    'aws:userid': target.account,
    'aws:AssumedRoot': 'true',
  };
}

/** The global keys only a call made for someone else carries: by a service on the principal's behalf, by a service principal, or through chat. */
const FORWARDED_CALL_KEYS = [
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:chatbotsourcearn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
];

/**
 * Keys no request of a root session carries in its member account (see `Request.absentKeys`): principal tags
 * (the root user cannot be tagged, and AssumeRoot takes no session tags), and every `sts:` key. The one STS
 * key of the flow, `sts:TaskPolicyArn`, belongs to the `sts:AssumeRoot` request made in the caller's account;
 * the session's own IAM, S3 and SQS calls carry no STS key, so a condition on one is decided, not a choice.
 * Nor does a call carry a key its action does not support (`Request.absentUnlessSupported`): no task call
 * tags anything (`aws:RequestTag/`, `aws:TagKeys`), and the session's credentials bring no service key of
 * their own (an EC2 role's bring `ec2:SourceInstanceARN`), so `ec2:Owner` on `iam:GetUser` is absent too.
 * And the session's calls are its own, made directly (`aws:ViaAWSService` false): no service makes them on its
 * behalf (`aws:CalledVia*`), no service principal makes them for a source (`aws:Source*`, which only a service
 * principal's requests carry), nor Amazon Q Developer in chat applications (`aws:ChatbotSourceArn`).
 */
export const ROOT_SESSION_ABSENCE: Pick<Request, 'absentKeys' | 'absentUnlessSupported'> = {
  absentKeys: ['aws:principaltag/', 'sts:', ...FORWARDED_CALL_KEYS],
  absentUnlessSupported: 'serviceAndTagKeys',
};

/**
 * Keys the caller's own `sts:AssumeRoot` request certainly lacks: `aws:AssumedRoot`, which only requests made
 * with AssumeRoot's credentials carry (and those cannot call AssumeRoot), and the tag keys AssumeRoot does not
 * support (it takes no tags, and the root user has none). The caller's credentials may bring service keys
 * (an EC2 role's `ec2:SourceInstanceARN`): those stay the caller's.
 */
export const ASSUME_ROOT_ABSENCE: Pick<Request, 'absentKeys' | 'absentUnlessSupported'> = { absentKeys: ['aws:assumedroot'], absentUnlessSupported: 'tagKeys' };

/**
 * Keys every request of the flow carries, with a value a statement does not fix: `aws:RequestedRegion`. AssumeRoot
 * has no global endpoint, the S3 and SQS calls are regional, and an IAM call carries its partition's home Region
 * (rootSessionRequest). Their absence is no valuation: a Deny on it (`Null`, `...IfExists`) is decided, not "depending on" them.
 */
export const ALWAYS_CARRIED_KEYS: ReadonlySet<string> = new Set(['aws:requestedregion']);

/**
 * The root user cannot be tagged (ROOT_SESSION_ABSENCE), as a resource no more than as a principal: a call on
 * it (`arn:<partition>:iam::<account>:root`) carries no `aws:ResourceTag/` or `iam:ResourceTag/` key, though its
 * action supports them on the IAM users it otherwise acts on. Its MFA device is a resource of its own, which
 * may be tagged (TagMFADevice).
 */
const ROOT_USER_RESOURCE_ABSENCE = ['aws:resourcetag/', 'iam:resourcetag/'];

/** What a root session's request on `resource` certainly lacks: ROOT_SESSION_ABSENCE, and on the root user itself its resource tags. */
export function rootSessionAbsence(resource: string): Pick<Request, 'absentKeys' | 'absentUnlessSupported'> {
  if (!parseRootUserArn(resource)) return ROOT_SESSION_ABSENCE;
  return { ...ROOT_SESSION_ABSENCE, absentKeys: [...(ROOT_SESSION_ABSENCE.absentKeys ?? []), ...ROOT_USER_RESOURCE_ABSENCE] };
}

/** Whether a root session's call certainly lacks the key (rootSessionAbsence, on whatever account). */
export function rootSessionCallLacks(call: TaskCall, key: string): boolean {
  let absence = callAbsences.get(call);
  if (!absence) callAbsences.set(call, (absence = { action: call.action, ...rootSessionAbsence(callResource(call, { partition: 'aws', account: '000000000000' })) }));
  return knownAbsent(absence, key);
}

/** Per call, what its requests lack: the symbolic questions ask it for every key of every valuation. */
const callAbsences = new WeakMap<TaskCall, KeyAbsence>();

/** IAM is global: its requests carry the partition's home Region as `aws:RequestedRegion`, whatever Region the client names. */
const GLOBAL_REGION: Readonly<Record<string, string>> = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };

/** The Region a call's request carries whatever the session asks for: an IAM call's home Region, where the partition's is known. */
function fixedRegion(call: TaskCall, partition: string): string | undefined {
  return call.action.toLowerCase().startsWith('iam:') ? GLOBAL_REGION[partition] : undefined;
}

/**
 * A root session's request for one call of a task (`aws:ResourceAccount` set for calls on a resource of the
 * account). An IAM call carries its partition's home Region whatever `extraContext` says (fixedRegion), and no
 * call a key it certainly lacks (rootSessionAbsence). A call on no resource (ListAllMyBuckets, ListQueues,
 * GetAccountSummary) carries `aws:ResourceAccount` only with `ownAccountOnNoResource`: AWS does not document
 * whether it is absent there or the session's own account, so the questions about root sessions try both
 * (rootSessionRequests.ts).
 */
export function rootSessionRequest(
  call: TaskCall,
  target: RootSessionTarget,
  extraContext: Record<string, string | readonly string[]> = {},
  ownAccountOnNoResource = false,
): Request {
  const resource = callResource(call, target);
  const region = fixedRegion(call, target.partition);
  const carried = (key: string) => !(region !== undefined && key.toLowerCase() === 'aws:requestedregion') && !rootSessionCallLacks(call, key);
  const extra = Object.fromEntries(Object.entries(extraContext).filter(([key]) => carried(key)));
  const context: Record<string, string | readonly string[]> = { ...rootSessionContext(target), ...extra };
  if (region !== undefined) context['aws:RequestedRegion'] = region;
  if (call.target !== 'none' || ownAccountOnNoResource) context['aws:ResourceAccount'] = target.account;
  const principal = { type: 'AWS', id: `arn:${target.partition}:iam::${target.account}:root` };
  return { action: call.action, resource, principal, context, ...rootSessionAbsence(resource) };
}
