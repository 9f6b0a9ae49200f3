import assert from 'node:assert/strict';
import { principalRootGrant } from '../../../../src/core/policy';
import { ALLOW_ALL, policy } from './helpers';

/**
 * The caller's own sts:AssumeRoot, as the holders view asks it (principalRootGrant): made with an IAM user's
 * or role's credentials, it carries no aws:AssumedRoot, and no tag key (AssumeRoot takes none). An SCP on the
 * caller's path that reads them is decided with them absent: the grants it leaves, certain ones.
 */
interface Row {
  name: string;
  scp: object;
  /** The tasks granted, each `task` when certain, `task?` when depending on keys. */
  expected: string[];
}

const EVERY_TASK = ['IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy', 'FutureTaskPolicy'];

const ROWS: Row[] = [
  {
    name: 'an SCP for root sessions only (Bool aws:AssumedRoot true) takes nothing from the caller',
    scp: { Effect: 'Deny', NotAction: ['iam:*', 's3:*BucketPolicy', 'sqs:*QueueAttributes'], Resource: '*', Condition: { Bool: { 'aws:AssumedRoot': 'true' } } },
    expected: EVERY_TASK,
  },
  {
    name: 'a Deny of sts:AssumeRoot unless in a root session (Null aws:AssumedRoot true) takes every task',
    scp: { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { Null: { 'aws:AssumedRoot': 'true' } } },
    expected: [],
  },
  {
    name: 'BoolIfExists aws:AssumedRoot false holds on the absent key: every task taken',
    scp: { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { BoolIfExists: { 'aws:AssumedRoot': 'false' } } },
    expected: [],
  },
  {
    name: 'the governance SCP\'s tag protection (ForAnyValue aws:TagKeys) never holds on AssumeRoot: nothing taken',
    scp: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['dp:*', 'team'] } } },
    expected: EVERY_TASK,
  },
  {
    name: 'the caller\'s own tags stay its own: a Deny on aws:PrincipalTag/team still depends on it',
    scp: { Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'security' } } },
    expected: EVERY_TASK.map((task) => `${task}?`),
  },
];

describe('policy engine: the caller\'s AssumeRoot request lacks aws:AssumedRoot and tag keys', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const identity = policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*' }], 'identity');
      const scps = [[policy([ALLOW_ALL, row.scp], 'scp')]];
      const grants = principalRootGrant({ identity: [identity], scps });
      assert.deepEqual(
        grants.map((g) => `${g.task}${g.certain ? '' : '?'}`),
        row.expected,
      );
    });
  }
});
