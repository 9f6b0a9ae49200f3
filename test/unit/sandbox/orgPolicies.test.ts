import assert from 'node:assert/strict';
import {
  DescribePolicyCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  paginateListTargetsForPolicy,
  UpdatePolicyCommand,
  type OrganizationsClient,
  type PolicySummary,
  type PolicyTargetSummary,
} from '@aws-sdk/client-organizations';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';
import { SEEDED_POLICY_IDS } from '../../../src/sandbox/policySeed';
import { clientsFor, rejection } from './helpers';

async function allPolicies(client: OrganizationsClient, filter: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'): Promise<PolicySummary[]> {
  const out: PolicySummary[] = [];
  for await (const p of paginateListPolicies({ client, pageSize: 2 }, { Filter: filter })) out.push(...(p.Policies ?? []));
  return out;
}

async function allTargets(client: OrganizationsClient, policyId: string): Promise<PolicyTargetSummary[]> {
  const out: PolicyTargetSummary[] = [];
  for await (const p of paginateListTargetsForPolicy({ client, pageSize: 20 }, { PolicyId: policyId })) out.push(...(p.Targets ?? []));
  return out;
}

describe('sandbox Organizations policies (wire)', () => {
  let sandbox: SandboxHandle;
  // 60 accounts, 1/50 blocked by default would be one: ask for one of each blocking shape.
  before(async () => {
    sandbox = await startSandbox({ accounts: 60, ouDepth: 2, scpBlockedAccounts: 4, emptyPageEvery: 2 });
  });
  after(() => sandbox.close());

  const orgs = () => clientsFor(sandbox, sandbox.credentials.management).orgs;
  const world = () => sandbox.world;

  it('ListRoots reports SCPs and RCPs enabled on the root', async () => {
    const out = await orgs().send(new ListRootsCommand({}));
    assert.deepEqual(out.Roots?.[0].PolicyTypes, [
      { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
      { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
    ]);
  });

  it('ListPolicies pages through each type, FullAWSAccess first, with empty pages carrying a NextToken', async () => {
    sandbox.clearRequests();
    const scps = await allPolicies(orgs(), 'SERVICE_CONTROL_POLICY');
    assert.deepEqual(
      scps.map((p) => p.Id),
      ['p-FullAWSAccess', 'p-sbxctroot1', 'p-sbxctroot2', 'p-sbxlzaroot', 'p-sbxregion1', 'p-sbxsrcip01', 'p-sbxallow01'],
    );
    // 7 policies at 2 a page with every second page empty: more requests than pages of data.
    assert.ok(sandbox.requests().filter((r) => r.operation === 'ListPolicies').length > 4);
    assert.deepEqual(scps[0], {
      Id: 'p-FullAWSAccess',
      Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
      Name: 'FullAWSAccess',
      Description: 'Allows access to every operation',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: true,
    });
    const rcps = await allPolicies(orgs(), 'RESOURCE_CONTROL_POLICY');
    assert.deepEqual(rcps.map((p) => [p.Id, p.AwsManaged]), [['p-RCPFullAWSAccess', true], ['p-sbxrcps301', false]]);
    assert.equal(rcps[1].Arn, `arn:aws:organizations::${world().organization.managementAccountId}:policy/${world().organization.id}/resource_control_policy/p-sbxrcps301`);
    const tags = await orgs().send(new ListPoliciesCommand({ Filter: 'TAG_POLICY' }));
    assert.deepEqual(tags.Policies, []);
  });

  it('DescribePolicy returns the document as a JSON string', async () => {
    const out = await orgs().send(new DescribePolicyCommand({ PolicyId: SEEDED_POLICY_IDS.controlTowerRootDenyExempt }));
    assert.equal(out.Policy?.PolicySummary?.Name, 'aws-guardrails-RestrictRootUserExemptAssumeRoot');
    const doc = JSON.parse(out.Policy!.Content!);
    assert.deepEqual(doc.Statement[0].Condition, { StringLike: { 'aws:PrincipalArn': ['arn:*:iam::*:root'] }, Null: { 'aws:AssumedRoot': 'true' } });
  });

  it('ListTargetsForPolicy names the root, every OU and every account FullAWSAccess is attached to', async () => {
    const targets = await allTargets(orgs(), 'p-FullAWSAccess');
    const noFull = world().accounts.filter((a) => world().policies.attachedTo(a.id, 'SERVICE_CONTROL_POLICY').some((p) => p.id === SEEDED_POLICY_IDS.computeAndStorageOnly));
    assert.equal(noFull.length, 1);
    assert.equal(targets.length, 1 + world().organizationalUnits.length + world().accounts.length - 1);
    assert.ok(!targets.some((t) => t.TargetId === noFull[0].id));
    assert.deepEqual(targets[0], { TargetId: 'r-sand', Arn: world().organization.rootArn, Name: 'Root', Type: 'ROOT' });
    const legacy = world().organizationalUnits.find((ou) => ou.name === 'LegacyRootDeny')!;
    assert.deepEqual(await allTargets(orgs(), SEEDED_POLICY_IDS.controlTowerRootDeny), [{ TargetId: legacy.id, Arn: legacy.arn, Name: 'LegacyRootDeny', Type: 'ORGANIZATIONAL_UNIT' }]);
    const lza = await allTargets(orgs(), SEEDED_POLICY_IDS.lzaRootNotAction);
    assert.deepEqual(lza.map((t) => t.Type), ['ACCOUNT']);
    assert.equal(world().account(lza[0].TargetId!).scpDeniesRootSessions, true);
  });

  it('ListPoliciesForTarget lists what is attached directly, per type', async () => {
    const lzaAccount = world().policies.targetsOf(SEEDED_POLICY_IDS.lzaRootNotAction)[0];
    const scps: string[] = [];
    for await (const p of paginateListPoliciesForTarget({ client: orgs(), pageSize: 1 }, { TargetId: lzaAccount, Filter: 'SERVICE_CONTROL_POLICY' })) {
      scps.push(...(p.Policies ?? []).map((x) => x.Id!));
    }
    assert.deepEqual(scps, ['p-FullAWSAccess', SEEDED_POLICY_IDS.lzaRootNotAction]);
    const rcps = await orgs().send(new ListPoliciesForTargetCommand({ TargetId: lzaAccount, Filter: 'RESOURCE_CONTROL_POLICY' }));
    assert.deepEqual(rcps.Policies?.map((p) => p.Id), ['p-RCPFullAWSAccess', SEEDED_POLICY_IDS.protectS3BucketPolicies]);
    const root = await orgs().send(new ListPoliciesForTargetCommand({ TargetId: 'r-sand', Filter: 'SERVICE_CONTROL_POLICY' }));
    assert.deepEqual(root.Policies?.map((p) => p.Id), ['p-FullAWSAccess', SEEDED_POLICY_IDS.regionDeny]);
  });

  it('answers bad ids, filters and tokens with the service errors', async () => {
    const missing = await rejection(() => orgs().send(new DescribePolicyCommand({ PolicyId: 'p-doesnotexist' })));
    assert.equal(missing.name, 'PolicyNotFoundException');
    const pattern = await rejection(() => orgs().send(new ListTargetsForPolicyCommand({ PolicyId: 'policy-1' })));
    assert.deepEqual([pattern.name, pattern.Reason], ['InvalidInputException', 'INVALID_PATTERN']);
    const noFilter = await rejection(() => orgs().send(new ListPoliciesCommand({} as never)));
    assert.deepEqual([noFilter.name, noFilter.Reason], ['InvalidInputException', 'INPUT_REQUIRED']);
    const badFilter = await rejection(() => orgs().send(new ListPoliciesCommand({ Filter: 'NOT_A_TYPE' as never })));
    assert.deepEqual([badFilter.name, badFilter.Reason], ['InvalidInputException', 'INVALID_ENUM']);
    const target = await rejection(() => orgs().send(new ListPoliciesForTargetCommand({ TargetId: '999988887777', Filter: 'SERVICE_CONTROL_POLICY' })));
    assert.equal(target.name, 'TargetNotFoundException');
    const first = await orgs().send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 1 }));
    const crossed = await rejection(() => orgs().send(new ListPoliciesCommand({ Filter: 'RESOURCE_CONTROL_POLICY', NextToken: first.NextToken })));
    assert.deepEqual([crossed.name, crossed.Reason], ['InvalidInputException', 'INVALID_NEXT_TOKEN']);
    const tooMany = await rejection(() => orgs().send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess', MaxResults: 21 })));
    assert.equal(tooMany.Reason, 'MAX_VALUE_EXCEEDED');
  });

  it('the delegated admin reads policies; an ordinary member may not', async () => {
    const admin = clientsFor(sandbox, sandbox.credentials.delegatedAdmin).orgs;
    assert.equal((await allPolicies(admin, 'RESOURCE_CONTROL_POLICY')).length, 2);
    const member = clientsFor(sandbox, sandbox.credentials.member).orgs;
    const denied = await rejection(() => member.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })));
    assert.deepEqual([denied.name, denied.$metadata.httpStatusCode], ['AccessDeniedException', 403]);
  });
});

/** A valid SCP padded with spaces to exactly `length` characters (Organizations counts whitespace too). */
function padded(length: number): string {
  const body = '{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}';
  return body + ' '.repeat(length - body.length);
}

describe('sandbox Organizations UpdatePolicy (wire)', () => {
  let sandbox: SandboxHandle;
  beforeEach(async () => {
    sandbox = await startSandbox({ accounts: 12, scpBlockedAccounts: 1 });
  });
  afterEach(() => sandbox.close());

  const orgs = () => clientsFor(sandbox, sandbox.credentials.management).orgs;
  const id = SEEDED_POLICY_IDS.controlTowerRootDeny;

  it('stores new content, name and description and answers with the updated policy', async () => {
    const content = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:CreateLoginProfile', Resource: '*' }] });
    const out = await orgs().send(new UpdatePolicyCommand({ PolicyId: id, Content: content, Name: 'Renamed', Description: 'narrowed' }));
    assert.deepEqual([out.Policy?.PolicySummary?.Name, out.Policy?.PolicySummary?.Description, out.Policy?.Content], ['Renamed', 'narrowed', content]);
    const read = await orgs().send(new DescribePolicyCommand({ PolicyId: id }));
    assert.equal(read.Policy?.Content, content);
    assert.equal(sandbox.world.policies.find(id)?.name, 'Renamed');
  });

  it('leaves out members that are not given', async () => {
    const before = sandbox.world.policies.find(id)!.content;
    await orgs().send(new UpdatePolicyCommand({ PolicyId: id, Description: 'only this' }));
    assert.deepEqual([sandbox.world.policies.find(id)?.content, sandbox.world.policies.find(id)?.description], [before, 'only this']);
  });

  it('refuses malformed documents, oversize documents, unknown and AWS managed policies, and non-management callers', async () => {
    const before = sandbox.world.policies.find(id)!.content;
    const cases: [string, Record<string, string>, string, string?][] = [
      ['not JSON', { PolicyId: id, Content: '{"Version": "2012-10-17", "Statement": [' }, 'MalformedPolicyDocumentException'],
      ['no statement', { PolicyId: id, Content: '{"Version":"2012-10-17"}' }, 'MalformedPolicyDocumentException'],
      ['SCP with a Principal', { PolicyId: id, Content: '{"Statement":{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}}' }, 'MalformedPolicyDocumentException'],
      ['10,241 characters', { PolicyId: id, Content: padded(10_241) }, 'ConstraintViolationException', 'POLICY_CONTENT_LIMIT_EXCEEDED'],
      ['unknown id', { PolicyId: 'p-0000000000', Content: before }, 'PolicyNotFoundException'],
      ['AWS managed', { PolicyId: 'p-FullAWSAccess', Content: before }, 'AccessDeniedException'],
    ];
    for (const [what, input, code, reason] of cases) {
      const err = await rejection(() => orgs().send(new UpdatePolicyCommand(input as never)));
      assert.equal(err.name, code, what);
      if (reason) assert.equal(err.Reason, reason, what);
    }
    const admin = clientsFor(sandbox, sandbox.credentials.delegatedAdmin).orgs;
    assert.equal((await rejection(() => admin.send(new UpdatePolicyCommand({ PolicyId: id, Content: before })))).name, 'AccessDeniedException');
    assert.equal(sandbox.world.policies.find(id)?.content, before);
  });

  it('accepts a document of exactly 10,240 characters', async () => {
    const content = padded(10_240);
    await orgs().send(new UpdatePolicyCommand({ PolicyId: id, Content: content }));
    assert.equal(sandbox.world.policies.find(id)?.content.length, 10_240);
  });
});
