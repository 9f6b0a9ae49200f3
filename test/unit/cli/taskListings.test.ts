import assert from 'node:assert/strict';
import type { OrgAccount, OrgSnapshot } from '../../../src/core/org/model';
import { incompleteSelection } from '../../../src/cli/taskSelection';
import type { SandboxAccount } from '../../../src/sandbox/index';
import { type TaskHarness, startTaskHarness } from './taskHarness';

const rootOf = (a: SandboxAccount) => JSON.parse(JSON.stringify(a.root));

/** Every ListAccountsForParent after the first `succeed` calls stays throttled through every retry. */
const accountListingsSucceed = (succeed: number) => ({ throttling: { perApi: { 'organizations:ListAccountsForParent': { capacity: succeed, refillPerSecond: 0 } } } });

describe('rootguard task when a listing of the organization fails', function () {
  this.timeout(60_000);
  let h: TaskHarness;
  afterEach(() => h.close());

  it('--all refuses to run on the accounts it could list: names the failed listings, opens no session, exits 1', async () => {
    h = await startTaskHarness({ accounts: 19, ...accountListingsSucceed(3) });
    const before = h.sandbox.world.accounts.map(rootOf);
    for (const mode of ['--dry-run', '--yes']) {
      const out = await h.run(['delete-credentials', '--all', '--kinds', 'keys', mode]);
      assert.equal(out.code, 1, `${mode}: ${out.stderr}`);
      assert.match(out.stderr, /could not list the accounts of (ou-|r-)\S+ \(TooManyRequests/, mode);
      assert.match(out.stderr, /nothing was changed/, mode);
      assert.doesNotMatch(out.stderr, /Accounts \(\d+\)/, mode);
      assert.equal(out.stdout, '', mode);
    }
    assert.equal(h.sandbox.world.rootSessions.length, 0, 'no root session was opened');
    assert.deepEqual(h.sandbox.world.accounts.map(rootOf), before);
    assert.equal(await h.auditLogText(), '', 'no run started');
  });

  it('an --accounts id it could not list is not called "not in organization" (exit 1, not 2); --ou over a failed listing is refused too', async () => {
    h = await startTaskHarness(accountListingsSucceed(0));
    const member = h.sandbox.world.members.find((a) => a.state === 'ACTIVE')!;
    const named = await h.run(['delete-credentials', '--accounts', member.id, '--dry-run']);
    assert.equal(named.code, 1, named.stderr);
    assert.doesNotMatch(named.stderr, /not in organization/);
    assert.match(named.stderr, new RegExp(`cannot tell whether ${member.id} is in organization`));

    const ou = h.sandbox.world.organizationalUnits.find((u) => u.name === 'Workloads')!;
    const underOu = await h.run(['delete-credentials', '--ou', ou.id, '--dry-run']);
    assert.equal(underOu.code, 1, underOu.stderr);
    assert.match(underOu.stderr, new RegExp(`could not list the accounts of ${ou.id} `));
    assert.equal(h.sandbox.world.rootSessions.length, 0);
  });
});

describe('incompleteSelection: which failed listings a selection depends on', () => {
  const account = (id: string, parentId: string) => ({ id, parentId }) as OrgAccount;
  // r-root holds ou-a (complete) and ou-b, whose accounts could not be listed.
  const snapshot = {
    organization: { id: 'o-test' },
    root: { id: 'r-root' },
    units: [
      { id: 'ou-a', parentId: 'r-root' },
      { id: 'ou-b', parentId: 'r-root' },
    ],
    accounts: [account('111111111111', 'r-root'), account('222222222222', 'ou-a')],
    unlisted: [{ parentId: 'ou-b', listing: 'accounts', code: 'TooManyRequests', message: 'Rate exceeded' }],
  } as unknown as OrgSnapshot;

  it('lets a selection that needs no failed listing run', () => {
    assert.equal(incompleteSelection(snapshot, { accounts: ['222222222222'] }), undefined);
    assert.equal(incompleteSelection(snapshot, { ou: 'ou-a', exclude: ['222222222222'] }), undefined);
    assert.equal(incompleteSelection({ ...snapshot, unlisted: undefined }, { all: true }), undefined);
  });

  it('stops --all, an OU above the failed listing, and an id (named or excluded) it could not place', () => {
    assert.deepEqual(incompleteSelection(snapshot, { all: true })?.listings.map((u) => u.parentId), ['ou-b']);
    assert.deepEqual(incompleteSelection(snapshot, { ou: 'r-root' })?.listings.map((u) => u.parentId), ['ou-b']);
    assert.deepEqual(incompleteSelection(snapshot, { ou: 'ou-b' })?.listings.map((u) => u.parentId), ['ou-b']);
    assert.deepEqual(incompleteSelection(snapshot, { accounts: ['333333333333'] })?.unplaced, ['333333333333']);
    assert.deepEqual(incompleteSelection(snapshot, { ou: 'ou-a', exclude: ['333333333333'] })?.unplaced, ['333333333333']);
  });

  it('stops an OU it did not find only when some OU listing failed (it may be below)', () => {
    const unitsFailed = { ...snapshot, unlisted: [{ parentId: 'ou-a', listing: 'units', code: 'InternalFailure', message: 'x' }] } as OrgSnapshot;
    assert.deepEqual(incompleteSelection(unitsFailed, { ou: 'ou-zzz' })?.listings.map((u) => u.parentId), ['ou-a']);
    assert.equal(incompleteSelection(snapshot, { ou: 'ou-zzz' }), undefined, 'a typo stays a usage error');
  });
});
