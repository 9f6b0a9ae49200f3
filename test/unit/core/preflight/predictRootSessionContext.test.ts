import assert from 'node:assert/strict';
import { TASK_CALLS, type TaskPolicyName } from '../../../../src/core/policy';
import { predictOrganization } from '../../../../src/core/preflight';
import { IN_TEAM, MANAGEMENT, ROOT, fullAccess, orgPolicy, policies, snapshot } from './fixture';

/** The preflight's answers for Denies that hinge on what a root session's requests carry. */
const ROOT_ARN = { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } };
const neededCalls = (task: TaskPolicyName) => TASK_CALLS[task].filter((c) => !c.optional).map((c) => c.action);

interface Row {
  name: string;
  statement: object;
  task: TaskPolicyName;
  expected: { result: string; blockedCalls?: string[]; dependsOn?: string[]; optionalBlocked?: string[] };
}

const ROWS: Row[] = [
  {
    name: '"only audit sessions" on sts:TaskPolicyArn blocks the audit itself',
    statement: { Sid: 'OnlyAudit', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ...ROOT_ARN, StringNotEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } } },
    task: 'IAMAuditRootUserCredentials',
    expected: { result: 'blocked', blockedCalls: neededCalls('IAMAuditRootUserCredentials') },
  },
  {
    name: '"no password recovery sessions" on sts:TaskPolicyArn lets password recovery work',
    statement: { Sid: 'NoRecovery', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ...ROOT_ARN, StringEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword' } } },
    task: 'IAMCreateRootUserPassword',
    expected: { result: 'works' },
  },
];

describe('preflight: what a root session\'s requests carry', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const org = policies([fullAccess(), orgPolicy('p-guard', 'Guard', [row.statement], [ROOT])]);
      const preflight = predictOrganization(snapshot(MANAGEMENT), org, { region: 'us-east-1', partition: 'aws', tasks: [row.task] });
      const p = preflight.predictions.find((x) => x.accountId === IN_TEAM)!;
      assert.deepEqual(
        {
          result: p.result,
          ...(p.blockedCalls.length ? { blockedCalls: p.blockedCalls } : {}),
          ...(p.dependsOn.length ? { dependsOn: p.dependsOn } : {}),
          ...(p.result !== 'blocked' && p.blockedOptionalCalls?.length ? { optionalBlocked: p.blockedOptionalCalls } : {}),
        },
        row.expected,
      );
    });
  }
});
