/** The names a person gives the five root tasks (`--task audit`), and the words a prediction uses for them. */
import { TASK_POLICY_NAMES, type TaskPolicyName } from '../policy';

/** Short name per task policy: the `rootguard task` names, and `audit` for the audit. */
export const TASK_LABELS: Record<TaskPolicyName, string> = {
  IAMAuditRootUserCredentials: 'audit',
  IAMCreateRootUserPassword: 'allow-password-recovery',
  IAMDeleteRootUserCredentials: 'delete-credentials',
  S3UnlockBucketPolicy: 'unlock-s3-bucket',
  SQSUnlockQueuePolicy: 'unlock-sqs-queue',
};

/** A task named either way (`delete-credentials` or `IAMDeleteRootUserCredentials`, any case); undefined when unknown. */
export function parseTaskName(name: string): TaskPolicyName | undefined {
  const lower = name.trim().toLowerCase();
  return TASK_POLICY_NAMES.find((task) => task.toLowerCase() === lower || TASK_LABELS[task] === lower);
}
