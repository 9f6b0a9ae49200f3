import assert from 'node:assert/strict';
import { TASK_CALLS, type TaskPolicyName } from '../../../../src/core/policy';
import { type OrgPolicies, type TaskPrediction, predictOrganization } from '../../../../src/core/preflight';
import { ADMIN, IN_TEAM, MANAGEMENT, ORG_ID, ROOT, fullAccess, orgPolicy, policies, snapshot } from './fixture';

/**
 * Keys a request certainly lacks, read as absent rather than as the caller's to choose. A root session's
 * calls carry only the keys their actions support (the Service Authorization Reference's lists): no task call
 * tags anything, and none is another service's. The caller's own sts:AssumeRoot carries no aws:AssumedRoot.
 */
const neededCalls = (task: TaskPolicyName) => TASK_CALLS[task].filter((c) => !c.optional).map((c) => c.action);

/** AWS's data-perimeter governance SCP, its statement on tag keys (data_perimeter_governance_scp.json), verbatim. */
const PROTECT_DATA_PERIMETER_TAGS = {
  Sid: 'ProtectDataPerimeterTags',
  Effect: 'Deny',
  Action: '*',
  Resource: '*',
  Condition: { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'admin' }, 'ForAnyValue:StringLike': { 'aws:TagKeys': ['dp:*', 'team'] } },
};

/** AWS's resource perimeter SCP, its first statement (resource_perimeter_scp.json), with the organization's id filled in. */
/** A Deny of resources outside the caller's account. */
const OWN_ACCOUNT_ONLY = { Sid: 'OwnAccountOnly', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } };
const RESOURCE_PERIMETER = {
  Sid: 'EnforceResourcePerimeterAWSResources',
  Effect: 'Deny',
  Action: '*',
  NotResource: ['arn:aws:iam::aws:policy/*', 'arn:aws:s3:::redshift-downloads/*', 'arn:aws:s3:::aws-neptune-notebook'],
  Condition: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': ORG_ID, 'ec2:Owner': 'amazon', 'aws:PrincipalTag/dp:exclude:resource': 'true' } },
};

/** An SCP that lets root sessions make the tasks' calls only (written for them: `Bool aws:AssumedRoot true`). */
const LIMIT_ROOT_SESSIONS = {
  Sid: 'RootSessionsOnlyRootTasks',
  Effect: 'Deny',
  NotAction: ['iam:*', 's3:*BucketPolicy', 's3:ListAllMyBuckets', 'sqs:*QueueAttributes', 'sqs:ListQueues', 'sqs:GetQueueUrl'],
  Resource: '*',
  Condition: { Bool: { 'aws:AssumedRoot': 'true' } },
};

interface Expected {
  result: string;
  sid?: string;
  blockedCalls?: string[];
  dependsOn?: string[];
}

interface Row {
  name: string;
  /** The SCP's statement, or statements. */
  statement: object | object[];
  /** Where the SCP is attached: the root (every member's path), or the caller's account (its path alone). */
  at: 'root' | 'caller';
  task: TaskPolicyName;
  expected: Expected;
}

const ROWS: Row[] = [
  // A root session's calls carry no tag keys: ForAnyValue on an absent key is false, ForAllValues true, Null true.
  { name: 'the governance SCP\'s tag protection (ForAnyValue aws:TagKeys): the audit works', statement: PROTECT_DATA_PERIMETER_TAGS, at: 'root', task: 'IAMAuditRootUserCredentials', expected: { result: 'works' } },
  { name: '... and so does deleting credentials', statement: PROTECT_DATA_PERIMETER_TAGS, at: 'root', task: 'IAMDeleteRootUserCredentials', expected: { result: 'works' } },
  { name: '... and unlocking a bucket', statement: PROTECT_DATA_PERIMETER_TAGS, at: 'root', task: 'S3UnlockBucketPolicy', expected: { result: 'works' } },
  {
    name: 'ForAllValues aws:TagKeys holds on the absent key: the audit is blocked',
    statement: { Sid: 'OnlyAllowedTagKeys', Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['owner', 'env'] } } },
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', sid: 'OnlyAllowedTagKeys', blockedCalls: neededCalls('IAMAuditRootUserCredentials') },
  },
  {
    name: 'Null aws:RequestTag/owner true holds: password recovery is blocked',
    statement: { Sid: 'RequireOwnerTag', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'aws:RequestTag/owner': 'true' } } },
    at: 'root',
    task: 'IAMCreateRootUserPassword',
    expected: { result: 'blocked', sid: 'RequireOwnerTag', blockedCalls: neededCalls('IAMCreateRootUserPassword') },
  },
  {
    name: 'another service\'s key (StringNotEquals ec2:Owner) is absent, the negated operator holds: the queue unlock is blocked',
    statement: { Sid: 'OnlyAmazonAMIs', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'ec2:Owner': 'amazon' } } },
    at: 'root',
    task: 'SQSUnlockQueuePolicy',
    expected: { result: 'blocked', sid: 'OnlyAmazonAMIs', blockedCalls: neededCalls('SQSUnlockQueuePolicy') },
  },
  {
    name: 'a bucket\'s tag is the bucket\'s to have (its calls support aws:ResourceTag): the bucket unlock depends on it',
    statement: { Sid: 'LockedBuckets', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/locked': 'true' } } },
    at: 'root',
    task: 'S3UnlockBucketPolicy',
    expected: { result: 'depends', sid: 'LockedBuckets', dependsOn: ['aws:ResourceTag/locked'] },
  },
  {
    name: 'GetAccountSummary acts on no resource and the root user cannot be tagged, so neither carries aws:ResourceTag: "Null true" blocks every call of the audit',
    statement: { Sid: 'OnlyTaggedResources', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'aws:ResourceTag/owner': 'true' } } },
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', sid: 'OnlyTaggedResources', blockedCalls: neededCalls('IAMAuditRootUserCredentials') },
  },
  {
    name: 'a Deny of resources tagged locked on IAM: the root user has no tag, password recovery works',
    statement: { Sid: 'LockedIam', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/locked': 'true' } } },
    at: 'root',
    task: 'IAMCreateRootUserPassword',
    expected: { result: 'works' },
  },
  {
    name: '... and deleting credentials depends on the tag of the MFA device alone (it may be tagged)',
    statement: { Sid: 'LockedIam', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/locked': 'true' } } },
    at: 'root',
    task: 'IAMDeleteRootUserCredentials',
    expected: { result: 'depends', sid: 'LockedIam', dependsOn: ['aws:ResourceTag/locked'] },
  },
  {
    name: 'a Deny unless the IAM resource is tagged team=admin (StringNotEquals iam:ResourceTag/team): password recovery is blocked',
    statement: { Sid: 'AdminResourcesOnly', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'iam:ResourceTag/team': 'admin' } } },
    at: 'root',
    task: 'IAMCreateRootUserPassword',
    expected: { result: 'blocked', sid: 'AdminResourcesOnly', blockedCalls: neededCalls('IAMCreateRootUserPassword') },
  },
  {
    // Decided jointly (joint.ts), the absent key takes no values: read present, it would have kept aws:SourceVpc a dependency.
    name: 'two Denies on either side of aws:SourceVpc, each with Null aws:TagKeys true: blocked whatever the VPC',
    statement: [
      { Sid: 'InVpc', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' }, Null: { 'aws:TagKeys': 'true' } } },
      { Sid: 'OutsideVpc', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' }, Null: { 'aws:TagKeys': 'true' } } },
    ],
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', sid: 'OutsideVpc', blockedCalls: neededCalls('IAMAuditRootUserCredentials') },
  },
  // A call on no resource (GetAccountSummary, the listings) may carry aws:ResourceOrgID and aws:ResourceAccount
  // or not (AWS does not document it): they are not read as absent, and a Deny on them is no certainty.
  {
    name: "AWS's resource perimeter SCP, with the organization's id: GetAccountSummary depends on aws:ResourceOrgID, not certainly blocked",
    statement: RESOURCE_PERIMETER,
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'depends', sid: 'EnforceResourcePerimeterAWSResources', dependsOn: ['aws:ResourceOrgID'] },
  },
  { name: '... and the account\'s own bucket is in the perimeter: unlocking it works', statement: RESOURCE_PERIMETER, at: 'root', task: 'S3UnlockBucketPolicy', expected: { result: 'works' } },
  {
    name: 'a Deny of resources outside the caller\'s account (aws:ResourceAccount ${aws:PrincipalAccount}): the audit depends on aws:ResourceAccount',
    statement: OWN_ACCOUNT_ONLY,
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'depends', sid: 'OwnAccountOnly', dependsOn: ['aws:ResourceAccount'] },
  },
  {
    name: '... and the queue unlock works (its own queue; the listing is not needed)',
    statement: OWN_ACCOUNT_ONLY,
    at: 'root',
    task: 'SQSUnlockQueuePolicy',
    expected: { result: 'works' },
  },
  {
    name: 'a Deny of resources outside any organization (Null aws:ResourceOrgID true): the audit depends on aws:ResourceOrgID',
    statement: { Sid: 'InsideOrganizations', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'aws:ResourceOrgID': 'true' } } },
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'depends', sid: 'InsideOrganizations', dependsOn: ['aws:ResourceOrgID'] },
  },
  // aws:ResourceOrgPaths is read as its sibling keys are: absent, or the account's own path, never another organization's.
  {
    name: "a Deny of GetAccountSummary unless another organization's path (StringNotLikeIfExists aws:ResourceOrgPaths): blocked, as for aws:ResourceOrgID",
    statement: { Sid: 'OtherOrgPathsOnly', Effect: 'Deny', Action: 'iam:GetAccountSummary', Resource: '*', Condition: { 'ForAnyValue:StringNotLikeIfExists': { 'aws:ResourceOrgPaths': 'o-other/*' } } },
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', sid: 'OtherOrgPathsOnly', blockedCalls: ['iam:GetAccountSummary'] },
  },
  {
    name: "a Deny of GetAccountSummary on the organization's own paths (ForAnyValue:StringLike): depends on aws:ResourceOrgPaths, which may be absent",
    statement: { Sid: 'OwnOrgPathsOnly', Effect: 'Deny', Action: 'iam:GetAccountSummary', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': `${ORG_ID}/*` } } },
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'depends', sid: 'OwnOrgPathsOnly', dependsOn: ['aws:ResourceOrgPaths'] },
  },
  // A root session's calls are made directly: no key of a call forwarded by a service, made by a service
  // principal, or sent through chat (the hunt that found them ran each task against the sandbox).
  {
    name: "AWS's example SCP denying actions invoked through Amazon Q Developer in chat (ArnLike aws:ChatbotSourceArn): password recovery works",
    statement: { Sid: 'DenyChatbot', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:ChatbotSourceArn': 'arn:aws:chatbot::*:*' } } },
    at: 'root',
    task: 'IAMCreateRootUserPassword',
    expected: { result: 'works' },
  },
  {
    name: 'a Deny of calls made through CloudFormation (ForAnyValue aws:CalledVia): the audit works',
    statement: { Sid: 'NotViaCfn', Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } } },
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'works' },
  },
  {
    name: 'a Deny unless aws:SourceAccount is ours (StringNotEquals, the key absent): the audit is blocked',
    statement: { Sid: 'OwnSourceOnly', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } } },
    at: 'root',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', sid: 'OwnSourceOnly', blockedCalls: neededCalls('IAMAuditRootUserCredentials') },
  },
  // The caller's sts:AssumeRoot is made with IAM credentials: aws:AssumedRoot is absent from it.
  { name: 'an SCP for root sessions only (Bool aws:AssumedRoot true) on the caller\'s path: the audit works', statement: LIMIT_ROOT_SESSIONS, at: 'caller', task: 'IAMAuditRootUserCredentials', expected: { result: 'works' } },
  {
    name: 'a Deny of sts:AssumeRoot unless in a root session (Null aws:AssumedRoot true): blocked',
    statement: { Sid: 'OnlyRootSessions', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { Null: { 'aws:AssumedRoot': 'true' } } },
    at: 'caller',
    task: 'IAMDeleteRootUserCredentials',
    expected: { result: 'blocked', sid: 'OnlyRootSessions', blockedCalls: ['sts:AssumeRoot'] },
  },
  {
    name: 'a Deny of sts:AssumeRoot with BoolIfExists aws:AssumedRoot false: blocked',
    statement: { Sid: 'NotOutsideRootSessions', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { BoolIfExists: { 'aws:AssumedRoot': 'false' } } },
    at: 'caller',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', sid: 'NotOutsideRootSessions', blockedCalls: ['sts:AssumeRoot'] },
  },
  {
    name: 'AssumeRoot takes no tags: the governance SCP\'s tag protection on the caller\'s path lets it through',
    statement: PROTECT_DATA_PERIMETER_TAGS,
    at: 'caller',
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'works' },
  },
];

function brief(p: TaskPrediction): Expected {
  const first = p.statements[0];
  return {
    result: p.result,
    ...(first?.sid ? { sid: first.sid } : {}),
    ...(p.blockedCalls.length ? { blockedCalls: p.blockedCalls } : {}),
    ...(p.dependsOn.length ? { dependsOn: p.dependsOn } : {}),
  };
}

describe('preflight: keys a request certainly lacks', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const org: OrgPolicies = policies([fullAccess(), orgPolicy('p-guard', 'Guard', [row.statement].flat(), [row.at === 'root' ? ROOT : ADMIN])]);
      const preflight = predictOrganization(snapshot(row.at === 'root' ? MANAGEMENT : ADMIN), org, { region: 'us-east-1', partition: 'aws', tasks: [row.task] });
      const prediction = preflight.predictions.find((p) => p.accountId === IN_TEAM && p.task === row.task);
      assert.ok(prediction, `a prediction for ${IN_TEAM}`);
      assert.deepEqual(brief(prediction), row.expected);
    });
  }
});
