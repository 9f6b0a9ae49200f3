/**
 * The sandbox's CloudTrail event history: management events kept per account and region, as the real Event
 * history is (LookupEvents only sees the caller's own account in the region of the endpoint). Every AssumeRoot
 * the sandbox serves is recorded here in the caller's account and the request's region; `seedRootSessionHistory`
 * adds sessions RootGuard never started. Events are plain data; the CloudTrail service shapes them on the wire.
 */
import { randomUUID } from 'node:crypto';

export interface TrailResource {
  ResourceType: string;
  ResourceName: string;
}

export interface TrailEvent {
  eventId: string;
  eventName: string;
  eventSource: string;
  eventTime: Date;
  /** The account whose Event history holds it (the caller's). */
  accountId: string;
  region: string;
  readOnly: boolean;
  /** LookupEvents' `Username`: the IAM user name or the role session name. */
  username: string;
  /** The caller's access key id (LookupEvents' `AccessKeyId`). */
  accessKeyId: string;
  resources: TrailResource[];
  /** The full event record, served as the `CloudTrailEvent` JSON string. */
  record: Record<string, unknown>;
}

/** Who called: an IAM user or a role session, as CloudTrail's `userIdentity` describes them. */
export type TrailCaller =
  | { kind: 'user'; accountId: string; userName: string; accessKeyId: string }
  | { kind: 'roleSession'; accountId: string; roleName: string; rolePath?: string; sessionName: string; accessKeyId: string; mfa?: boolean };

export class CloudTrailStore {
  private readonly byTrail = new Map<string, TrailEvent[]>();

  add(event: TrailEvent): void {
    const key = `${event.accountId}/${event.region}`;
    const list = this.byTrail.get(key) ?? [];
    list.push(event);
    this.byTrail.set(key, list);
  }

  /**
   * An account's events in a region, newest first (LookupEvents' order). Two calls answered within one
   * millisecond share a time: the one recorded later is the newer, so the list is reversed before the
   * (stable) sort, which then keeps it first.
   */
  events(accountId: string, region: string): TrailEvent[] {
    return [...(this.byTrail.get(`${accountId}/${region}`) ?? [])].reverse().sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime());
  }

  /** Every event of every trail, for tests that assert what was recorded. */
  all(): TrailEvent[] {
    return [...this.byTrail.values()].flat();
  }
}

function userIdentity(caller: TrailCaller): Record<string, unknown> {
  if (caller.kind === 'user') {
    return {
      type: 'IAMUser',
      principalId: `AIDASANDBOX${caller.userName.length}${caller.accountId.slice(-8)}`,
      arn: `arn:aws:iam::${caller.accountId}:user/${caller.userName}`,
      accountId: caller.accountId,
      accessKeyId: caller.accessKeyId,
      userName: caller.userName,
    };
  }
  const roleId = `AROASANDBOX${caller.roleName.length}${caller.accountId.slice(-8)}`;
  return {
    type: 'AssumedRole',
    principalId: `${roleId}:${caller.sessionName}`,
    arn: `arn:aws:sts::${caller.accountId}:assumed-role/${caller.roleName}/${caller.sessionName}`,
    accountId: caller.accountId,
    accessKeyId: caller.accessKeyId,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: roleId, arn: `arn:aws:iam::${caller.accountId}:role${caller.rolePath ?? '/'}${caller.roleName}`, accountId: caller.accountId, userName: caller.roleName },
      attributes: { creationDate: '', mfaAuthenticated: String(caller.mfa ?? false) },
    },
  };
}

export interface AssumeRootCall {
  caller: TrailCaller;
  region: string;
  time: Date;
  /** As the request named it: an account id or a root ARN. */
  targetPrincipal: string;
  taskPolicyArn: string;
  durationSeconds?: number;
  /** The issued session; absent for a refused call (then `errorCode` is set). */
  session?: { accessKeyId: string; sessionToken: string; expiration: Date };
  errorCode?: string;
  errorMessage?: string;
}

/**
 * The AssumeRoot event as the IAM User Guide's "Track privileged tasks in CloudTrail" example shows it. Like
 * AssumeRole events, `responseElements.credentials` carries the session token and expiration (never the secret
 * key); whether AssumeRoot's does too is not confirmed, and keeping it makes readers prove they drop it.
 */
export function assumeRootEvent(call: AssumeRootCall): TrailEvent {
  const eventId = randomUUID();
  const identity = userIdentity(call.caller);
  const requestParameters: Record<string, unknown> = { targetPrincipal: call.targetPrincipal, taskPolicyArn: { arn: call.taskPolicyArn } };
  if (call.durationSeconds !== undefined) requestParameters.durationSeconds = call.durationSeconds;
  const record: Record<string, unknown> = {
    eventVersion: '1.08',
    userIdentity: identity,
    eventTime: call.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRoot',
    awsRegion: call.region,
    sourceIPAddress: '192.0.2.1',
    userAgent: 'sandbox',
    requestParameters,
    responseElements: call.session
      ? { credentials: { accessKeyId: call.session.accessKeyId, sessionToken: call.session.sessionToken, expiration: call.session.expiration.toUTCString() } }
      : null,
    requestID: randomUUID(),
    eventID: eventId,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: call.caller.accountId,
    eventCategory: 'Management',
  };
  if (call.errorCode) Object.assign(record, { errorCode: call.errorCode, errorMessage: call.errorMessage ?? '' });
  return {
    eventId,
    eventName: 'AssumeRoot',
    eventSource: 'sts.amazonaws.com',
    eventTime: call.time,
    accountId: call.caller.accountId,
    region: call.region,
    readOnly: false,
    username: call.caller.kind === 'user' ? call.caller.userName : call.caller.sessionName,
    accessKeyId: call.caller.accessKeyId,
    // Not confirmed for AssumeRoot: AssumeRole events list the issued key as an AWS::IAM::AccessKey resource.
    resources: call.session ? [{ ResourceType: 'AWS::IAM::AccessKey', ResourceName: call.session.accessKeyId }] : [],
    record,
  };
}

/** Another management event (noise LookupEvents must filter out), e.g. an STS AssumeRole or an Organizations read. */
export function otherEvent(caller: TrailCaller, region: string, time: Date, eventSource: string, eventName: string, readOnly: boolean): TrailEvent {
  const eventId = randomUUID();
  return {
    eventId,
    eventName,
    eventSource,
    eventTime: time,
    accountId: caller.accountId,
    region,
    readOnly,
    username: caller.kind === 'user' ? caller.userName : caller.sessionName,
    accessKeyId: caller.accessKeyId,
    resources: [],
    record: {
      eventVersion: '1.08',
      userIdentity: userIdentity(caller),
      eventTime: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource,
      eventName,
      awsRegion: region,
      sourceIPAddress: '192.0.2.1',
      requestParameters: null,
      responseElements: null,
      eventID: eventId,
      readOnly,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: caller.accountId,
    },
  };
}
