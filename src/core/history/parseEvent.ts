/**
 * Reads a LookupEvents `Event` into a RootSessionEvent. Only the named fields are copied out of the
 * `CloudTrailEvent` JSON: its `responseElements.credentials` also carries the session token, which must never
 * reach the history.
 */
import type { Event } from '@aws-sdk/client-cloudtrail';
import { parseTaskPolicyArn } from '../root/taskPolicies';
import type { RootSessionEvent } from './model';

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** `111122223333` or `arn:aws:iam::111122223333:root`. */
function accountOf(principal: string | undefined): string | undefined {
  return principal ? /^(?:arn:aws[\w-]*:iam::)?(\d{12})(?::root)?$/.exec(principal)?.[1] : undefined;
}

/** The AssumeRoot event, or undefined for any other event or a record that does not parse. */
export function parseAssumeRootEvent(event: Event, region: string): RootSessionEvent | undefined {
  if (event.EventName !== 'AssumeRoot' || !event.CloudTrailEvent) return undefined;
  let record: Json;
  try {
    record = obj(JSON.parse(event.CloudTrailEvent));
  } catch {
    return undefined;
  }
  if (record.eventSource !== 'sts.amazonaws.com' || record.eventName !== 'AssumeRoot') return undefined;
  const identity = obj(record.userIdentity);
  const issuer = obj(obj(identity.sessionContext).sessionIssuer);
  const callerArn = text(identity.arn) ?? text(identity.principalId) ?? 'unknown';
  const request = obj(record.requestParameters);
  const taskPolicyArn = text(obj(request.taskPolicyArn).arn) ?? '';
  const time = event.EventTime ?? (text(record.eventTime) ? new Date(record.eventTime as string) : undefined);
  const sessionAccessKeyId = text(obj(obj(record.responseElements).credentials).accessKeyId);
  const errorCode = text(record.errorCode);
  const targetAccountId = accountOf(text(request.targetPrincipal));
  const taskPolicy = parseTaskPolicyArn(taskPolicyArn)?.name;
  return {
    eventId: event.EventId ?? text(record.eventID) ?? '',
    region: text(record.awsRegion) ?? region,
    time: time && !Number.isNaN(time.getTime()) ? time.toISOString() : '',
    callerArn,
    principalArn: identity.type === 'AssumedRole' ? (text(issuer.arn) ?? callerArn) : callerArn,
    callerAccountId: text(identity.accountId) ?? text(record.recipientAccountId) ?? '',
    ...(targetAccountId ? { targetAccountId } : {}),
    taskPolicyArn,
    ...(taskPolicy ? { taskPolicy } : {}),
    ...(sessionAccessKeyId ? { sessionAccessKeyId } : {}),
    ...(errorCode ? { errorCode } : {}),
  };
}

/** What tells one event from another: its id, or where, when and which session when CloudTrail gave none. */
export function eventKey(e: RootSessionEvent): string {
  return e.eventId || `${e.region}/${e.time}/${e.sessionAccessKeyId}`;
}
