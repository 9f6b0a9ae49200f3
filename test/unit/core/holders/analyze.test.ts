import assert from 'node:assert/strict';
import { whereOf } from '../../../../src/core/holders/formats';
import { analyzeHolders, type HolderSources, type PolicyText, type PrincipalSource, unconditionalRecoveryHolders } from '../../../../src/core/holders/index';

const ACCOUNT = '111111111111';
const TASK = (name: string) => `arn:aws:iam::aws:policy/root-task/${name}`;

function policy(label: string, ...statements: object[]): PolicyText {
  return { label, source: 'inline', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) };
}

function role(name: string, policies: PolicyText[], extra: Partial<PrincipalSource> = {}): PrincipalSource {
  return { kind: 'role', name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, policies, ...extra };
}

function analyze(principals: PrincipalSource[], organizationAccounts?: string[]) {
  const sources: HolderSources = { accountId: ACCOUNT, principals, organizationAccounts, gaps: [] };
  return analyzeHolders(sources);
}

/** task -> [where, conditions, deciding policy:line:sid] for one holder. */
function summary(report: ReturnType<typeof analyze>, name: string) {
  const holder = report.holders.find((h) => h.name === name);
  assert.ok(holder, `${name} is not a holder`);
  return Object.fromEntries(
    holder.grants.map((g) => [g.task, [g.everyAccount ? '*' : g.accounts.join(','), g.unconditional ? 'none' : g.conditionKinds.join(','), g.deciding.map((d) => `${d.policy}:${d.line}:${d.sid ?? ''}`).join(' ')]]),
  );
}

describe('root session holders: evaluating principals', () => {
  const cases: { title: string; principal: PrincipalSource; expected: Record<string, string[]> }[] = [
    {
      title: 'one task on two accounts from the office network, granted by the second statement of a group policy',
      principal: role('ops', [
        policy(
          'ops',
          { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          {
            Sid: 'Recover',
            Effect: 'Allow',
            Action: 'sts:AssumeRoot',
            Resource: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:root'],
            Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMCreateRootUserPassword') }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
          },
        ),
      ]),
      expected: { IAMCreateRootUserPassword: ['222222222222,333333333333', 'network', 'ops:10:Recover'] },
    },
    {
      title: 'every task everywhere with MFA; a Deny in another policy removes deletion',
      principal: role('breakglass', [
        policy('allow', { Sid: 'All', Effect: 'Allow', Action: 'sts:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
        policy('deny', { Sid: 'NoDelete', Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringLike: { 'sts:TaskPolicyArn': '*Delete*' } } }),
      ]),
      expected: {
        IAMAuditRootUserCredentials: ['*', 'mfa', 'allow:4:All'],
        IAMCreateRootUserPassword: ['*', 'mfa', 'allow:4:All'],
        S3UnlockBucketPolicy: ['*', 'mfa', 'allow:4:All'],
        SQSUnlockQueuePolicy: ['*', 'mfa', 'allow:4:All'],
        FutureTaskPolicy: ['*', 'mfa', 'allow:4:All'],
      },
    },
    {
      title: 'an admin policy grants every task with no condition; the boundary keeps only audit',
      principal: role('admin', [policy('admin', { Effect: 'Allow', Action: '*', Resource: '*' })], {
        boundary: policy('boundary', { Sid: 'AuditOnly', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMAuditRootUserCredentials') } } }),
      }),
      expected: { IAMAuditRootUserCredentials: ['*', 'none', 'admin:4: boundary:4:AuditOnly'] },
    },
    {
      title: 'a tag condition on the caller',
      principal: role('tagged', [policy('tagged', { Sid: 'Team', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::*:root', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform', 'sts:TaskPolicyArn': TASK('S3UnlockBucketPolicy') } } })]),
      expected: { S3UnlockBucketPolicy: ['*', 'tags', 'tagged:4:Team'] },
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      assert.deepEqual(summary(analyze([c.principal]), c.principal.name), c.expected);
    });
  }

  it('leaves out principals that cannot reach AssumeRoot, and lists the ones a boundary stops with what it removes', () => {
    const report = analyze([
      role('reader', [policy('read', { Effect: 'Allow', Action: ['iam:Get*', 'sts:GetCallerIdentity'], Resource: '*' })]),
      role('dev', [policy('power', { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' })], { boundary: policy('b', { Effect: 'Allow', NotAction: ['sts:AssumeRoot'], Resource: '*' }) }),
    ]);
    assert.equal(report.examined, 2);
    assert.deepEqual(report.holders.map((h) => [h.name, h.capability, h.grants.length, h.boundaryRemoves.length]), [['dev', 'blockedByBoundary', 0, 6]]);
  });

  it('reads who can become a role: external account, organization account, federated provider, anyone', () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444444444444:root', '555555555555'] }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } },
        { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:saml-provider/idp' }, Action: 'sts:AssumeRoleWithSAML' },
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:TagSession' },
      ],
    });
    const admin = policy('admin', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' });
    const holder = analyze([role('shared', [admin], { trustPolicy: trust })], [ACCOUNT, '555555555555']).holders[0];
    assert.deepEqual(
      holder.trust.map((t) => [t.kind, t.principal, t.conditionKeys.join()]),
      [
        ['externalAccount', 'arn:aws:iam::444444444444:root', 'sts:ExternalId'],
        ['organizationAccount', '555555555555', 'sts:ExternalId'],
        ['federated', 'arn:aws:iam::111111111111:saml-provider/idp', ''],
        ['anyone', '*', ''],
      ],
    );
    assert.ok(holder.risk.reasons.includes('trusted by anyone (*)'));

    assert.equal(holder.trust[3].strangersGetIn, true);

    const allBut = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::444444444444:root' }, Action: 'sts:AssumeRole' }] });
    const everyoneBut = analyze([role('shared', [admin], { trustPolicy: allBut })], [ACCOUNT]).holders[0];
    assert.deepEqual(everyoneBut.trust.map((t) => [t.kind, t.principal, t.strangersGetIn]), [['anyone', '* except arn:aws:iam::444444444444:root', true]]);
    assert.ok(everyoneBut.risk.reasons.includes('trusted by anyone (*)'));
  });

  it('"*" kept to the organization by a condition, or by a Deny, is no trust in anyone (the engine asks for a stranger)', () => {
    const admin = policy('admin', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' });
    const orgOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] });
    const denied = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ],
    });
    const [byCondition, byDeny] = analyze([role('org', [admin], { trustPolicy: orgOnly }), role('guarded', [admin], { trustPolicy: denied })], [ACCOUNT]).holders.sort((a, b) => (a.name < b.name ? 1 : -1));
    assert.deepEqual([byCondition.name, byCondition.trust.map((t) => [t.kind, t.strangersGetIn])], ['org', [['anyone', false]]]);
    assert.ok(byCondition.risk.reasons.includes('trusted by any principal its conditions admit (aws:PrincipalOrgID)'), byCondition.risk.reasons.join('; '));
    assert.ok(!byCondition.risk.reasons.includes('trusted by anyone (*)'));
    assert.deepEqual([byDeny.name, byDeny.trust.map((t) => [t.kind, t.strangersGetIn])], ['guarded', [['anyone', false]]]);
    assert.ok(!byDeny.risk.reasons.includes('trusted by anyone (*)'));
  });

  it('"*" on roles of another organization than the account\'s (aws:ResourceOrgID) lets nobody in, once the organization is read', () => {
    const admin = policy('admin', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' });
    const trust = (organization: string) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:ResourceOrgID': organization } } }] });
    const strangersGetIn = (organization: string, owner?: { organization?: string; orgPath?: string }) => {
      const ownScps = owner && { check: { status: 'managementAccount' as const }, owner };
      const sources: HolderSources = { accountId: ACCOUNT, principals: [role('shared', [admin], { trustPolicy: trust(organization) })], organizationAccounts: [ACCOUNT, '222222222222'], ownScps, gaps: [] };
      return analyzeHolders(sources).holders[0].trust[0].strangersGetIn;
    };
    assert.equal(strangersGetIn('o-otherorg99', { organization: 'o-a1b2c3d4e5' }), false);
    // Its own organization limits resources, not callers: anyone gets in.
    assert.equal(strangersGetIn('o-a1b2c3d4e5', { organization: 'o-a1b2c3d4e5' }), true);
    // Not read: the organization the policy names is taken for the account's, the reading that misses no one.
    assert.equal(strangersGetIn('o-otherorg99'), true);
  });

  it('"*" kept to another organization or an account outside ours is trust from outside the organization', () => {
    const admin = policy('admin', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' });
    const ours = 'o-a1b2c3d4e5';
    const trusted = (condition: object, owner?: { organization: string }) => {
      const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: condition }] });
      const ownScps = owner && { check: { status: 'managementAccount' as const }, owner };
      const sources: HolderSources = { accountId: ACCOUNT, principals: [role('shared', [admin], { trustPolicy: trust })], organizationAccounts: [ACCOUNT, '555555555555'], ownScps, gaps: [] };
      const [holder] = analyzeHolders(sources).holders;
      return [holder.trust.map((t) => t.kind).join(), holder.risk.reasons.at(-1)];
    };
    const outside = ['externalAccount', 'trusted from outside the organization'];
    const cases: Array<[string, object, { organization: string } | undefined, string[]]> = [
      ['another organization', { StringEquals: { 'aws:PrincipalOrgID': 'o-attacker0001' } }, { organization: ours }, outside],
      ['an account not in the organization', { StringEquals: { 'aws:PrincipalAccount': '111122223333' } }, { organization: ours }, outside],
      ['our organization', { StringEquals: { 'aws:PrincipalOrgID': ours } }, { organization: ours }, ['anyone', 'trusted by any principal its conditions admit (aws:PrincipalOrgID)']],
      ['an account of the organization', { StringEquals: { 'aws:PrincipalAccount': '555555555555' } }, { organization: ours }, ['anyone', 'trusted by any principal its conditions admit (aws:PrincipalAccount)']],
      // The organization not read: whether the one named is ours is not known.
      ['an organization, ours not read', { StringEquals: { 'aws:PrincipalOrgID': 'o-attacker0001' } }, undefined, ['anyone', 'trusted by any principal its conditions admit (aws:PrincipalOrgID)']],
    ];
    for (const [name, condition, owner, expected] of cases) assert.deepEqual(trusted(condition, owner), expected, name);
  });

  it('federated trust with no condition on the subject lets in anyone with a token from the provider', () => {
    const admin = policy('admin', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
    const github = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const web = (provider: string, condition: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }] });
    const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
    const cases: Array<[string, string, number, string | undefined]> = [
      ['any-repository', web(github, { StringEquals: aud }), 120, 'trusted by any identity of token.actions.githubusercontent.com (no condition on the subject)'],
      ['one-repository', web(github, { StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': 'repo:octo-org/deploy:ref:refs/heads/main' } }), 100, undefined],
      ['any-cognito-pool', web('cognito-identity.amazonaws.com', {}), 120, 'trusted by any identity of cognito-identity.amazonaws.com (no condition on the subject)'],
    ];
    const report = analyze(cases.map(([name, trust]) => role(name, [admin], { trustPolicy: trust })), [ACCOUNT, '555555555555']);
    for (const [name, , score, reason] of cases) {
      const holder = report.holders.find((h) => h.name === name)!;
      assert.deepEqual([holder.risk.score, holder.risk.reasons[1]], [score, reason], name);
    }
  });

  it('ranks recovery on every account with no condition and outside trust first, audit-only last', () => {
    const every = policy('every', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' });
    const mfa = policy('mfa', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
    const audit = policy('audit', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMAuditRootUserCredentials') } } });
    const outside = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sts:AssumeRole' }] });
    const report = analyze([role('auditor', [audit]), role('mfa', [mfa]), role('inside', [every]), role('vendor', [every], { trustPolicy: outside })], [ACCOUNT]);
    assert.deepEqual(report.holders.map((h) => h.name), ['vendor', 'inside', 'mfa', 'auditor']);
    assert.deepEqual(report.holders.map((h) => h.capability), ['recoveryOrDeletionEveryAccount', 'recoveryOrDeletionEveryAccount', 'recoveryOrDeletionEveryAccount', 'auditOnly']);
    assert.deepEqual(unconditionalRecoveryHolders(report).map((h) => h.name), ['vendor', 'inside']);
  });

  it('scores the condition on the grants that carry the risk: the riskiest kind held, not an audit beside it', () => {
    const only = (task: string, condition: object = {}) => ({ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK(task) }, ...condition } });
    const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    const office = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
    const cases: Array<[string, object[], number, string[]]> = [
      ['recovery with MFA, audit free', [only('IAMAuditRootUserCredentials'), only('IAMCreateRootUserPassword', mfa)], 100, ['password recovery or credential deletion on every account']],
      ['recovery free', [only('IAMCreateRootUserPassword')], 140, ['password recovery or credential deletion on every account', 'no condition in the way']],
      ['recovery from the office, audit free', [only('IAMAuditRootUserCredentials'), only('IAMCreateRootUserPassword', office)], 115, ['password recovery or credential deletion on every account', 'no MFA condition']],
      ['unlock with MFA, audit free', [only('IAMAuditRootUserCredentials'), only('S3UnlockBucketPolicy', mfa)], 20, []],
      ['audit free', [only('IAMAuditRootUserCredentials')], 45, ['no condition in the way']],
    ];
    const report = analyze(cases.map(([name, statements]) => role(name, [policy(name, ...statements)])));
    for (const [name, , score, reasons] of cases) assert.deepEqual(report.holders.find((h) => h.name === name)!.risk, { score, reasons }, name);
  });

  it('no guard from a condition the caller meets anyway: its Region, TLS, the time now, its own name', () => {
    const recover = (name: string, condition: object) =>
      role(name, [policy(name, { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::*:root', Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMCreateRootUserPassword') }, ...condition } })]);
    const user = (name: string, condition: object): PrincipalSource => ({ ...recover(name, condition), kind: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/${name}` });
    const report = analyzeHolders({
      accountId: ACCOUNT,
      gaps: [],
      now: new Date('2026-12-07T00:00:00Z'),
      principals: [
        recover('region', { StringEqualsIgnoreCase: { 'aws:RequestedRegion': 'us-east-1' } }),
        recover('tls', { Bool: { 'aws:SecureTransport': 'true' } }),
        recover('until2099', { DateLessThan: { 'aws:CurrentTime': '2099-01-01T00:00:00Z' } }),
        user('ops-self', { StringEquals: { 'aws:username': 'ops-self' } }),
        recover('office', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
        recover('expired', { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }),
        // Every request carries the Region: a grant only its absence would let through is none.
        recover('no-region', { Null: { 'aws:RequestedRegion': 'true' } }),
      ],
    });
    assert.deepEqual(unconditionalRecoveryHolders(report).map((h) => h.name).sort(), ['ops-self', 'region', 'tls', 'until2099']);
    assert.deepEqual(summary(report, 'office').IAMCreateRootUserPassword.slice(0, 2), ['*', 'network']);
    assert.equal(report.holders.find((h) => h.name === 'expired'), undefined, 'a grant that ended is none');
    assert.equal(report.holders.find((h) => h.name === 'no-region'), undefined, 'a grant only a missing Region lets through is none');
  });

  it('no grant on a key the principal\'s requests never hold as asked: a role\'s user name, another organization', () => {
    const recover = (name: string, condition: object) => policy(name, { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: condition });
    const user = (name: string, condition: object): PrincipalSource => ({ kind: 'user', name, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, policies: [recover(name, condition)] });
    const principals = [
      role('role-as-alice', [recover('role-as-alice', { StringEquals: { 'aws:username': 'alice' } })]),
      role('role-not-mallory', [recover('role-not-mallory', { StringNotEquals: { 'aws:username': 'mallory' } })]),
      user('alice', { StringEquals: { 'aws:username': 'alice' } }),
      role('partner-org', [recover('partner-org', { StringEquals: { 'aws:PrincipalOrgID': 'o-other000000' } })]),
      role('own-org', [recover('own-org', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })]),
      // The target's organization: a member account's, the account's own.
      role('target-own-org', [recover('target-own-org', { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } })]),
      role('target-partner-org', [recover('target-partner-org', { StringEquals: { 'aws:ResourceOrgID': 'o-other000000' } })]),
    ];
    const holders = (owner?: { organization: string }) => {
      const report = analyzeHolders({ accountId: ACCOUNT, principals, gaps: [], ownScps: owner && { check: { status: 'managementAccount' }, owner } });
      return Object.fromEntries(report.holders.map((h) => [h.name, summary(report, h.name).IAMCreateRootUserPassword[1]]));
    };
    assert.deepEqual(holders({ organization: 'o-a1b2c3d4e5' }), { 'role-not-mallory': 'none', alice: 'none', 'own-org': 'none', 'target-own-org': 'none' });
    // The organization not read: a condition on it stays one.
    assert.deepEqual(holders(), { 'role-not-mallory': 'none', alice: 'none', 'partner-org': 'other', 'own-org': 'other', 'target-own-org': 'other', 'target-partner-org': 'other' });
  });

  it('reaches only the accounts a root session can target: member accounts, each of them being every account', () => {
    const members = ['999900000001', '999900000002'];
    const recover = (name: string, resource: string | string[]) => role(name, [policy(name, { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: resource })]);
    const principals = [
      recover('management-only', `arn:aws:iam::${ACCOUNT}:root`),
      recover('outside-only', 'arn:aws:iam::123456789012:root'),
      recover('management-and-member', [`arn:aws:iam::${ACCOUNT}:root`, 'arn:aws:iam::999900000002:root']),
      recover('every-member-by-pattern', 'arn:aws:iam::9999000000??:root'),
      recover('one-member-by-pattern', 'arn:aws:iam::9999000000?1:root'),
      recover('every-member-by-name', members.map((account) => `arn:aws:iam::${account}:root`)),
    ];
    const where = (organizationAccounts?: string[]) => {
      const report = analyzeHolders({ accountId: ACCOUNT, principals, organizationAccounts, gaps: [], ownScps: { check: { status: 'managementAccount' } } });
      const holders = Object.fromEntries(report.holders.map((h) => [h.name, summary(report, h.name).IAMCreateRootUserPassword[0]]));
      return { holders, unconditional: unconditionalRecoveryHolders(report).map((h) => h.name).sort() };
    };
    assert.deepEqual(where([ACCOUNT, ...members]), {
      holders: {
        'management-and-member': '999900000002',
        'every-member-by-pattern': '*',
        'one-member-by-pattern': 'arn:aws:iam::9999000000?1:root',
        'every-member-by-name': '*',
      },
      unconditional: ['every-member-by-name', 'every-member-by-pattern'],
    });
    // The accounts not listed: only the management account is known to be no target.
    assert.deepEqual(where(), {
      holders: {
        'outside-only': '123456789012',
        'management-and-member': '999900000002',
        'every-member-by-pattern': 'arn:aws:iam::9999000000??:root',
        'one-member-by-pattern': 'arn:aws:iam::9999000000?1:root',
        'every-member-by-name': '999900000001,999900000002',
      },
      unconditional: [],
    });
  });

  it('MFA under BoolIfExists guards nothing from access keys, whose requests carry no MFA key; under Bool it does', () => {
    const mfa = (name: string, operator: string) =>
      role(name, [policy(name, { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { [operator]: { 'aws:MultiFactorAuthPresent': 'true' } } })]);
    const report = analyze([mfa('if-exists', 'BoolIfExists'), mfa('required', 'Bool')]);
    assert.deepEqual(summary(report, 'if-exists').IAMCreateRootUserPassword.slice(0, 2), ['*', 'none']);
    assert.deepEqual(summary(report, 'required').IAMCreateRootUserPassword.slice(0, 2), ['*', 'mfa']);
    assert.deepEqual(unconditionalRecoveryHolders(report).map((h) => h.name), ['if-exists']);
  });

  it('a grant in another partition reaches none of the account\'s accounts; one scoped by an aws:ResourceAccount pattern reaches those', () => {
    const china = role('china', [policy('china', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws-cn:iam::*:root' })]);
    const like = role('like', [policy('like', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::*:root', Condition: { StringLike: { 'aws:ResourceAccount': '2222*' } } })]);
    const report = analyzeHolders({ accountId: ACCOUNT, principals: [china, like], gaps: [], partition: 'aws' });
    assert.deepEqual(report.holders.map((h) => [h.name, h.grants.length]), [['like', 6]]);
    assert.equal(whereOf(report.holders[0].grants[0]), '2222*');
  });

  it('reports a policy it cannot read as a gap instead of guessing', () => {
    const report = analyze([role('broken', [{ label: 'bad', source: 'inline', text: '{"Statement": [' }])]);
    assert.deepEqual([report.holders.length, report.gaps.map((g) => g.code)], [0, ['UnreadablePolicy']]);
  });

  it('names the accounts a Deny carves out of an every-account grant', () => {
    const report = analyze([
      role('almost', [
        policy('almost', { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMCreateRootUserPassword') } } }, { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::111122223333:root' }),
      ]),
    ]);
    const [grant] = report.holders.find((h) => h.name === 'almost')!.grants;
    assert.deepEqual([grant.task, grant.everyAccount, grant.exceptAccounts], ['IAMCreateRootUserPassword', true, ['111122223333']]);
    assert.equal(whereOf(grant), 'every account except 111122223333');
  });

  it('counts the named accounts the engine did not check one by one, and says so where the grant is shown', () => {
    const named = Array.from({ length: 20 }, (_, i) => `arn:aws:iam::${String(200000000000 + i)}:root`);
    const report = analyze([
      role('many', [policy('many', { Sid: 'Recover', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: named, Condition: { StringEquals: { 'sts:TaskPolicyArn': TASK('IAMCreateRootUserPassword') } } })]),
    ]);
    const [grant] = report.holders.find((h) => h.name === 'many')!.grants;
    assert.equal(grant.accounts.length + grant.uncheckedAccounts, 20);
    assert.ok(grant.uncheckedAccounts > 0);
    assert.match(whereOf(grant), new RegExp(`^200000000000 .* and possibly ${grant.uncheckedAccounts} more named accounts not checked one by one$`));
  });
});

