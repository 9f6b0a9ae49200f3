import assert from 'node:assert/strict';
import { PolicyAccessError, readOrgPolicies } from '../../../../src/core/preflight';

/** What the fake Organizations holds: policies by type, each with its text and targets. */
interface FakePolicy {
  id: string;
  type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  content: string;
  targets: string[];
}

const DENY_ROOT = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyRoot', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }] });
const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/**
 * A narrow fake of the Organizations client for the four calls the reader makes, with the wire's paging
 * (two items a page, and an empty page with a token first, as the real service sometimes sends).
 */
function fakeOrganizations(policies: FakePolicy[], options: { rcp?: 'ENABLED' | 'PENDING_ENABLE'; deny?: string; delayMs?: number } = {}) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const page = <T>(items: T[], token: string | undefined, key: string) => {
    if (token === undefined) return { [key]: [], NextToken: '0' };
    const start = Number(token);
    const next = start + 2 < items.length ? String(start + 2) : undefined;
    return { [key]: items.slice(start, start + 2), NextToken: next };
  };
  const send = async (command: { constructor: { name: string }; input: Record<string, string | undefined> }, _options?: { abortSignal?: AbortSignal }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    calls.push(name);
    if (name === options.deny) throw Object.assign(new Error("You don't have permissions to access this resource."), { name: 'AccessDeniedException' });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
    inFlight--;
    const input = command.input;
    switch (name) {
      case 'ListRoots':
        return { Roots: [{ Id: 'r-ab12', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }, ...(options.rcp ? [{ Type: 'RESOURCE_CONTROL_POLICY', Status: options.rcp }] : [])] }] };
      case 'ListPolicies':
        return page(policies.filter((p) => p.type === input.Filter).map((p) => ({ Id: p.id, Name: `name-${p.id}`, Type: p.type, AwsManaged: p.id === 'p-FullAWSAccess' })), input.NextToken, 'Policies');
      case 'DescribePolicy': {
        const p = policies.find((x) => x.id === input.PolicyId)!;
        return { Policy: { PolicySummary: { Id: p.id, Arn: `arn:aws:organizations::aws:policy/${p.id}`, Name: `name-${p.id}`, Type: p.type }, Content: p.content } };
      }
      case 'ListTargetsForPolicy': {
        const p = policies.find((x) => x.id === input.PolicyId)!;
        return page(p.targets.map((t) => ({ TargetId: t, Name: t, Type: t.startsWith('r-') ? 'ROOT' : t.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT' })), input.NextToken, 'Targets');
      }
    }
    throw new Error(`unexpected ${name}`);
  };
  return { client: { send } as never, calls, maxInFlight: () => maxInFlight };
}

const ORG: FakePolicy[] = [
  { id: 'p-FullAWSAccess', type: 'SERVICE_CONTROL_POLICY', content: ALLOW_ALL, targets: ['r-ab12', 'ou-ab12-prod1111', '111111111111'] },
  { id: 'p-denyroot1', type: 'SERVICE_CONTROL_POLICY', content: DENY_ROOT, targets: ['ou-ab12-prod1111'] },
  { id: 'p-broken01', type: 'SERVICE_CONTROL_POLICY', content: '{"Statement": [', targets: ['222222222222'] },
  { id: 'p-rcpfull1', type: 'RESOURCE_CONTROL_POLICY', content: ALLOW_ALL, targets: ['r-ab12'] },
];

describe('preflight: reading the organization policies', () => {
  it('reads every policy of the enabled types with its text and targets, page after page', async () => {
    const fake = fakeOrganizations(ORG, { rcp: 'ENABLED' });
    const read = await readOrgPolicies(fake.client);
    assert.deepEqual(read.types, { SERVICE_CONTROL_POLICY: 'ENABLED', RESOURCE_CONTROL_POLICY: 'ENABLED' });
    assert.deepEqual(
      read.policies.map((p) => [p.id, p.kind, p.name, p.targets.map((t) => `${t.type}:${t.id}`)]),
      [
        ['p-FullAWSAccess', 'SERVICE_CONTROL_POLICY', 'name-p-FullAWSAccess', ['ROOT:r-ab12', 'ORGANIZATIONAL_UNIT:ou-ab12-prod1111', 'ACCOUNT:111111111111']],
        ['p-denyroot1', 'SERVICE_CONTROL_POLICY', 'name-p-denyroot1', ['ORGANIZATIONAL_UNIT:ou-ab12-prod1111']],
        ['p-broken01', 'SERVICE_CONTROL_POLICY', 'name-p-broken01', ['ACCOUNT:222222222222']],
        ['p-rcpfull1', 'RESOURCE_CONTROL_POLICY', 'name-p-rcpfull1', ['ROOT:r-ab12']],
      ],
    );
    assert.deepEqual(read.policies[1].document?.statements.map((s) => s.sid), ['DenyRoot']);
    assert.equal(read.policies[2].document, undefined);
    assert.match(read.policies[2].readError ?? '', /^not valid JSON: \w+ at line 1, column \d+$/);
  });

  it('makes calls per policy type, policy and page of targets, never per account', async () => {
    const fake = fakeOrganizations(ORG, { rcp: 'ENABLED' });
    await readOrgPolicies(fake.client);
    const count = (name: string) => fake.calls.filter((c) => c === name).length;
    // Each listing starts with an empty page that carries a token.
    assert.deepEqual(
      { roots: count('ListRoots'), list: count('ListPolicies'), describe: count('DescribePolicy'), targets: count('ListTargetsForPolicy') },
      { roots: 1, list: 2 + 1 + 2, describe: 4, targets: 3 + 2 + 2 + 2 },
    );
  });

  it('does not read a policy type that is not ENABLED on the root', async () => {
    const fake = fakeOrganizations(ORG, { rcp: 'PENDING_ENABLE' });
    const read = await readOrgPolicies(fake.client);
    assert.equal(read.types.RESOURCE_CONTROL_POLICY, 'PENDING_ENABLE');
    assert.deepEqual(read.policies.map((p) => p.kind), ['SERVICE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']);
  });

  for (const operation of ['ListRoots', 'ListPolicies', 'DescribePolicy', 'ListTargetsForPolicy']) {
    it(`a caller refused ${operation} gets a typed error naming it and the permissions`, async () => {
      const fake = fakeOrganizations(ORG, { deny: operation });
      const error = await readOrgPolicies(fake.client).then(
        () => undefined,
        (err: unknown) => err,
      );
      assert.ok(error instanceof PolicyAccessError, String(error));
      assert.equal(error.code, 'PolicyAccessDenied');
      assert.equal(error.operation, operation);
      assert.match(error.message, /organizations:ListPolicies, organizations:DescribePolicy, organizations:ListTargetsForPolicy/);
    });
  }

  it('keeps at most `concurrency` calls in flight', async () => {
    const many: FakePolicy[] = Array.from({ length: 12 }, (_, i) => ({ id: `p-many${i}`, type: 'SERVICE_CONTROL_POLICY', content: ALLOW_ALL, targets: ['r-ab12'] }));
    const fake = fakeOrganizations(many, { delayMs: 2 });
    await readOrgPolicies(fake.client, { concurrency: 3 });
    assert.equal(fake.maxInFlight(), 3);
  });

  it('stops on cancellation with the abort error', async () => {
    const controller = new AbortController();
    controller.abort();
    const fake = fakeOrganizations(ORG);
    const send = (fake.client as { send: (c: unknown, o?: { abortSignal?: AbortSignal }) => Promise<unknown> }).send;
    const client = { send: (c: unknown, o?: { abortSignal?: AbortSignal }) => (o?.abortSignal?.aborted ? Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' })) : send(c, o)) };
    await assert.rejects(readOrgPolicies(client as never, { signal: controller.signal }), { name: 'AbortError' });
  });
});
