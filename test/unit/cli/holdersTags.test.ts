import assert from 'node:assert/strict';
import { runHolders } from '../../../src/cli/holdersCommand';
import type { HoldersReport } from '../../../src/core/holders/index';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index';

const ACCOUNT = '999900000000';
const document = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
/** Password recovery for the platform team, as an ABAC policy writes it. */
const PLATFORM_ONLY = document({
  Effect: 'Allow',
  Action: 'sts:AssumeRoot',
  Resource: '*',
  Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform', 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword' } },
});
const trust = (...actions: string[]) => document({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: actions });

describe('rootguard holders: principal tags read from IAM', function () {
  this.timeout(60_000);

  it("decides a grant on aws:PrincipalTag with the user's or role's tags, and leaves it a condition where sessions may be tagged", async () => {
    const sandbox: SandboxHandle = await startSandbox({ accounts: 4, seedHistory: false });
    try {
      const directory = sandbox.world.directories.get(ACCOUNT)!;
      const entity = (kind: 'user' | 'role', name: string, n: number) => ({
        name, id: `${kind === 'user' ? 'AIDA' : 'AROA'}SANDBOXTAGS0000000${n}`, arn: `arn:aws:iam::${ACCOUNT}:${kind}/${name}`, path: '/', createDate: new Date(),
        inlinePolicies: [{ name: 'platform-recovery', document: PLATFORM_ONLY }], attached: [],
      });
      const team = (value: string) => [{ key: 'Team', value }];
      directory.users.push({ ...entity('user', 'tagged-platform', 1), groups: [], tags: team('platform') }, { ...entity('user', 'tagged-data', 2), groups: [], tags: team('data') });
      directory.roles.push(
        { ...entity('role', 'RolePlatform', 3), trustPolicy: trust('sts:AssumeRole'), tags: team('platform') },
        { ...entity('role', 'RoleData', 4), trustPolicy: trust('sts:AssumeRole'), tags: team('data') },
        { ...entity('role', 'RoleTaggedPerSession', 5), trustPolicy: trust('sts:AssumeRole', 'sts:TagSession'), tags: team('data') },
      );
      let out = '';
      const code = await runHolders(['--sandbox', '--format', 'json'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => undefined }, seams: { sandbox } });
      assert.equal(code, 1);
      const report = JSON.parse(out) as HoldersReport;
      const recovery = (name: string) => {
        const grant = report.holders.find((h) => h.name === name)?.grants.find((g) => g.task === 'IAMCreateRootUserPassword');
        return grant && (grant.unconditional ? 'unconditional' : grant.conditionKeys.join());
      };
      assert.deepEqual(
        ['tagged-platform', 'tagged-data', 'RolePlatform', 'RoleData', 'RoleTaggedPerSession'].map(recovery),
        ['unconditional', undefined, 'unconditional', undefined, 'aws:PrincipalTag/team'],
      );
    } finally {
      await sandbox.close();
    }
  });
});
