/**
 * The five AWS managed root-task policies (`arn:aws:iam::aws:policy/root-task/*`), the only values
 * `sts:AssumeRoot` accepts as `TaskPolicyArn`. Shared by the linter, the privileged tasks and the
 * sandbox, which enforces the same scopes the real policies grant.
 */
export const TASK_POLICY_NAMES = [
  'IAMAuditRootUserCredentials',
  'IAMCreateRootUserPassword',
  'IAMDeleteRootUserCredentials',
  'S3UnlockBucketPolicy',
  'SQSUnlockQueuePolicy',
] as const;

export type TaskPolicyName = (typeof TASK_POLICY_NAMES)[number];

export const TASK_POLICY_PATH = '/root-task/';

/** The ARN of a task policy; `aws-cn` and `aws-us-gov` partitions have the same five. */
export function taskPolicyArn(name: TaskPolicyName, partition = 'aws'): string {
  return `arn:${partition}:iam::aws:policy${TASK_POLICY_PATH}${name}`;
}

/**
 * Task policy names a caller passed untyped (a command's argument): the names when it is a list of them
 * and nothing else, at least one; undefined for anything else, so no other text reaches the fix they build.
 */
export function taskPolicyChoice(value: unknown): TaskPolicyName[] | undefined {
  const names: readonly unknown[] = TASK_POLICY_NAMES;
  return Array.isArray(value) && value.length > 0 && value.every((item) => names.includes(item)) ? (value as TaskPolicyName[]) : undefined;
}

const ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov):iam::aws:policy\/root-task\/([A-Za-z0-9]+)$/;

/** Splits a task-policy ARN; undefined for anything that is not exactly one of the five. */
export function parseTaskPolicyArn(arn: string): { partition: string; name: TaskPolicyName } | undefined {
  const match = ARN_PATTERN.exec(arn);
  if (!match) return undefined;
  const name = TASK_POLICY_NAMES.find((n) => n === match[2]);
  return name ? { partition: match[1], name } : undefined;
}

/**
 * What each task policy leaves allowed to the root session (the complement of its Deny statements),
 * from the policy documents' v1 (see aws-root-access-api.md section 2). Reads and deletes are scoped to the
 * root user itself; S3 and SQS actions to the session's own account.
 */
export const TASK_POLICY_ALLOWED_ACTIONS: Record<TaskPolicyName, readonly string[]> = {
  IAMAuditRootUserCredentials: [
    'iam:GetAccountSummary',
    'iam:GetLoginProfile',
    'iam:ListAccessKeys',
    'iam:GetAccessKeyLastUsed',
    'iam:ListMFADevices',
    'iam:ListSigningCertificates',
    'iam:GetUser',
  ],
  IAMCreateRootUserPassword: ['iam:CreateLoginProfile', 'iam:GetLoginProfile'],
  IAMDeleteRootUserCredentials: [
    'iam:DeleteAccessKey',
    'iam:DeleteSigningCertificate',
    'iam:DeleteLoginProfile',
    'iam:DeactivateMFADevice',
    'iam:DeleteVirtualMFADevice',
    'iam:ListAccessKeys',
    'iam:ListSigningCertificates',
    'iam:GetLoginProfile',
    'iam:ListMFADevices',
    'iam:GetUser',
    'iam:GetAccessKeyLastUsed',
  ],
  S3UnlockBucketPolicy: ['s3:DeleteBucketPolicy', 's3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:ListAllMyBuckets'],
  SQSUnlockQueuePolicy: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes', 'sqs:ListQueues', 'sqs:GetQueueUrl'],
};

/** Longest root session AWS issues, in seconds. */
export const MAX_ROOT_SESSION_SECONDS = 900;
