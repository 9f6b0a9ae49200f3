import assert from 'node:assert/strict';
import { type Request, evaluate, readPolicy } from '../../../../src/core/policy';
import { brief } from './helpers';

/**
 * A statement's text with a key written twice, whether an Allow-everything policy sits beside it (so that a
 * Deny shows whether it applies), and the decision with its deciding statements: as JSON parsers read the
 * text, the last key counts.
 */
type Row = [name: string, statementText: string, request: Request, besideAllowAll: boolean, decision: 'allowed' | 'implicitDeny' | 'explicitDeny', deciding: string[]];

const DELETE = 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials';
const AUDIT = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';
const assumeRoot = (context: Request['context']): Request => ({ action: 'sts:AssumeRoot', resource: 'arn:aws:iam::111122223333:root', context });
/** The statement with the key given twice: statement 0 of p.json, on line 2. */
const STATEMENT = 'p.json#0 line 2';
const ALLOW_ALL = readPolicy('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}', 'all.json');

describe('policy engine: a key given twice in one object counts once, the last', () => {
  const rows: Row[] = [
    [
      'two StringEquals blocks: the task scope in the first is dropped',
      `{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": {"StringEquals": {"sts:TaskPolicyArn": "${AUDIT}"}, "StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}`,
      assumeRoot({ 'sts:TaskPolicyArn': DELETE, 'aws:PrincipalOrgID': 'o-abc' }),
      false,
      'allowed',
      [STATEMENT],
    ],
    [
      'the same the other way round: the task scope is the one kept',
      `{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}, "StringEquals": {"sts:TaskPolicyArn": "${AUDIT}"}}}`,
      assumeRoot({ 'sts:TaskPolicyArn': DELETE, 'aws:PrincipalOrgID': 'o-abc' }),
      false,
      'implicitDeny',
      [],
    ],
    [
      'a condition key given twice in one operator block',
      `{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*", "Condition": {"StringEquals": {"sts:TaskPolicyArn": "${DELETE}", "sts:TaskPolicyArn": "${AUDIT}"}}}`,
      assumeRoot({ 'sts:TaskPolicyArn': DELETE }),
      false,
      'implicitDeny',
      [],
    ],
    ['Effect given twice: Deny, then Allow', `{"Effect": "Deny", "Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*"}`, assumeRoot({}), false, 'allowed', [STATEMENT]],
    ['Effect given twice: Allow, then Deny', `{"Effect": "Allow", "Effect": "Deny", "Action": "sts:AssumeRoot", "Resource": "*"}`, assumeRoot({}), true, 'explicitDeny', [STATEMENT]],
    ['Action given twice in a Deny: the first action is not denied', `{"Effect": "Deny", "Action": "sts:AssumeRoot", "Action": "s3:DeleteBucket", "Resource": "*"}`, assumeRoot({}), true, 'allowed', ['all.json#0 line 1']],
  ];
  for (const [name, statementText, request, besideAllowAll, expected, deciding] of rows) {
    it(name, () => {
      const policy = readPolicy(`{"Version": "2012-10-17", "Statement": [\n${statementText}\n]}`, 'p.json');
      const decision = brief(evaluate(request, { identity: besideAllowAll ? [policy, ALLOW_ALL] : [policy] }));
      assert.deepEqual({ decision: decision.decision, deciding: decision.deciding }, { decision: expected, deciding });
    });
  }
});
