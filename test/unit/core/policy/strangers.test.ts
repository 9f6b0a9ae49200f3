/**
 * Public access: whether a principal of an account a resource policy does not name gets in, for any value of
 * the keys a caller sets itself, after the policy's Deny statements.
 */
import assert from 'node:assert/strict';
import { UNKNOWN_PART, outsiderGetsIn, publicStatements, readPolicy, strangerGetsIn, strangerGetsInThrough } from '../../../../src/core/policy';
import { HOSTILE_INPUTS } from '../../../../bench/hostileInputs';
import { policy } from './helpers';

const OBJECT = 'arn:aws:s3:::reports/2026/q4.csv';
const ROLE = 'arn:aws:iam::111122223333:role/Breakglass';
const GET = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };
const ASSUME = { Effect: 'Allow', Action: 'sts:AssumeRole' };
const FUNCTION = 'arn:aws:lambda:us-east-1:111122223333:function:hook';
const INVOKE = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: FUNCTION };

/** Conditions on where the call comes from and what a service calls for, on a bucket open to `*`. */
function network(): Array<[string, object[], string, string, boolean]> {
  const on = (operator: string, key: string, value: string, expected: boolean): [string, object[], string, string, boolean] => [
    `${operator} ${key} ${value}`,
    [{ ...GET, Principal: '*', Condition: { [operator]: { [key]: value } } }],
    's3:GetObject',
    OBJECT,
    expected,
  ];
  return [
    on('StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d', false),
    on('StringNotEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d', true),
    on('StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1a2b3c4d', true),
    on('StringLike', 'aws:SourceVpce', 'vpce-*', true),
    on('Null', 'aws:SourceVpc', 'true', true),
    on('StringLike', 'aws:SourceVpce', 'vpce-0a1b2c3d4e5f6*', false),
    on('IpAddress', 'aws:SourceIp', '10.0.0.0/8', false),
    on('IpAddress', 'aws:SourceIp', '0.0.0.0/0', true),
    // The stranger calls from an address no named range holds: documentation ranges in example policies too.
    on('IpAddress', 'aws:SourceIp', '198.51.100.0/24', false),
    on('IpAddress', 'aws:SourceIp', '::/0', true),
    on('ArnLike', 'aws:SourceArn', 'arn:aws:sns:us-east-1:111122223333:alerts', false),
    on('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:*:*', true),
    on('StringEquals', 'aws:SourceAccount', '111122223333', false),
    on('StringEqualsIfExists', 'aws:SourceAccount', '111122223333', true),
  ];
}

describe('policy engine: does a stranger get in', () => {
  const cases: Array<[string, object[], string, string, boolean]> = [
    ['Principal "*", no condition', [{ ...GET, Principal: '*' }], 's3:GetObject', OBJECT, true],
    ['{"AWS": "*"} in a trust policy', [{ ...ASSUME, Principal: { AWS: '*' } }], 'sts:AssumeRole', ROLE, true],
    ['NotPrincipal in an Allow: everyone but the named', [{ ...GET, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }], 's3:GetObject', OBJECT, true],
    ['a named account', [{ ...GET, Principal: { AWS: '111122223333' } }], 's3:GetObject', OBJECT, false],
    ['another action than the one granted', [{ ...GET, Principal: '*' }], 's3:PutObject', OBJECT, false],
    ['a condition on the caller\'s organization', [{ ...GET, Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }], 's3:GetObject', OBJECT, false],
    ['a condition on the calling account', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }], 'sts:AssumeRole', ROLE, false],
    ['an external id the stranger does not know', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'sts:ExternalId': 'c0ffee' } } }], 'sts:AssumeRole', ROLE, false],
    ['a referer, which the caller sends', [{ ...GET, Principal: '*', Condition: { StringLike: { 'aws:Referer': 'https://www.example.com/*' } } }], 's3:GetObject', OBJECT, true],
    ['TLS only', [{ ...GET, Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }], 's3:GetObject', OBJECT, true],
    [
      'a Deny of callers outside the organization takes it back',
      [{ ...GET, Principal: '*' }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }],
      's3:GetObject',
      OBJECT,
      false,
    ],
    [
      'a Deny of plain HTTP leaves HTTPS open',
      [{ ...GET, Principal: '*' }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      's3:GetObject',
      OBJECT,
      true,
    ],
    ['a service principal', [{ ...ASSUME, Principal: { Service: 'ec2.amazonaws.com' } }], 'sts:AssumeRole', ROLE, false],
    // What it calls from and through: a direct call has none of it, its own calls have values of its own.
    ...network(),
    // Its own principal's tags, which it sets; the session name of its own roles, which it picks.
    ['a principal tag, which the stranger puts on its own role', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } }], 'sts:AssumeRole', ROLE, true],
    ['aws:userid of any role\'s session named alice', [{ ...GET, Principal: '*', Condition: { StringLike: { 'aws:userid': '*:alice' } } }], 's3:GetObject', OBJECT, true],
    ['aws:userid of one role\'s session named alice', [{ ...GET, Principal: '*', Condition: { StringLike: { 'aws:userid': 'AROAEXAMPLEROLEID:alice' } } }], 's3:GetObject', OBJECT, false],
    ['any external id', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringLike: { 'sts:ExternalId': '*' } } }], 'sts:AssumeRole', ROLE, true],
    ['an external id with a prefix the stranger does not know', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringLike: { 'sts:ExternalId': 'vendor-7f3a-*' } } }], 'sts:AssumeRole', ROLE, false],
    ["an external id that is the caller's own account", [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'sts:ExternalId': '${aws:PrincipalAccount}' } } }], 'sts:AssumeRole', ROLE, true],
    ['a session name, which the caller picks', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'sts:RoleSessionName': 'alice' } } }], 'sts:AssumeRole', ROLE, true],
    ['a source identity, which the caller sets', [{ ...ASSUME, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'], Principal: { AWS: '*' }, Condition: { StringLike: { 'sts:SourceIdentity': '*' } } }], 'sts:AssumeRole', ROLE, true],
    // A request carries a source identity or session tags only where the trust policy allows setting them.
    ['a source identity, not allowed to be set', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringLike: { 'sts:SourceIdentity': '*' } } }], 'sts:AssumeRole', ROLE, false],
    ['a source identity of the caller\'s session, not allowed to be set', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:SourceIdentity': 'alice' } } }], 'sts:AssumeRole', ROLE, false],
    ['every source identity but one, or none', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringNotEquals: { 'sts:SourceIdentity': 'mallory' } } }], 'sts:AssumeRole', ROLE, true],
    ['a session tag, not allowed to be passed', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:RequestTag/team': 'platform' } } }], 'sts:AssumeRole', ROLE, false],
    ['a session tag, allowed to be passed', [{ ...ASSUME, Action: ['sts:AssumeRole', 'sts:TagSession'], Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:RequestTag/team': 'platform' } } }], 'sts:AssumeRole', ROLE, true],
    [
      'ABAC: a principal tag equal to the role\'s own tag, which the stranger copies',
      [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:ResourceTag/team}' } } }],
      'sts:AssumeRole',
      ROLE,
      true,
    ],
    ['every external id but one', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringNotEquals: { 'sts:ExternalId': 'do-not-use' } } }], 'sts:AssumeRole', ROLE, true],
    // The owner's own account and organization: a trust policy's role, a bucket, is in the one the policy names.
    ['a trust policy "only for this account" on aws:ResourceAccount', [{ ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } }], 'sts:AssumeRole', '*', true],
    ['a bucket policy "only for our organization" on aws:ResourceOrgID', [{ ...GET, Principal: '*', Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } } }], 's3:GetObject', OBJECT, true],
    // A function URL's auth type is the owner's setting, the one the policy names: no condition on who calls.
    ...['NONE', 'AWS_IAM'].map((type): [string, object[], string, string, boolean] => [
      `a function URL whose auth type is ${type}`,
      [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: FUNCTION, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': type } } }],
      'lambda:InvokeFunctionUrl',
      FUNCTION,
      true,
    ]),
    // Only the requests of actions that support the key carry the URL's auth type (lambda:InvokeFunctionUrl,
    // not lambda:InvokeFunction): a condition on it lets the others in only where it holds of its absence.
    ...(
      [
        ['lambda:InvokeFunctionUrl', 'StringEquals', true],
        ['lambda:InvokeFunction', 'StringEquals', false],
        ['lambda:InvokeFunction', 'StringEqualsIfExists', true],
        ['lambda:InvokeFunction', 'StringNotEquals', true],
      ] as const
    ).map(([action, operator, expected]): [string, object[], string, string, boolean] => [
      `${action} under a policy for both, ${operator} lambda:FunctionUrlAuthType NONE`,
      [{ Effect: 'Allow', Principal: '*', Action: ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl'], Resource: FUNCTION, Condition: { [operator]: { 'lambda:FunctionUrlAuthType': 'NONE' } } }],
      action,
      FUNCTION,
      expected,
    ]),
    // An action the key table does not hold (a new one, one known only in part) still carries no other
    // service's request-specific key: the owner's function URL auth type is no bucket request's.
    ...(
      [
        ['s3:GetObjectV2', false],
        ['lambda:InvokeFunctionUrlV2', true],
      ] as const
    ).map(([action, expected]): [string, object[], string, string, boolean] => [
      `${action}, which the key table does not hold, under StringEquals lambda:FunctionUrlAuthType AWS_IAM`,
      [{ Effect: 'Allow', Principal: '*', Action: action, Resource: action.startsWith('s3') ? 'arn:aws:s3:::reports/*' : FUNCTION, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } } }],
      action,
      action.startsWith('s3') ? OBJECT : FUNCTION,
      expected,
    ]),
    // What Lambda writes for a permission's SourceAccount, SourceArn, PrincipalOrgID: each keeps the stranger out.
    ['a Lambda permission with SourceAccount', [{ ...INVOKE, Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' } } }], 'lambda:InvokeFunction', FUNCTION, false],
    ['a Lambda permission with SourceArn', [{ ...INVOKE, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*' } } }], 'lambda:InvokeFunction', FUNCTION, false],
    ['a Lambda permission with PrincipalOrgID', [{ ...INVOKE, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }], 'lambda:InvokeFunction', FUNCTION, false],
  ];
  for (const [name, statements, action, resource, expected] of cases) {
    it(`${name}: ${expected ? 'gets in' : 'stays out'}`, () => {
      assert.equal(strangerGetsIn(policy(statements), action, resource), expected);
    });
  }

  it('a request has a public address or an endpoint: an office range or the owner\'s endpoint, each IfExists, keeps it out', () => {
    const condition = { IpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' }, StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } };
    assert.equal(strangerGetsIn(policy([{ ...ASSUME, Principal: { AWS: '*' }, Condition: condition }]), 'sts:AssumeRole', ROLE), false);
  });

  it('many conditions on what it calls through: the same answer whatever order they are written in', () => {
    const conditions: Array<[string, Record<string, string>]> = [
      ['ArnLike', { 'aws:SourceArn': 'arn:aws:sns:*:*:alerts' }],
      ['StringNotEqualsIfExists', { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:SourceVpc': 'vpc-1a2b3c4d', 'aws:SourceOrgID': 'o-a1b2c3d4e5' }],
      ['NotIpAddressIfExists', { 'aws:SourceIp': '203.0.113.0/24' }],
    ];
    const queue = 'arn:aws:sqs:us-east-1:111122223333:q';
    for (const order of [conditions, [...conditions].reverse()]) {
      const statement = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: queue, Condition: Object.fromEntries(order) };
      assert.equal(strangerGetsIn(policy([statement]), 'sqs:SendMessage', queue), true, JSON.stringify(order.map(([operator]) => operator)));
    }
  });

  it('a whole policy: one question per distinct request, every open statement answered or named as not weighed', () => {
    const open = policy([{ ...GET, Principal: '*' }, { ...GET, Principal: { AWS: '111122223333' } }, { ...GET, Principal: '*', Sid: 'Again' }, { ...ASSUME, Principal: { AWS: '*' } }]);
    const written = (action: string) => ({ action, throughNotAction: false });
    assert.deepEqual(publicStatements(open), { statements: new Map([[0, written('s3:GetObject')], [2, written('s3:GetObject')], [3, written('sts:AssumeRole')]]), unanswered: [], undecided: new Map() });
    // Each prefix with its own referer: each statement's own values are candidates, however many others name theirs.
    const referers = policy(Array.from({ length: 8 }, (_, i) => ({ ...GET, Principal: '*', Resource: `arn:aws:s3:::site/p${i}/*`, Condition: { StringLike: { 'aws:Referer': `https://s${i}.example.com/*` } } })));
    assert.deepEqual(publicStatements(referers), { statements: new Map([0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i, written('s3:GetObject')])), unanswered: [], undecided: new Map() });
    // Thousands of open statements, each on its own prefix: the work stops at its budget, and says where.
    const input = HOSTILE_INPUTS.find((i) => i.name.startsWith('a bucket policy of public statements'))!;
    const huge = readPolicy(input.make(input.reportedSize), 'huge.json');
    const { unanswered } = publicStatements(huge);
    assert.ok(unanswered.length > 0 && unanswered.length < input.reportedSize, `${unanswered.length} of ${input.reportedSize} not weighed`);
    assert.equal(unanswered.at(-1), input.reportedSize - 1);
  });

  describe('NotAction and NotResource: probed with a request they leave in', () => {
    const admitting = (statements: object[]) => Object.fromEntries(publicStatements(policy(statements)).statements);
    const cases: Array<[string, object, object]> = [
      ['NotAction on a bucket: the rest of s3', { Effect: 'Allow', Principal: '*', NotAction: 's3:Delete*', Resource: 'arn:aws:s3:::reports/*' }, { 0: { action: 's3:RootGuardProbe', throughNotAction: true } }],
      ['NotAction listing the probe\'s first name: the next one', { Effect: 'Allow', Principal: '*', NotAction: ['s3:R*', 's3:Delete*'], Resource: 'arn:aws:s3:::reports/*' }, { 0: { action: 's3:XProbe', throughNotAction: true } }],
      ['NotAction of the whole service leaves nothing of the bucket\'s', { Effect: 'Allow', Principal: '*', NotAction: 's3:*', Resource: 'arn:aws:s3:::reports/*' }, {}],
      ['NotAction on "*": the service of the listed actions', { Effect: 'Allow', Principal: '*', NotAction: 'sqs:DeleteQueue', Resource: '*' }, { 0: { action: 'sqs:RootGuardProbe', throughNotAction: true } }],
      ['NotAction in a trust policy leaving sts:AssumeRole in', { Effect: 'Allow', Principal: { AWS: '*' }, NotAction: 'sts:TagSession' }, { 0: { action: 'sts:AssumeRole', throughNotAction: true } }],
      ['NotAction in a trust policy taking sts:AssumeRole out', { Effect: 'Allow', Principal: { AWS: '*' }, NotAction: 'sts:AssumeRole' }, {}],
      ['NotResource leaving other objects of the bucket', { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::reports/private/*' }, { 0: { action: 's3:GetObject', throughNotAction: false } }],
      ['NotResource of the whole bucket and its objects', { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }, {}],
      ['NotResource of a queue: no sibling the queue\'s policy guards', { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', NotResource: 'arn:aws:sqs:us-east-1:111122223333:jobs' }, {}],
      [
        'NotAction behind a Deny of callers outside the organization',
        [{ Effect: 'Allow', Principal: '*', NotAction: 's3:Delete*', Resource: 'arn:aws:s3:::reports/*' }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }],
        {},
      ],
      // Whatever a NotAction known only in part after `s3:Get` lists, the rest of its service is left in.
      ['NotAction of a name known only in part after its prefix', { Effect: 'Allow', Principal: '*', NotAction: `s3:Get${UNKNOWN_PART}`, Resource: 'arn:aws:s3:::reports/*' }, { 0: { action: 's3:RootGuardProbe', throughNotAction: true } }],
      [
        'NotAction of a name known only at deployment, behind a Deny of callers outside the organization',
        [{ Effect: 'Allow', Principal: '*', NotAction: `s3:${UNKNOWN_PART}`, Resource: 'arn:aws:s3:::reports/*' }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }],
        {},
      ],
    ];
    for (const [name, statements, expected] of cases) {
      it(name, () => assert.deepEqual(admitting(([] as object[]).concat(statements)), expected));
    }

    it('NotAction of a name known only at deployment: undecided, it may be s3:* and list every action of the bucket\'s', () => {
      const read = policy([{ Effect: 'Allow', Principal: '*', NotAction: `s3:${UNKNOWN_PART}`, Resource: 'arn:aws:s3:::reports/*' }]);
      assert.deepEqual(publicStatements(read), { statements: new Map(), unanswered: [], undecided: new Map([[0, { by: 'NotAction', service: 's3', serviceKnown: true }]]) });
      assert.equal(strangerGetsInThrough(read, read.statements[0]), false);
    });

    it('NotAction of a service known only at deployment: undecided, it may list every action of the queue\'s', () => {
      const open = { Effect: 'Allow', Principal: '*', NotAction: UNKNOWN_PART, Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' };
      const read = policy([open]);
      assert.deepEqual(publicStatements(read), { statements: new Map(), unanswered: [], undecided: new Map([[0, { by: 'NotAction', service: 'sqs', serviceKnown: false }]]) });
      assert.equal(strangerGetsInThrough(read, read.statements[0]), false);
      const guarded = policy([open, { Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }]);
      assert.deepEqual(publicStatements(guarded).undecided, new Map());
    });
  });

  describe("a template's resource known only at deployment: the resource the policy is deployed for", () => {
    const U = UNKNOWN_PART;
    const objects = `${U}/*`;
    const open = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: objects };
    const opened = (statements: object[]) => [...publicStatements(policy(statements)).statements.keys()];
    const cases: Array<[string, object[], number[]]> = [
      ['open to everyone', [open], [0]],
      ['behind a Deny of plain HTTP on the same unknown resources', [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [U, objects], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }, open], [1]],
      ['behind a Deny of callers outside the organization on the same unknown resources', [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [U, objects], Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }, open], []],
      ['only for the calling account, itself known only at deployment', [{ ...open, Condition: { StringEquals: { 'aws:PrincipalAccount': U } } }], []],
      ['a Deny on another prefix of the same resource leaves the rest open', [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${U}/private/*` }, open], [1]],
    ];
    for (const [name, statements, expected] of cases) {
      it(name, () => assert.deepEqual(opened(statements), expected));
    }

    it('through one statement, as the hover asks', () => {
      const read = policy([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: objects, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }, open]);
      assert.deepEqual(read.statements.map((statement) => strangerGetsInThrough(read, statement)), [false, true]);
    });
  });

  describe("an Allow's action known only in part (`s3:${Operation}`): whichever action it turns out to be", () => {
    const U = UNKNOWN_PART;
    const open = { Effect: 'Allow', Principal: '*', Action: `s3:${U}`, Resource: 'arn:aws:s3:::reports/*' };
    const opened = (statements: object[]) => Object.fromEntries(publicStatements(policy(statements)).statements);
    const cases: Array<[string, object[], object]> = [
      ['open to everyone, named by the action as written', [open], { 0: { action: `s3:${U}`, throughNotAction: false } }],
      ['a part of the name unknown', [{ ...open, Action: `lambda:Invoke${U}` }], { 0: { action: `lambda:Invoke${U}`, throughNotAction: false } }],
      ['behind a Deny of callers outside the organization', [open, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }], {}],
      ['behind a Deny whose action is known only in part: it may apply, no answer is claimed', [open, { Effect: 'Deny', Principal: '*', Action: `s3:${U}`, Resource: '*' }], {}],
      ['only for the calling account', [{ ...open, Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }], {}],
      ['its service unknown too: left to RG010', [{ ...open, Action: `${U}:GetObject` }], {}],
      ['on another service\'s key, which no s3 request carries', [{ ...open, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } } }], {}],
      ['beside a Deny of another action than any the unknown part after its prefix can make', [{ ...open, Action: `s3:Get${U}` }, { Effect: 'Deny', Principal: '*', Action: 's3:Put*', Resource: '*' }], { 0: { action: `s3:Get${U}`, throughNotAction: false } }],
      ['beside a Deny of actions it may be, on a key the stranger sets itself', [open, { Effect: 'Deny', Principal: '*', Action: 's3:Get*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }], { 0: { action: `s3:${U}`, throughNotAction: false } }],
      ['beside an Allow whose action is wholly unknown (RG010\'s), which once left the answer uncertain', [open, { ...open, Action: U }], { 0: { action: `s3:${U}`, throughNotAction: false } }],
    ];
    for (const [name, statements, expected] of cases) {
      it(name, () => assert.deepEqual(opened(statements), expected));
    }

    it('through the statement, as the hover asks', () => {
      const read = policy([open]);
      assert.equal(strangerGetsInThrough(read, read.statements[0]), true);
    });

    // A Deny that may or may not cover the grant once deployed: open unless it does, said so rather than nothing.
    const GET_OPEN = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };
    const undecided: Array<[string, object[], object]> = [
      ['a Deny whose action is known only at deployment', [GET_OPEN, { Effect: 'Deny', Principal: '*', Action: U, Resource: '*' }], { 0: { by: 'Deny', deny: 1, admitting: { action: 's3:GetObject', throughNotAction: false } } }],
      ['a Deny whose action is known only in part', [GET_OPEN, { Effect: 'Deny', Principal: '*', Action: `s3:${U}`, Resource: '*' }], { 0: { by: 'Deny', deny: 1, admitting: { action: 's3:GetObject', throughNotAction: false } } }],
      ['a Deny of every action but one the grant known only in part may be', [open, { Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }], { 0: { by: 'Deny', deny: 1, admitting: { action: `s3:${U}`, throughNotAction: false } } }],
      ['a Deny of actions the grant known only in part may be', [open, { Effect: 'Deny', Principal: '*', Action: 's3:Get*', Resource: '*' }], { 0: { by: 'Deny', deny: 1, admitting: { action: `s3:${U}`, throughNotAction: false } } }],
      ['a Deny of one action the grant known only in part may be', [open, { Effect: 'Deny', Principal: '*', Action: ['sqs:SendMessage', 's3:GetObject'], Resource: '*' }], { 0: { by: 'Deny', deny: 1, admitting: { action: `s3:${U}`, throughNotAction: false } } }],
      ['a Deny of every action but another service\'s: it covers the grant whatever it is', [open, { Effect: 'Deny', Principal: '*', NotAction: 'iam:GetRole', Resource: '*' }], {}],
      [
        'a Deny known only in part beside one of callers outside the organization: closed whatever it covers',
        [GET_OPEN, { Effect: 'Deny', Principal: '*', Action: `s3:${U}`, Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }],
        {},
      ],
    ];
    for (const [name, statements, expected] of undecided) {
      it(`${name}: undecided`, () => {
        const access = publicStatements(policy(statements));
        assert.deepEqual([Object.fromEntries(access.statements), Object.fromEntries(access.undecided)], [{}, expected]);
      });
    }
  });

  describe('an outsider the policy names: another organization, an account outside the owner\'s organization', () => {
    const OURS = 'o-a1b2c3d4e5';
    const MEMBERS = ['111122223333', '444455556666'];
    const known = { organization: OURS, accounts: MEMBERS };
    const trust = (condition: object) => policy([{ ...ASSUME, Principal: { AWS: '*' }, Condition: condition }]);
    const cases: Array<[string, object, { organization?: string; accounts?: string[] }, boolean]> = [
      ['another organization', { StringEquals: { 'aws:PrincipalOrgID': 'o-attacker0001' } }, known, true],
      ['our organization', { StringEquals: { 'aws:PrincipalOrgID': OURS } }, known, false],
      ['another organization, ours not known', { StringEquals: { 'aws:PrincipalOrgID': 'o-attacker0001' } }, { accounts: MEMBERS }, false],
      ['a pattern for other organizations', { StringLike: { 'aws:PrincipalOrgID': 'o-partner*' } }, known, true],
      ['a pattern ours matches', { StringLike: { 'aws:PrincipalOrgID': 'o-a1b2*' } }, known, false],
      ['a path in another organization', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-attacker0001/r-ab12/ou-ab12-11111111/*' } }, known, true],
      ['a path in ours', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `${OURS}/r-ab12/*` } }, known, false],
      ['an account outside the organization', { StringEquals: { 'aws:PrincipalAccount': '999900001111' } }, known, true],
      ['an account of the organization', { StringEquals: { 'aws:PrincipalAccount': '444455556666' } }, known, false],
      ['an account outside, the accounts not listed', { StringEquals: { 'aws:PrincipalAccount': '999900001111' } }, { organization: OURS }, false],
      ['a role of an account outside', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::999900001111:role/Deployer' } }, known, true],
      ['an account pattern reaching past the members', { StringLike: { 'aws:PrincipalAccount': '4444555566??' } }, known, true],
      ['an account pattern of members only', { StringLike: { 'aws:PrincipalAccount': '44445555666?' } }, { organization: OURS, accounts: ['444455556660', '444455556661', '444455556662', '444455556663', '444455556664', '444455556665', '444455556666', '444455556667', '444455556668', '444455556669'] }, false],
      ['an account outside, also in our organization: none is', { StringEquals: { 'aws:PrincipalAccount': '999900001111', 'aws:PrincipalOrgID': OURS } }, known, false],
      ['an account outside in another organization', { StringEquals: { 'aws:PrincipalAccount': '999900001111', 'aws:PrincipalOrgID': 'o-attacker0001' } }, known, true],
      ['an external id with another organization', { StringEquals: { 'aws:PrincipalOrgID': 'o-attacker0001', 'sts:ExternalId': 'c0ffee' } }, known, false],
    ];
    for (const [name, condition, owner, expected] of cases) {
      it(`${name}: ${expected ? 'gets in' : 'stays out'}`, () => {
        assert.equal(outsiderGetsIn(trust(condition), 'sts:AssumeRole', ROLE, undefined, owner), expected);
        // Named, it is no stranger: anyone else stays out.
        assert.equal(strangerGetsIn(trust(condition), 'sts:AssumeRole', ROLE, undefined, owner), false);
      });
    }

    it('a Deny of callers outside our organization keeps out the one an Allow names', () => {
      const guarded = policy([
        { ...ASSUME, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-attacker0001' } } },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': OURS } } },
      ]);
      assert.equal(outsiderGetsIn(guarded, 'sts:AssumeRole', ROLE, 0, known), false);
    });
  });

  it('through one statement: only when that statement is among those that let it in', () => {
    const two = policy([{ ...GET, Principal: { AWS: '111122223333' } }, { ...GET, Principal: '*' }]);
    assert.equal(strangerGetsIn(two, 's3:GetObject', OBJECT, 1), true);
    assert.equal(strangerGetsIn(two, 's3:GetObject', OBJECT, 0), false);
  });
});
