import assert from 'node:assert/strict';
import { TASK_CALLS, TASK_POLICY_NAMES, UNKNOWN_PART, assumeRootGrant, evaluate, principalRootGrant, rootSessionDenials, rootSessionRequest, taskPolicyArn } from '../../../../src/core/policy';
import { policy } from './helpers';

const denyRoot = (condition: object, action: object = { Action: '*' }) => policy([{ Effect: 'Deny', ...action, Resource: '*', Condition: condition }], 'scp');
const summary = (p: ReturnType<typeof policy>, kind: 'scp' | 'rcp' = 'scp') =>
  rootSessionDenials(p, kind).map((d) => ({ task: d.task, calls: d.actions.length, certain: d.certain, partitions: d.everyPartition ? 'every' : d.partitions.join(','), dependsOn: d.dependsOn }));

describe('policy engine: which task calls a Deny refuses a root session', () => {
  const shapes: [string, string, string][] = [
    ["Control Tower's arn:*:", 'arn:*:iam::*:root', 'every'],
    ["LZA's arn:${PARTITION}:", 'arn:${PARTITION}:iam::*:root', 'every'],
    ['CloudFormation ${AWS::Partition} as the IaC layer hands it', `arn:${UNKNOWN_PART}:iam::*:root`, 'every'],
    ['a literal partition', 'arn:aws-us-gov:iam::*:root', 'aws-us-gov'],
  ];
  // Control Tower and CloudFormation templates compare the ARN as a string (StringLike), LZA as an ARN.
  for (const [name, value, partitions] of shapes) for (const operator of ['ArnLike', 'StringLike']) {
    it(`${name} (${operator}): every call of every task, certainly, in ${partitions} partition(s)`, () => {
      const answer = summary(denyRoot({ [operator]: { 'aws:PrincipalArn': value } }));
      assert.deepEqual(answer.map((a) => [a.task, a.certain, a.partitions, a.dependsOn]), [
        ['IAMAuditRootUserCredentials', true, partitions, []],
        ['IAMCreateRootUserPassword', true, partitions, []],
        ['IAMDeleteRootUserCredentials', true, partitions, []],
        ['S3UnlockBucketPolicy', true, partitions, []],
        ['SQSUnlockQueuePolicy', true, partitions, []],
      ]);
    });
  }

  it('two Like conditions on one key deny only a value matching both: the answer names that key', () => {
    const scp = denyRoot({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, StringLike: { 'aws:UserAgent': 'r*' }, StringLikeIfExists: { 'aws:UserAgent': '*d' } });
    const call = TASK_CALLS.IAMAuditRootUserCredentials[0];
    const concrete = evaluate(rootSessionRequest(call, { partition: 'aws', account: '111122223333' }, { 'aws:UserAgent': 'red' }), { scps: [[scp]] });
    assert.equal(concrete.decision, 'explicitDeny');
    assert.deepEqual(
      summary(scp).map((a) => [a.task, a.certain, a.dependsOn]),
      TASK_POLICY_NAMES.map((task) => [task, false, ['aws:UserAgent']]),
    );
  });

  it('the Null aws:AssumedRoot exemption lets every root session through', () => {
    assert.deepEqual(summary(denyRoot({ ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' }, Null: { 'aws:AssumedRoot': 'true' } })), []);
  });

  it('StringEquals with a * never matches a root session', () => {
    assert.deepEqual(summary(denyRoot({ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } })), []);
  });

  it('a deny that exempts some roles still catches root sessions, for the actions it names', () => {
    const answer = summary(denyRoot({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } }, { Action: 'iam:CreateLoginProfile' }));
    assert.deepEqual(answer, [{ task: 'IAMCreateRootUserPassword', calls: 1, certain: true, partitions: 'every', dependsOn: [] }]);
  });

  // Certain: some call of the task is refused whatever the keys hold, though the Deny never refuses another.
  const oneCallRows: [string, object, ReturnType<typeof summary>][] = [
    [
      'the buckets of partition aws, for every caller but one role: every call on a bucket, not the listing',
      { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } } },
      [{ task: 'S3UnlockBucketPolicy', calls: 3, certain: true, partitions: 'aws', dependsOn: [] }],
    ],
    [
      'IAM on anything but a root user: the account summary and the MFA device, not the root user\'s own calls',
      { Effect: 'Deny', Action: 'iam:*', NotResource: 'arn:*:iam::*:root' },
      [
        { task: 'IAMAuditRootUserCredentials', calls: 1, certain: true, partitions: 'every', dependsOn: [] },
        { task: 'IAMDeleteRootUserCredentials', calls: 1, certain: true, partitions: 'every', dependsOn: [] },
      ],
    ],
  ];
  for (const [name, statement, expected] of oneCallRows) {
    it(`a Deny certain for one call of a task and never for another blocks it for certain: ${name}`, () => {
      assert.deepEqual(summary(policy([statement], 'scp')), expected);
    });
  }

  it('a deny that hinges on a key the text cannot fix says so', () => {
    const answer = summary(denyRoot({ StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, { Action: 'sqs:*' }));
    assert.deepEqual(answer, [{ task: 'SQSUnlockQueuePolicy', calls: 4, certain: false, partitions: 'every', dependsOn: ['aws:RequestedRegion'] }]);
  });

  // A root session carries no principal tags: the root user cannot be tagged, and AssumeRoot takes no session tags.
  const tagRows: Array<[string, object, 'denied' | 'not denied']> = [
    ['StringNotEqualsIfExists: absent, so the Deny applies', { StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'security' } }, 'denied'],
    ['StringNotEquals: a negated operator holds on an absent key', { StringNotEquals: { 'aws:PrincipalTag/team': 'security' } }, 'denied'],
    ['StringEquals: no tag equals the value', { StringEquals: { 'aws:PrincipalTag/team': 'security' } }, 'not denied'],
    ['StringEqualsIfExists: absent, so the Deny applies', { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'security' } }, 'denied'],
    ['Null true: the tag is absent', { Null: { 'aws:PrincipalTag/team': 'true' } }, 'denied'],
  ];
  for (const [name, condition, expected] of tagRows) {
    it(`a Deny on a principal tag, read for a root session: ${name}`, () => {
      const answer = summary(denyRoot(condition, { Action: 'iam:CreateLoginProfile' }));
      const wanted = expected === 'denied' ? [{ task: 'IAMCreateRootUserPassword', calls: 1, certain: true, partitions: 'every', dependsOn: [] }] : [];
      assert.deepEqual(answer, wanted);
    });
  }

  it('a Deny of some buckets or queues blocks an unlock depending on which the user picks; of all of them, certainly', () => {
    const lock = (resource: string[], action = 's3:*') => policy([{ Effect: 'Deny', Principal: '*', Action: action, Resource: resource }], 'rcp');
    assert.deepEqual(summary(lock(['arn:aws:s3:::sandbox-*', 'arn:aws:s3:::sandbox-*/*']), 'rcp'), [
      { task: 'S3UnlockBucketPolicy', calls: 3, certain: false, partitions: 'aws', dependsOn: ['which bucket'] },
    ]);
    assert.deepEqual(summary(lock(['arn:aws:sqs:*:*:payments-*'], 'sqs:*'), 'rcp'), [
      { task: 'SQSUnlockQueuePolicy', calls: 3, certain: false, partitions: 'aws', dependsOn: ['which queue'] },
    ]);
    // Every bucket: no bucket to pick that escapes it.
    assert.deepEqual(summary(lock(['arn:aws:s3:::*']), 'rcp').map((d) => [d.task, d.dependsOn]), [['S3UnlockBucketPolicy', []]]);
  });

  it('a Deny of some MFA devices blocks deleting the root credentials depending on which MFA device, as for buckets', () => {
    const scp = policy([{ Effect: 'Deny', Action: 'iam:DeleteVirtualMFADevice', Resource: 'arn:aws:iam::*:mfa/ops-*', Condition: { Bool: { 'aws:AssumedRoot': 'true' } } }], 'scp');
    assert.deepEqual(summary(scp), [{ task: 'IAMDeleteRootUserCredentials', calls: 1, certain: false, partitions: 'aws', dependsOn: ['which MFA device'] }]);
  });

  it('a key no value of which changes the answer is no dependency (StringLikeIfExists *, NotIpAddress on no address block)', () => {
    const scp = denyRoot(
      { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' }, StringLikeIfExists: { 'aws:PrincipalTag/team': '*' }, NotIpAddress: { 'aws:SourceIp': 'corp-network' } },
      { Action: 'sqs:*' },
    );
    assert.deepEqual(summary(scp), [{ task: 'SQSUnlockQueuePolicy', calls: 4, certain: false, partitions: 'every', dependsOn: ['aws:RequestedRegion'] }]);
  });

  it('past the enumeration cap, a Deny that applies only to values not tried is still reported, as depending', () => {
    // Six candidates each for three keys: 216 valuations, past the 64 tried. In the order they are tried the
    // first key never reaches a4, the only value under which this Deny applies.
    const scp = denyRoot(
      {
        StringNotEqualsIfExists: { 'aws:UserAgent': ['a1', 'a2', 'a3'] },
        StringNotEquals: { 'aws:Referer': ['b1', 'b2', 'b3', 'b4'], 'aws:SourceVpce': ['c1', 'c2', 'c3', 'c4'] },
        StringEquals: { 'aws:UserAgent': 'a4' },
      },
      { Action: 'iam:CreateLoginProfile' },
    );
    const [denial] = summary(scp);
    assert.deepEqual([denial?.task, denial?.certain, denial?.dependsOn.includes('aws:UserAgent')], ['IAMCreateRootUserPassword', false, true]);
  });

  it('an RCP statement is read with its Principal', () => {
    const rcp = policy([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }], 'rcp');
    assert.deepEqual(summary(rcp, 'rcp').map((a) => [a.task, a.calls]), [['S3UnlockBucketPolicy', 4]]);
  });
});

describe('policy engine: which task policies an identity policy lets its holder open root sessions with', () => {
  const tasks = (statements: object[]) => assumeRootGrant(policy(statements, 'identity')).map((g) => g.task);

  it('an unconditioned Allow grants all five and any later one', () => {
    assert.deepEqual(tasks([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }]), [
      'IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy', 'FutureTaskPolicy',
    ]);
  });

  it('Allow * narrowed by Deny sts:Assume* grants none', () => {
    assert.deepEqual(tasks([{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'sts:Assume*', Resource: '*' }]), []);
  });

  it('a Deny unless the audit task leaves the audit task only', () => {
    const audit = taskPolicyArn('IAMAuditRootUserCredentials');
    const grant = assumeRootGrant(
      policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }, { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { ArnNotEquals: { 'sts:TaskPolicyArn': audit } } }]),
    );
    assert.deepEqual(grant.map((g) => [g.task, g.certain, g.everyAccount, g.allowedBy]), [['IAMAuditRootUserCredentials', true, true, [0]]]);
  });

  it('sts:AssumeRoot goes to a Regional endpoint, so its request always carries aws:RequestedRegion', () => {
    const allowWhen = (condition: object) => assumeRootGrant(policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: condition }]));
    assert.deepEqual(allowWhen({ Null: { 'aws:RequestedRegion': 'true' } }), []);
    assert.deepEqual(
      allowWhen({ Null: { 'aws:RequestedRegion': 'false' } }).map((g) => [g.task, g.certain, g.dependsOn]),
      [...TASK_POLICY_NAMES, 'FutureTaskPolicy'].map((task) => [task, true, []]),
    );
    assert.deepEqual(
      allowWhen({ StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } }).map((g) => [g.certain, g.dependsOn]),
      [...TASK_POLICY_NAMES, 'FutureTaskPolicy'].map(() => [false, ['aws:RequestedRegion']]),
    );
  });

  it('a task policy read through a policy variable only still tells the tasks apart', () => {
    // Requests for different tasks differ in sts:TaskPolicyArn alone; the engine asks once for all of them
    // only when no statement reads that key, and a variable reads it.
    const audit = taskPolicyArn('IAMAuditRootUserCredentials');
    const allowTagged = { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/root-task': '${sts:TaskPolicyArn}' } } };
    const grants = principalRootGrant({ identity: [policy([allowTagged])], context: { 'aws:PrincipalTag/root-task': audit } });
    assert.deepEqual(grants.map((g) => [g.task, g.certain, g.partitions]), [['IAMAuditRootUserCredentials', true, ['aws']]]);
  });

  it('accounts: named ones and patterns, and whether every account', () => {
    const [audit] = assumeRootGrant(
      policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::4444*:root'], Condition: { ArnEquals: { 'sts:TaskPolicyArn': taskPolicyArn('IAMAuditRootUserCredentials') } } }]),
    );
    assert.deepEqual([audit.task, audit.everyAccount, audit.accounts], ['IAMAuditRootUserCredentials', false, [{ account: '111122223333' }, { account: '444400000000', pattern: 'arn:aws:iam::4444*:root' }]]);
  });

  it('accounts a Deny carves out of every account, or out of a pattern, are named as exceptions', () => {
    const denyOne = { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::111122223333:root' };
    const [everyButOne] = assumeRootGrant(policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }, denyOne]));
    assert.deepEqual([everyButOne.everyAccount, everyButOne.accounts, everyButOne.exceptAccounts], [true, [], ['111122223333']]);
    const [patternButOne] = assumeRootGrant(policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: ['arn:aws:iam::1111*:root', 'arn:aws:iam::222222222222:root'] }, denyOne]));
    assert.deepEqual(
      [patternButOne.everyAccount, patternButOne.accounts, patternButOne.exceptAccounts],
      [false, [{ account: '111100000000', pattern: 'arn:aws:iam::1111*:root' }, { account: '222222222222' }], ['111122223333']],
    );
    // A named account no grant would reach anyway is no exception.
    const [elsewhere] = assumeRootGrant(policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::4444*:root' }, denyOne]));
    assert.deepEqual(elsewhere.exceptAccounts, []);
  });

  it('accounts named by their digits in aws:ResourceAccount, a pattern too, as in an ARN', () => {
    const like = (values: string[]) => policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::*:root', Condition: { StringLike: { 'aws:ResourceAccount': values } } }]);
    const [star] = assumeRootGrant(like(['9999000000*']));
    assert.deepEqual([star.everyAccount, star.accounts], [false, [{ account: '999900000000', pattern: '9999000000*' }]]);
    const [mixed] = assumeRootGrant(like(['999900000003', '99990000001?']));
    assert.deepEqual([mixed.everyAccount, mixed.accounts], [false, [{ account: '999900000003' }, { account: '999900000010', pattern: '99990000001?' }]]);
  });

  it('a pattern of the accounts the engine would otherwise stand "every other account" with (9999*) is still a pattern', () => {
    const [only] = assumeRootGrant(policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::9999*:root' }]));
    assert.deepEqual([only.everyAccount, only.accounts.map((a) => a.pattern)], [false, ['arn:aws:iam::9999*:root']]);
    const [allBut] = assumeRootGrant(policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }, { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringLike: { 'aws:ResourceAccount': '9999*' } } }]));
    assert.deepEqual([allBut.everyAccount, allBut.exceptAccounts], [true, ['9999*']]);
  });

  it('a pattern of accounts a Deny carves out of every account is named as the exception', () => {
    const denyPattern = { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: 'arn:aws:iam::9999000000*:root' };
    const [everyButPattern] = assumeRootGrant(policy([{ Effect: 'Allow', Action: '*', Resource: '*' }, denyPattern]));
    assert.deepEqual([everyButPattern.everyAccount, everyButPattern.exceptAccounts], [true, ['9999000000*']]);
    const notLike = { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringNotLike: { 'aws:ResourceAccount': '9999000000*' } } };
    const [outsidePattern] = assumeRootGrant(policy([notLike]));
    assert.deepEqual([outsidePattern.everyAccount, outsidePattern.exceptAccounts], [true, ['9999000000*']]);
  });

  it('a root-session Deny for every account but one names the one', () => {
    const scp = denyRoot({ StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } }, { Action: 'iam:CreateLoginProfile' });
    const [denial] = rootSessionDenials(scp, 'scp');
    assert.deepEqual([denial.task, denial.certain, denial.everyAccount, denial.exceptAccounts], ['IAMCreateRootUserPassword', true, true, ['111122223333']]);
  });

  it('accounts: every named account, not only the first few', () => {
    const accounts = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'];
    const [audit] = assumeRootGrant(
      policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: accounts.map((a) => `arn:aws:iam::${a}:root`), Condition: { ArnEquals: { 'sts:TaskPolicyArn': taskPolicyArn('IAMAuditRootUserCredentials') } } }]),
    );
    assert.deepEqual([audit.everyAccount, audit.accounts.map((a) => a.account), audit.uncheckedAccounts], [false, accounts, 0]);
  });

  it('accounts: past the first 16 tried one by one, the rest are counted', () => {
    const accounts = Array.from({ length: 70 }, (_, i) => String(100000000000 + i));
    const [audit] = assumeRootGrant(
      policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: accounts.map((a) => `arn:aws:iam::${a}:root`), Condition: { ArnEquals: { 'sts:TaskPolicyArn': taskPolicyArn('IAMAuditRootUserCredentials') } } }]),
    );
    assert.deepEqual([audit.accounts.length, audit.uncheckedAccounts], [16, 54]);
  });

  it('a grant that hinges on the caller says on which key', () => {
    const grant = assumeRootGrant(policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'security', 'sts:TaskPolicyArn': taskPolicyArn('S3UnlockBucketPolicy') } } }]));
    assert.deepEqual(grant.map((g) => [g.task, g.certain, g.dependsOn]), [['S3UnlockBucketPolicy', false, ['aws:PrincipalTag/team']]]);
  });

  it('a grant names only the keys that change it, not every key its conditions mention', () => {
    const grant = assumeRootGrant(
      policy([
        { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringLikeIfExists: { 'aws:RequestedRegion': '*' }, StringEquals: { 'aws:PrincipalTag/team': 'security', 'sts:TaskPolicyArn': taskPolicyArn('S3UnlockBucketPolicy') } } },
      ]),
    );
    assert.deepEqual(grant.map((g) => [g.task, g.certain, g.dependsOn]), [['S3UnlockBucketPolicy', false, ['aws:PrincipalTag/team']]]);
  });

  it('past the enumeration cap, a grant under values not tried is still reported, as depending', () => {
    // Six candidates for each of three keys: 216 valuations, past the 64 tried; in the order they are tried
    // the first key never reaches a4, the only value under which the Allow applies and no Deny does.
    const grant = assumeRootGrant(
      policy([
        { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/a': ['a1', 'a2', 'a3'] } } },
        { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/b': ['b1', 'b2', 'b3', 'b4'] } } },
        { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/c': ['c1', 'c2', 'c3', 'c4'] } } },
        { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/a': 'a4' } } },
      ]),
    );
    assert.equal(grant.length, 6, 'every task, as the Allow names none');
    for (const g of grant) assert.deepEqual([g.certain, g.dependsOn.includes('aws:PrincipalTag/a'), g.everyAccount, g.allowedBy], [false, true, true, [3]], g.task);
  });

  it('a grant on a resource known only at deployment names the Allow that may make it', () => {
    // A template's `arn:${AWS::Partition}:iam::${Target}:root` and a whole `Fn::GetAtt`, as the IaC layer hands them.
    for (const resource of [`arn:${UNKNOWN_PART}:iam::${UNKNOWN_PART}:root`, UNKNOWN_PART]) {
      const grant = assumeRootGrant(policy([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: resource }]));
      assert.equal(grant.length, 6, resource);
      for (const g of grant) assert.deepEqual([g.certain, g.dependsOn, g.allowedBy], [false, ['unknown policy value'], [1]], `${g.task} on ${resource}`);
    }
  });
});
