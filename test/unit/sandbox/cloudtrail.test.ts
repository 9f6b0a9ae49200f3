import assert from 'node:assert/strict';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput, paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { taskPolicyArn } from '../../../src/core/root/taskPolicies';
import { LOOKUP_EVENTS_LIMIT, SEEDED_BREAK_GLASS_ROLE, startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { CloudTrailStore, otherEvent, type TrailCaller } from '../../../src/sandbox/trail';
import { clientsFor, type Creds, rejection, rootSession } from './helpers';

const ROOT_EVENTS = { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: 'AssumeRoot' }] };

describe('sandbox CloudTrail LookupEvents', function () {
  this.timeout(20_000);
  let sandbox: SandboxHandle;
  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 12 });
  });
  afterEach(() => sandbox.close());

  const trail = (region = 'us-east-1', creds: Creds = sandbox.credentials.management) =>
    new CloudTrailClient({ endpoint: sandbox.endpoint, region, credentials: creds, maxAttempts: 1 });

  async function all(client: CloudTrailClient, input: LookupEventsCommandInput) {
    const events = [];
    let pages = 0;
    for await (const page of paginateLookupEvents({ client, pageSize: 50 }, { ...input })) {
      pages++;
      events.push(...(page.Events ?? []));
    }
    return { events, pages };
  }

  it('pages the seeded AssumeRoot events of a region newest first, 50 at most a page, inside 90 days', async () => {
    const { events, pages } = await all(trail(), ROOT_EVENTS);
    const seeded = sandbox.seededHistory.sessions.filter((s) => s.region === 'us-east-1' && s.daysAgo <= 90);
    assert.equal(events.length, seeded.length);
    assert.ok(events.length > 50, 'more than one page');
    assert.equal(pages, 2);
    const times = events.map((e) => e.EventTime!.getTime());
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const keys = events.map((e) => JSON.parse(e.CloudTrailEvent!).responseElements.credentials.accessKeyId);
    assert.deepEqual(new Set(keys), new Set(seeded.map((s) => s.accessKeyId)));
    assert.ok(!keys.includes(sandbox.seededHistory.sessions.find((s) => s.daysAgo > 90)!.accessKeyId), 'the 120-day-old session is gone');
  });

  it('serves the real event shape: requestParameters, responseElements, userIdentity of a role session', async () => {
    const out = await trail('eu-west-1').send(new LookupEventsCommand({ ...ROOT_EVENTS, MaxResults: 1 }));
    const [event] = out.Events!;
    assert.equal(event.EventSource, 'sts.amazonaws.com');
    assert.equal(event.EventName, 'AssumeRoot');
    assert.ok(event.EventTime instanceof Date);
    const record = JSON.parse(event.CloudTrailEvent!);
    assert.equal(record.awsRegion, 'eu-west-1');
    assert.equal(record.requestParameters.targetPrincipal, sandbox.seededHistory.recoveredNotDeleted);
    assert.equal(record.requestParameters.taskPolicyArn.arn, 'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword');
    assert.match(record.responseElements.credentials.accessKeyId, /^ASIA/);
    assert.equal(record.userIdentity.type, 'AssumedRole');
    assert.match(record.userIdentity.sessionContext.sessionIssuer.arn, new RegExp(`:role/breakglass/${SEEDED_BREAK_GLASS_ROLE}$`));
    assert.equal(event.Username, record.userIdentity.arn.split('/').pop());
    assert.ok(out.NextToken, 'a second page exists');
  });

  it('records every AssumeRoot it serves in the caller account, in the region of the endpoint', async () => {
    const member = sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions)!;
    const sts = clientsFor(sandbox, sandbox.credentials.management, { region: 'eu-central-1' }).sts;
    const out = await sts.send(new AssumeRootCommand({ TargetPrincipal: member.id, TaskPolicyArn: { arn: taskPolicyArn('SQSUnlockQueuePolicy') }, DurationSeconds: 300 }));
    const { events } = await all(trail('eu-central-1'), { LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'sts.amazonaws.com' }] });
    assert.equal(events.length, 1);
    const record = JSON.parse(events[0].CloudTrailEvent!);
    assert.deepEqual(
      [record.requestParameters.targetPrincipal, record.requestParameters.taskPolicyArn.arn, record.requestParameters.durationSeconds, record.responseElements.credentials.accessKeyId],
      [member.id, taskPolicyArn('SQSUnlockQueuePolicy'), 300, out.Credentials!.AccessKeyId],
    );
    assert.equal(record.userIdentity.arn, `arn:aws:iam::${sandbox.world.organization.managementAccountId}:user/rootguard-sandbox-admin`);
    assert.ok(!events[0].CloudTrailEvent!.includes(out.Credentials!.SecretAccessKey!), 'never the secret key');
    // Another account's history does not show it.
    const { events: theirs } = await all(trail('eu-central-1', sandbox.credentials.delegatedAdmin), {});
    assert.deepEqual(theirs, []);
  });

  it('records refused AssumeRoot calls too: the error code and message, no credentials, nothing issued', async () => {
    const mgmt = sandbox.world.organization.managementAccountId;
    const member = sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions)!;
    const sts = clientsFor(sandbox, sandbox.credentials.management, { region: 'eu-central-1' }).sts;
    const denied = await rejection(() => sts.send(new AssumeRootCommand({ TargetPrincipal: mgmt, TaskPolicyArn: { arn: taskPolicyArn('IAMAuditRootUserCredentials') } })));
    const invalid = await rejection(() => sts.send(new AssumeRootCommand({ TargetPrincipal: member.id, TaskPolicyArn: { arn: taskPolicyArn('IAMAuditRootUserCredentials') }, DurationSeconds: 901 })));
    assert.deepEqual([denied.name, invalid.name], ['AccessDenied', 'ValidationError']);
    const { events } = await all(trail('eu-central-1'), ROOT_EVENTS);
    const records = events.map((e) => JSON.parse(e.CloudTrailEvent!)).reverse();
    assert.deepEqual(
      records.map((r) => [r.errorCode, r.requestParameters.targetPrincipal, r.responseElements, r.userIdentity.userName]),
      [['AccessDenied', mgmt, null, 'rootguard-sandbox-admin'], ['ValidationError', member.id, null, 'rootguard-sandbox-admin']],
    );
    assert.equal(records[0].errorMessage, denied.message);
    assert.deepEqual(sandbox.world.rootSessions, [], 'no session was opened');
  });

  it('filters by StartTime/EndTime and by one attribute; refuses two attributes, bad ranges, MaxResults 51 and a token reused with other parameters', async () => {
    const now = sandbox.clock.nowMs();
    const { events } = await all(trail(), { ...ROOT_EVENTS, StartTime: new Date(now - 10.5 * 86_400_000), EndTime: new Date(now - 2 * 86_400_000) });
    assert.deepEqual(events.length, 9, 'days 10..2 of the daily audits');
    const noise = await all(trail(), { LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'organizations.amazonaws.com' }] });
    assert.ok(noise.events.length > 0 && noise.events.every((e) => e.EventName === 'ListAccounts'));
    const two = await rejection(() => trail().send(new LookupEventsCommand({ LookupAttributes: [...ROOT_EVENTS.LookupAttributes, { AttributeKey: 'ReadOnly', AttributeValue: 'false' }] })));
    assert.equal(two.name, 'InvalidLookupAttributesException');
    const range = await rejection(() => trail().send(new LookupEventsCommand({ StartTime: new Date(now), EndTime: new Date(now - 1000) })));
    assert.equal(range.name, 'InvalidTimeRangeException');
    const max = await rejection(() => trail().send(new LookupEventsCommand({ MaxResults: 51 })));
    assert.equal(max.name, 'InvalidMaxResultsException');
    const first = await trail().send(new LookupEventsCommand(ROOT_EVENTS));
    const reused = await rejection(() => trail().send(new LookupEventsCommand({ NextToken: first.NextToken })));
    assert.equal(reused.name, 'InvalidNextTokenException');
  });

  it('root sessions may not read the history', async () => {
    const member = sandbox.world.members.find((a) => a.role === 'member' && a.state === 'ACTIVE' && !a.scpDeniesRootSessions)!;
    const session = await rootSession(sandbox, member.id, 'IAMAuditRootUserCredentials');
    const err = await rejection(() => trail('us-east-1', session).send(new LookupEventsCommand({})));
    assert.equal(err.name, 'AccessDeniedException');
  });

  it('with a per-region LookupEvents bucket, the third call of one region is throttled while another region still answers', async () => {
    // The real limit's shape (LOOKUP_EVENTS_LIMIT) with a refill too slow to matter during the test.
    sandbox.setKnobs({ throttling: { ...LOOKUP_EVENTS_LIMIT, perApi: { 'cloudtrail:LookupEvents': { capacity: 2, refillPerSecond: 0.001 } } } });
    const east = trail();
    await east.send(new LookupEventsCommand({ MaxResults: 1 }));
    await east.send(new LookupEventsCommand({ MaxResults: 1 }));
    await trail('eu-west-1').send(new LookupEventsCommand({ MaxResults: 1 }));
    const third = await rejection(() => east.send(new LookupEventsCommand({ MaxResults: 1 })));
    assert.equal(third.name, 'ThrottlingException');
    assert.equal(third.$metadata.httpStatusCode, 400);
  });
});

describe('sandbox CloudTrail store', () => {
  it('lists events of one millisecond newest first: the one recorded later', () => {
    // Two calls answered within one millisecond (a refused AssumeRoot, then another) came out in the order
    // they were recorded, oldest first: "records refused AssumeRoot calls too" failed once that way.
    const store = new CloudTrailStore();
    const caller: TrailCaller = { kind: 'user', accountId: '111122223333', userName: 'ana', accessKeyId: 'AKIAEXAMPLE000000001' };
    const at = new Date('2026-12-06T12:00:00.000Z');
    for (const name of ['First', 'Second', 'Third']) store.add(otherEvent(caller, 'us-east-1', at, 'sts.amazonaws.com', name, false));
    store.add(otherEvent(caller, 'us-east-1', new Date(at.getTime() - 1), 'sts.amazonaws.com', 'Earlier', false));
    assert.deepEqual(store.events('111122223333', 'us-east-1').map((e) => e.eventName), ['Third', 'Second', 'First', 'Earlier']);
  });
});
