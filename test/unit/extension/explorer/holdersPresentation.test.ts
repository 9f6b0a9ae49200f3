// What the Root session holders node says, from principals evaluated by the real policy engine.
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { analyzeHolders, type PolicyText, type PrincipalSource } from '../../../../src/core/holders/index';
import { readPolicy } from '../../../../src/core/policy';
import { describeHolder, describeReport, describeTrust, grantRows, groupHolders, holderTooltip } from '../../../../src/extension/explorer/holdersPresentation';

const ACCOUNT = '111111111111';
const OUTSIDE = '444455556666';
const TASK = (name: string) => `arn:aws:iam::aws:policy/root-task/${name}`;

const policy = (label: string, ...statements: object[]): PolicyText => ({ label, source: 'inline', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) });
const trust = (principal: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

const vendor: PrincipalSource = {
  kind: 'role',
  name: 'Vendor',
  arn: `arn:aws:iam::${ACCOUNT}:role/Vendor`,
  policies: [policy('admin', { Effect: 'Allow', Action: '*', Resource: '*' })],
  trustPolicy: trust({ AWS: `arn:aws:iam::${OUTSIDE}:root` }),
};
const auditor: PrincipalSource = {
  kind: 'permissionSet',
  name: 'Auditor',
  arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1',
  policies: [
    policy('audit a', { Sid: 'AuditA', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMAuditRootUserCredentials') } } }),
    policy('audit b', { Sid: 'AuditB', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMAuditRootUserCredentials') } } }),
  ],
  assignments: [{ principalType: 'GROUP', principalId: 'g-1' }],
};
const operator: PrincipalSource = {
  kind: 'user',
  name: 'op',
  arn: `arn:aws:iam::${ACCOUNT}:user/op`,
  policies: [
    policy('ops', {
      Sid: 'Recover',
      Effect: 'Allow',
      Action: 'sts:AssumeRoot',
      Resource: 'arn:aws:iam::222222222222:root',
      Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMCreateRootUserPassword') }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    }),
  ],
};
const bounded: PrincipalSource = {
  kind: 'user',
  name: 'dev',
  arn: `arn:aws:iam::${ACCOUNT}:user/dev`,
  policies: [policy('power', { Effect: 'Allow', Action: 'sts:*', Resource: '*' })],
  boundary: { ...policy('fence', { Effect: 'Allow', NotAction: 'sts:AssumeRoot', Resource: '*' }), source: 'permissions boundary' },
};

const report = analyzeHolders({ accountId: ACCOUNT, principals: [auditor, bounded, operator, vendor], organizationAccounts: [ACCOUNT, '222222222222'], gaps: [{ part: 'IAM Identity Center permission sets', code: 'AccessDenied', message: 'no' }] });
const holder = (name: string) => report.holders.find((h) => h.name === name)!;

describe('Root session holders node: presentation', () => {
  it('groups the principals riskiest group first, leaving out groups nobody is in', () => {
    assert.deepEqual(
      groupHolders(report).map((g) => [g.capability, g.holders.map((h) => h.name)]),
      [
        ['recoveryOrDeletionEveryAccount', ['Vendor']],
        ['recoveryOrDeletion', ['op']],
        ['auditOnly', ['Auditor']],
        ['blockedByBoundary', ['dev']],
      ],
    );
  });

  it('sums up the report, counting the unconditional password recovery everywhere and the parts not read', () => {
    assert.equal(describeReport(report), '3 of 4 principals can open root sessions · 1 recover passwords everywhere unconditionally · 1 part not read');
  });

  it('describes each principal by kind and the reasons it ranks where it does', () => {
    assert.equal(describeHolder(holder('Vendor')), 'role · no condition in the way · trusted from outside the organization');
    assert.equal(describeHolder(holder('op')), 'user');
    assert.equal(describeHolder(holder('dev')), 'user · permissions boundary removes every root task');
  });

  it('says a trust naming a deleted role is stale, and ranks it no trust from outside', () => {
    const stale: PrincipalSource = { kind: 'role', name: 'Stale', arn: `arn:aws:iam::${ACCOUNT}:role/Stale`, policies: [policy('admin', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' })], trustPolicy: trust({ AWS: 'AROAEXAMPLEID12345678' }) };
    const [holder] = analyzeHolders({ accountId: ACCOUNT, principals: [stale], organizationAccounts: [ACCOUNT], gaps: [] }).holders;
    assert.equal(describeTrust(holder.trust[0]), 'a deleted user or role (stale trust, lets nobody in): `AROAEXAMPLEID12345678`');
    assert.equal(describeHolder(holder), 'role · no condition in the way');
  });

  it('puts tasks, accounts, conditions, trust, assignments and the boundary in the tooltip', () => {
    const vendorTip = holderTooltip(holder('Vendor'), vendor);
    assert.match(vendorTip, /- \*\*audit, password recovery, delete credentials, unlock S3, unlock SQS, future tasks\*\* on every account, no condition/);
    assert.match(vendorTip, /an account outside the organization: `arn:aws:iam::444455556666:root`/);
    assert.match(vendorTip, /No permissions boundary\./);
    assert.match(holderTooltip(holder('op'), operator), /\*\*password recovery\*\* on 222222222222, if `aws:MultiFactorAuthPresent`/);
    assert.match(holderTooltip(holder('Auditor'), auditor), /Assigned in this account to:\n\n- group `g-1`/);
    assert.match(holderTooltip(holder('dev'), bounded), /Permissions boundary `fence`: removes IAMAuditRootUserCredentials, IAMCreateRootUserPassword/);
  });

  it('shows condition keys and ARNs as written in the tooltip: no link or image from a policy, no stray backslash', () => {
    // A service key's: an aws: key that is no global one is in no request, and would grant nothing to show.
    const grantKey = 'sts:SourceIp`[approved_by_security](https://attacker.example/ok)`';
    const trustKey = 'x:y`![](https://attacker.example/t.png)`';
    const arn = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123`;
    const sso: PrincipalSource = {
      kind: 'role',
      name: 'AWSReservedSSO_Admin_0123',
      arn,
      policies: [policy('admin', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { IpAddress: { [grantKey]: '10.0.0.0/8' } } })],
      trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { [trustKey]: 'z' } } }] }),
    };
    const [ssoHolder] = analyzeHolders({ accountId: ACCOUNT, principals: [sso], organizationAccounts: [ACCOUNT], gaps: [] }).holders;
    const html = new MarkdownIt({ html: false, linkify: true }).render(holderTooltip(ssoHolder, sso));
    assert.doesNotMatch(html, /<(a|img)\b/, html);
    for (const written of [grantKey, trustKey, arn]) assert.ok(html.includes(`<code>${written}</code>`), `${written}: ${html}`);
  });

  it('makes one row per accounts and conditions, with every statement that grants it once', () => {
    assert.deepEqual(
      grantRows(holder('op')).map((r) => [r.tasks, r.description, r.statements.map((s) => `${s.policy}:${s.line}:${s.sid}`)]),
      [['password recovery', '222222222222 · if aws:MultiFactorAuthPresent', ['ops:4:Recover']]],
    );
    assert.deepEqual(
      grantRows(holder('Auditor')).map((r) => [r.tasks, r.description, r.statements.map((s) => `${s.policy}:${s.sid}`)]),
      [['audit', 'every account · no condition', ['audit a:AuditA', 'audit b:AuditB']]],
    );
    assert.deepEqual(grantRows(holder('dev')), []);
  });

  it('with the account’s own SCPs applied, shows what they remove and why, keeping a principal the SCP exempts by ARN', () => {
    const scp = (id: string, ...statements: object[]) => readPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), id);
    const full = scp('p-FullAWSAccess', { Effect: 'Allow', Action: '*', Resource: '*' });
    const noRecovery = scp('p-norecover', {
      Sid: 'NoRecoveryButVendor',
      Effect: 'Deny',
      Action: 'sts:AssumeRoot',
      Resource: '*',
      Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMCreateRootUserPassword') }, ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/Vendor` } },
    });
    const check = { status: 'applied' as const, targets: ['r-1', ACCOUNT], policies: [{ id: 'p-norecover', name: 'NoRecovery', targets: [ACCOUNT] }] };
    const filtered = analyzeHolders({
      accountId: ACCOUNT,
      principals: [operator, vendor],
      gaps: [],
      ownScps: { check, levels: [[full], [full, noRecovery]], context: { 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalOrgID': 'o-1', 'aws:PrincipalOrgPaths': ['o-1/r-1/'] } },
    });
    const op = filtered.holders.find((h) => h.name === 'op')!;
    assert.deepEqual(groupHolders(filtered).map((g) => [g.capability, g.holders.map((h) => h.name)]), [['recoveryOrDeletionEveryAccount', ['Vendor']], ['blockedByScp', ['op']]]);
    assert.equal(describeHolder(op), 'user · the account’s SCPs remove every root task');
    assert.match(holderTooltip(op, operator), /Removed by this account’s own SCPs:\n\n- password recovery: denied by SCP p-norecover statement 1 \(NoRecoveryButVendor\), line 4/);
    assert.deepEqual(filtered.holders.find((h) => h.name === 'Vendor')!.scpRemoves, []);
    assert.deepEqual(filtered.scps, check);
  });
});
