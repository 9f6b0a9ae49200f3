/**
 * AWS's five root-task managed policies, as the sandbox enforces them (aws-root-access-api.md section 2).
 * Stated here from AWS's documents rather than imported from RootGuard's core: the sandbox plays AWS, and its
 * enforcement must stay independent code so it can catch the core's mistakes (a unit test cross-checks the two).
 */
export const TASK_POLICY_NAMES = [
  'IAMAuditRootUserCredentials',
  'IAMCreateRootUserPassword',
  'IAMDeleteRootUserCredentials',
  'S3UnlockBucketPolicy',
  'SQSUnlockQueuePolicy',
] as const;

export type TaskPolicyName = (typeof TASK_POLICY_NAMES)[number];

/** The longest root session STS issues, and what it issues when `DurationSeconds` is not sent (section 1.1). */
export const MAX_ROOT_SESSION_SECONDS = 900;

/** The ARN of a task policy in the sandbox's commercial partition: `arn:aws:iam::aws:policy/root-task/<Name>` (section 1.1). */
export function taskPolicyArn(name: TaskPolicyName): string {
  return `arn:aws:iam::aws:policy/root-task/${name}`;
}

/** The task policy a `TaskPolicyArn` names; undefined for anything but the five ARNs `taskPolicyArn` gives. */
export function parseTaskPolicyArn(arn: string): { name: TaskPolicyName } | undefined {
  const name = TASK_POLICY_NAMES.find((candidate) => arn === taskPolicyArn(candidate));
  return name ? { name } : undefined;
}

/**
 * What each policy leaves allowed to a root session: the NotAction list of its `DenyAllOtherActionsOnAnyResource`
 * statement, in the documents' order. The documents' other statements confine these to the root user itself
 * (IAM) or to root callers (S3, SQS); authz.ts keeps every root session to its own account.
 */
export const TASK_POLICY_ALLOWED_ACTIONS: Record<TaskPolicyName, readonly string[]> = {
  IAMAuditRootUserCredentials: [
    'iam:ListAccessKeys',
    'iam:ListSigningCertificates',
    'iam:GetLoginProfile',
    'iam:ListMFADevices',
    'iam:GetAccountSummary',
    'iam:GetUser',
    'iam:GetAccessKeyLastUsed',
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
