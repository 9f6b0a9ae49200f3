/**
 * Whether a parsed audit log line is a record RootGuard could have written: an object with every field its
 * type needs, each of the right kind. The log is a file anyone with the user's rights can edit, and readers
 * act on its records (the history vouches for a session by them, restore-policy puts a kept policy back), so a
 * line that is valid JSON but not a whole record (`42`, `[]`, an outcome without its parameters) is no record.
 */
import type { AuditLogEntry } from './auditLog';
import type { RootTaskKind } from './taskModel';
import { TASK_POLICY_NAMES } from './taskPolicies';

type Json = Record<string, unknown>;

const TASK_KINDS: Record<RootTaskKind, true> = {
  deleteRootCredentials: true,
  allowPasswordRecovery: true,
  unlockS3BucketPolicy: true,
  unlockSqsQueuePolicy: true,
  restoreS3BucketPolicy: true,
  restoreSqsQueuePolicy: true,
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isOneOf = (value: unknown, allowed: readonly string[]) => isText(value) && allowed.includes(value);
const isListOf = (value: unknown, item: (v: unknown) => boolean) => Array.isArray(value) && value.every(item);
const hasTexts = (o: Json, ...keys: string[]) => keys.every((k) => isText(o[k]));
const isError = (value: unknown) => value === undefined || (isObject(value) && hasTexts(value, 'code', 'message'));

const isTaskKind = (value: unknown) => isText(value) && Object.hasOwn(TASK_KINDS, value);
const isParameters = (value: unknown) => isObject(value) && Object.values(value).every((v) => isText(v) || isListOf(v, isText));
const isChange = (value: unknown) => isObject(value) && hasTexts(value, 'operation', 'target', 'description');
const isAppliedChange = (value: unknown) => isChange(value) && isOneOf((value as Json).result, ['changed', 'already-done', 'verified']);
const isKeptPolicy = (value: unknown) => value === undefined || (isObject(value) && isOneOf(value.resource, ['bucket', 'queue']) && isText(value.target) && isPolicyDocument(value.policy));

/**
 * A policy as GetBucketPolicy or GetQueueAttributes returns one: a JSON object. An unlock keeps nothing else,
 * and restoring anything else would not put a policy back: SQS reads an empty `Policy` as "delete it".
 */
export function isPolicyDocument(value: unknown): boolean {
  if (!isText(value)) return false;
  try {
    return isObject(JSON.parse(value));
  } catch {
    return false;
  }
}

/** What every record names: who, when, which run, which task. */
function hasRunFields(o: Json): boolean {
  return o.v === 1 && hasTexts(o, 'id', 'time', 'runId', 'callerArn') && isTaskKind(o.task) && isOneOf(o.taskPolicy, TASK_POLICY_NAMES) && isParameters(o.parameters);
}

/** What a record about one account's session adds. */
function hasSessionFields(o: Json): boolean {
  return hasRunFields(o) && hasTexts(o, 'accountId', 'sessionAccessKeyId');
}

function isPolicyUpdate(o: Json): boolean {
  return (
    o.v === 1 &&
    hasTexts(o, 'id', 'time', 'callerArn', 'policyId', 'policyName', 'oldContent', 'newContent') &&
    isOneOf(o.policyKind, ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']) &&
    isListOf(o.targets, (t) => isObject(t) && hasTexts(t, 'id', 'name', 'type')) &&
    isOneOf(o.outcome, ['intent', 'updated', 'dry-run', 'failed']) &&
    (o.intentId === undefined || isText(o.intentId)) &&
    isError(o.error)
  );
}

function isWholeEntry(o: Json): boolean {
  switch (o.type) {
    case 'intent':
      return hasSessionFields(o) && isListOf(o.changes, isChange) && isKeptPolicy(o.keptPolicy);
    case 'outcome':
      return hasSessionFields(o) && isText(o.intentId) && isOneOf(o.outcome, ['done', 'failed', 'unknown']) && isListOf(o.changed, isAppliedChange) && isListOf(o.notChanged, isChange) && (o.unknown === undefined || isListOf(o.unknown, isChange)) && isError(o.error);
    case 'plan':
      return hasSessionFields(o) && isOneOf(o.reason, ['dry-run', 'nothing-to-change', 'declined', 'failed', 'cancelled']) && isListOf(o.changes, isChange) && isError(o.error);
    case 'run':
      return hasRunFields(o) && isListOf(o.accounts, isText) && typeof o.dryRun === 'boolean';
    case 'policyUpdate':
      return isPolicyUpdate(o);
    case 'sessionRequest':
      return hasRunFields(o) && isText(o.accountId) && isOneOf(o.ended, ['refused', 'response-lost']) && o.error !== undefined && isError(o.error);
    default:
      return false;
  }
}

/** The line's entry, or undefined when it does not parse or is not a whole record of a known type. */
export function parseAuditLogLine(line: string): AuditLogEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  return isObject(parsed) && isWholeEntry(parsed) ? (parsed as unknown as AuditLogEntry) : undefined;
}
