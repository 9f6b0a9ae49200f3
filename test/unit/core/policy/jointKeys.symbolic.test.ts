import assert from 'node:assert/strict';
import { type Policy, TASK_POLICY_NAMES, evaluate, principalRootGrant, rootSessionDenials, rootSessionRequest, taskPolicyArn } from '../../../../src/core/policy';
import { policy } from './helpers';

/**
 * The symbolic questions enumerate one value per class of values a key's entries tell apart where those
 * classes are known (keyClasses.ts): two entries on one key no longer hide the values only both together let
 * through (a case variant, a fractional number), and a key with many literal values no longer overflows the
 * enumeration into "unknown policy value".
 */
const TEAM = 'aws:PrincipalTag/team';
/** A key a root session's caller chooses (it carries no principal tags). */
const AGENT = 'aws:UserAgent';
const MFA_AGE = 'aws:MultiFactorAuthAge';
const IAM_TASKS = ['IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials'];
const FIVE_REGIONS = ['eu-west-1', 'eu-west-2', 'eu-central-1', 'us-east-1', 'us-west-2'];

const brief = (answers: { task: string; certain: boolean; dependsOn: readonly string[] }[]) => answers.map((a) => [a.task, a.certain, a.dependsOn]);
const denyIam = (condition: object): Policy => policy([{ Sid: 'Guard', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: condition }], 'scp');

interface DenialRow {
  name: string;
  scp: Policy;
  expected: [string, boolean, string[]][];
  /** A value of the key under which the Deny applies to a root session's iam:GetUser. */
  denies?: Record<string, string>;
}

const DENIALS: DenialRow[] = [
  {
    name: 'a user agent red ignoring case but not exactly red: denies RED (only a case variant shows it)',
    scp: denyIam({ StringEqualsIgnoreCase: { [AGENT]: 'red' }, StringNotEquals: { [AGENT]: 'red' } }),
    expected: IAM_TASKS.map((task) => [task, false, [AGENT]]),
    denies: { [AGENT]: 'RED' },
  },
  {
    name: 'an MFA age over 3600 and under 3601: denies a fractional age (only a value between the bounds shows it)',
    scp: denyIam({ NumericGreaterThan: { [MFA_AGE]: '3600' }, NumericLessThan: { [MFA_AGE]: '3601' } }),
    expected: IAM_TASKS.map((task) => [task, false, [MFA_AGE]]),
    denies: { [MFA_AGE]: '3600.5' },
  },
  {
    name: 'a region deny naming five regions depends on the region alone, not on an "unknown policy value" (IAM calls carry their home Region: certain outside aws)',
    scp: policy([{ Effect: 'Deny', NotAction: ['cloudfront:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': FIVE_REGIONS } } }], 'scp'),
    expected: TASK_POLICY_NAMES.map((task) => [task, IAM_TASKS.includes(task), IAM_TASKS.includes(task) ? [] : ['aws:RequestedRegion']]),
  },
];

describe('policy engine: symbolic answers over one value per class of a key', () => {
  for (const row of DENIALS) {
    it(`rootSessionDenials: ${row.name}`, () => {
      assert.deepEqual(brief(rootSessionDenials(row.scp, 'scp')), row.expected);
      if (!row.denies) return;
      const call = { action: 'iam:GetUser', target: 'rootUser' as const };
      const request = rootSessionRequest(call, { partition: 'aws', account: '111122223333' }, row.denies);
      assert.equal(evaluate(request, { taskPolicy: policy([], 'task'), scps: [[row.scp]] }).decision, 'explicitDeny', 'the value named denies concretely');
    });
  }

  it('principalRootGrant: an MFA age over 3600 in the identity policy and under 3601 in the boundary grants a fractional age', () => {
    const identity = policy([{ Sid: 'Open', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { NumericGreaterThan: { [MFA_AGE]: '3600' } } }], 'identity');
    const boundary = policy([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NumericLessThan: { [MFA_AGE]: '3601' } } }], 'boundary');
    const grants = principalRootGrant({ identity: [identity], permissionsBoundary: boundary });
    assert.deepEqual(brief(grants), [...TASK_POLICY_NAMES, 'FutureTaskPolicy'].map((task) => [task, false, [MFA_AGE]]));
    const request = { action: 'sts:AssumeRoot', resource: 'arn:aws:iam::111122223333:root', context: { [MFA_AGE]: '3600.5', 'sts:TaskPolicyArn': taskPolicyArn('IAMAuditRootUserCredentials') } };
    assert.equal(evaluate(request, { identity: [identity], permissionsBoundary: boundary }).decision, 'allowed');
  });

  it('principalRootGrant: team red in the identity policy and every team but red in the boundary grants nothing', () => {
    const identity = policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { [TEAM]: 'red' } } }], 'identity');
    const boundary = policy([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringNotEquals: { [TEAM]: 'red' } } }], 'boundary');
    assert.deepEqual(principalRootGrant({ identity: [identity], permissionsBoundary: boundary }), []);
  });
});
