import assert from 'node:assert/strict';
import { GetAccountSummaryCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { UpdatePolicyCommand } from '@aws-sdk/client-organizations';
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { taskPolicyArn } from '../../../src/core/root/taskPolicies';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { SEEDED_POLICY_IDS as IDS } from '../../../src/sandbox/policySeed';
import { clientsFor, rejection, rootSession } from './helpers';

/** The seeded SCPs and RCPs enforced on real SDK calls over HTTP: the wire error and its reason clause. */
describe('sandbox SCP/RCP enforcement (wire)', () => {
  let sandbox: SandboxHandle;
  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 30, ouDepth: 2, scpBlockedAccounts: 4, suspendedAccounts: 0, seed: 3 });
  });
  afterEach(() => sandbox.close());

  const attachedOnly = (policyId: string) => sandbox.world.policies.targetsOf(policyId)[0];
  const ctAccount = () => sandbox.world.accounts.find((a) => sandbox.world.findOu(a.parentId)?.name === 'LegacyRootDeny')!.id;
  const freeAccount = () => sandbox.world.members.find((a) => a.role === 'member' && !a.scpDeniesRootSessions)!.id;

  async function getUserOutcome(accountId: string): Promise<string> {
    const iam = clientsFor(sandbox, await rootSession(sandbox, accountId, 'IAMAuditRootUserCredentials')).iam;
    try {
      await iam.send(new GetUserCommand({}));
      return 'ok';
    } catch (err) {
      const e = err as Error;
      return `${e.name}: ${e.message.replace(/^User: \S+ is not authorized to perform: iam:GetUser on resource: \S+ /, '')}`;
    }
  }

  it('root sessions: each blocking shape denies IAM with the clause AWS uses, an unblocked account passes', async () => {
    const outcomes = {
      free: await getUserOutcome(freeAccount()),
      controlTower: await getUserOutcome(ctAccount()),
      lza: await getUserOutcome(attachedOnly(IDS.lzaRootNotAction)),
      sourceIp: await getUserOutcome(attachedOnly(IDS.rootOutsideCorporateNetwork)),
      noFullAwsAccess: await getUserOutcome(attachedOnly(IDS.computeAndStorageOnly)),
    };
    assert.deepEqual(outcomes, {
      free: 'ok',
      controlTower: 'AccessDenied: with an explicit deny in a service control policy',
      lza: 'AccessDenied: with an explicit deny in a service control policy',
      sourceIp: 'AccessDenied: with an explicit deny in a service control policy',
      noFullAwsAccess: 'AccessDenied: because no service control policy allows the iam:GetUser action',
    });
  });

  it('the RCP on S3 denies a bucket policy delete the SCPs allow; the read passes both', async () => {
    const accountId = attachedOnly(IDS.lzaRootNotAction);
    const s3 = clientsFor(sandbox, await rootSession(sandbox, accountId, 'S3UnlockBucketPolicy')).s3;
    const Bucket = `sandbox-${accountId}-data`;
    assert.equal((await rejection(() => s3.send(new GetBucketPolicyCommand({ Bucket })))).name, 'NoSuchBucketPolicy');
    const err = await rejection(() => s3.send(new DeleteBucketPolicyCommand({ Bucket })));
    assert.deepEqual([err.name, err.$metadata.httpStatusCode], ['AccessDenied', 403]);
    assert.match(err.message, /s3:DeleteBucketPolicy on resource: arn:aws:s3:::sandbox-\d+-data with an explicit deny in a resource control policy$/);
    // Without FullAWSAccess the account's SCPs still list s3:*, so the same task works there.
    const listed = attachedOnly(IDS.computeAndStorageOnly);
    const s3b = clientsFor(sandbox, await rootSession(sandbox, listed, 'S3UnlockBucketPolicy')).s3;
    await s3b.send(new DeleteBucketPolicyCommand({ Bucket: `sandbox-${listed}-data` }));
  });

  it('the region deny stops SQS outside the approved regions, in the JSON wire error', async () => {
    const accountId = freeAccount();
    const creds = await rootSession(sandbox, accountId, 'SQSUnlockQueuePolicy');
    const QueueUrl = `${sandbox.endpoint}/${accountId}/sandbox-events`;
    await clientsFor(sandbox, creds).sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    const far = clientsFor(sandbox, creds, { region: 'ap-southeast-2' }).sqs;
    const err = await rejection(() => far.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })));
    assert.equal(err.name, 'AccessDenied');
    assert.match(err.message, /with an explicit deny in a service control policy$/);
  });

  it('IAM as AWS authorizes it: no RCP limits it, its Region is us-east-1, GetAccountSummary has no resource', async () => {
    const world = sandbox.world;
    const accountId = freeAccount();
    const add = (id: string, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', statement: object) => {
      world.policies.add({ id, arn: 'arn:test', name: id, description: '', type, awsManaged: false, content: JSON.stringify({ Statement: [statement] }) });
      world.policies.attach(id, accountId);
    };
    add('p-rcpdenyall', 'RESOURCE_CONTROL_POLICY', { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' });
    add('p-onlyuse1', 'SERVICE_CONTROL_POLICY', { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } });
    add('p-rootonly', 'SERVICE_CONTROL_POLICY', { Effect: 'Deny', Action: 'iam:*', NotResource: 'arn:aws:iam::*:root' });
    const creds = await rootSession(sandbox, accountId, 'IAMAuditRootUserCredentials');
    assert.ok((await clientsFor(sandbox, creds, { region: 'eu-west-2' }).iam.send(new GetUserCommand({}))).User);
    const summary = await rejection(() => clientsFor(sandbox, creds).iam.send(new GetAccountSummaryCommand({})));
    assert.match(summary.message, /iam:GetAccountSummary on resource: \* with an explicit deny in a service control policy$/);
  });

  it("a resource perimeter (aws:ResourceOrgID) lets root sessions act on their account's own bucket and queue, and denies the listing, which has no resource", async () => {
    const world = sandbox.world;
    const accountId = freeAccount();
    const perimeter = { StringNotEqualsIfExists: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } };
    const add = (id: string, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', statement: object) => {
      world.policies.add({ id, arn: 'arn:test', name: id, description: '', type, awsManaged: false, content: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) });
      world.policies.attach(id, accountId);
    };
    add('p-scpperimeter', 'SERVICE_CONTROL_POLICY', { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: perimeter });
    add('p-rcpperimeter', 'RESOURCE_CONTROL_POLICY', { Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: perimeter });
    const s3 = clientsFor(sandbox, await rootSession(sandbox, accountId, 'S3UnlockBucketPolicy')).s3;
    assert.equal((await rejection(() => s3.send(new GetBucketPolicyCommand({ Bucket: `sandbox-${accountId}-data` })))).name, 'NoSuchBucketPolicy');
    const listing = await rejection(() => s3.send(new ListBucketsCommand({})));
    assert.match(listing.message, /s3:ListAllMyBuckets on resource: \* with an explicit deny in a service control policy$/);
    const sqs = clientsFor(sandbox, await rootSession(sandbox, accountId, 'SQSUnlockQueuePolicy')).sqs;
    const QueueUrl = `${sandbox.endpoint}/${accountId}/sandbox-events`;
    assert.ok((await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes);
  });

  it("a Resource naming the account's own buckets by variable denies the unlock there, and nowhere else", async () => {
    const world = sandbox.world;
    const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucketPolicy', Resource: 'arn:aws:s3:::sandbox-${aws:PrincipalAccount}-*' }] };
    world.policies.add({ id: 'p-ownbuckets', arn: 'arn:test', name: 'KeepOwnBuckets', description: '', type: 'SERVICE_CONTROL_POLICY', awsManaged: false, content: JSON.stringify(deny) });
    const accountId = freeAccount();
    world.policies.attach('p-ownbuckets', accountId);
    const s3 = clientsFor(sandbox, await rootSession(sandbox, accountId, 'S3UnlockBucketPolicy')).s3;
    const err = await rejection(() => s3.send(new DeleteBucketPolicyCommand({ Bucket: `sandbox-${accountId}-data` })));
    assert.match(err.message, /with an explicit deny in a service control policy$/);
  });

  it('UpdatePolicy takes effect at once: adding ExemptAssumeRoot to the legacy deny lets root sessions through', async () => {
    const accountId = ctAccount();
    assert.match(await getUserOutcome(accountId), /explicit deny in a service control policy/);
    const orgs = clientsFor(sandbox, sandbox.credentials.management).orgs;
    const exempt = sandbox.world.policies.find(IDS.controlTowerRootDenyExempt)!.content;
    await orgs.send(new UpdatePolicyCommand({ PolicyId: IDS.controlTowerRootDeny, Content: exempt }));
    assert.equal(await getUserOutcome(accountId), 'ok');
  });

  it("an SCP on the delegated admin's own path can deny sts:AssumeRoot for one task policy", async () => {
    const world = sandbox.world;
    const securityOu = world.accounts[1].parentId;
    const deny = { Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { ArnEquals: { 'sts:TaskPolicyArn': taskPolicyArn('IAMCreateRootUserPassword') } } }] };
    world.policies.add({ id: 'p-nopassword', arn: 'arn:test', name: 'NoPasswordTask', description: '', type: 'SERVICE_CONTROL_POLICY', awsManaged: false, content: JSON.stringify(deny) });
    world.policies.attach('p-nopassword', securityOu);
    const sts = clientsFor(sandbox, sandbox.credentials.delegatedAdmin).sts;
    const assume = (task: 'IAMCreateRootUserPassword' | 'IAMAuditRootUserCredentials') =>
      sts.send(new AssumeRootCommand({ TargetPrincipal: freeAccount(), TaskPolicyArn: { arn: taskPolicyArn(task) } }));
    const err = await rejection(() => assume('IAMCreateRootUserPassword'));
    assert.equal(err.name, 'AccessDenied');
    assert.match(err.message, /sts:AssumeRoot .* with an explicit deny in a service control policy$/);
    assert.ok((await assume('IAMAuditRootUserCredentials')).Credentials?.AccessKeyId);
    // The management account is exempt from SCPs.
    world.policies.attach('p-nopassword', world.organization.rootId);
    const mgmt = clientsFor(sandbox, sandbox.credentials.management).sts;
    assert.ok((await mgmt.send(new AssumeRootCommand({ TargetPrincipal: freeAccount(), TaskPolicyArn: { arn: taskPolicyArn('IAMCreateRootUserPassword') } }))).Credentials);
  });
});
