import assert from 'node:assert/strict';
import { parseCsv } from '../../../support/csv';
import { renderHolders } from '../../../../src/core/holders/formats';
import { analyzeHolders, type PrincipalSource } from '../../../../src/core/holders/index';

const TASK = (name: string) => `arn:aws:iam::aws:policy/root-task/${name}`;

function report() {
  const principal = (name: string, statement: object, boundary?: object): PrincipalSource => ({
    kind: 'role',
    name,
    arn: `arn:aws:iam::111111111111:role/${name}`,
    policies: [{ label: `${name}-policy`, source: 'inline', arn: `arn:aws:iam::111111111111:policy/${name}`, text: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }],
    ...(boundary ? { boundary: { label: 'boundary', source: 'permissions boundary', text: JSON.stringify({ Version: '2012-10-17', Statement: [boundary] }) } } : {}),
  });
  return analyzeHolders({
    accountId: '111111111111',
    principals: [
      principal('=HYPERLINK("x")', { Sid: 'Two', Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { StringEquals: { 'sts:TaskPolicyArn': [TASK('IAMAuditRootUserCredentials'), TASK('IAMCreateRootUserPassword')] } } }),
      principal('stopped', { Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: 's3:*', Resource: '*' }),
    ],
    gaps: [{ part: 'IAM Identity Center permission sets', code: 'MissingPermission', message: 'The caller may not call sso:ListInstances' }],
  });
}

describe('root session holders: report formats', () => {
  it('CSV has one row per principal and task with the deciding statement, and neutralises formulas', () => {
    const rows = parseCsv(renderHolders(report(), 'csv'));
    assert.deepEqual(
      rows.map((r) => [r.Principal, r.Task, r.Accounts, r.Unconditional, r.Policy, r.PolicyArn, r.Sid, r.BoundaryRemoves.split(' ').length]),
      [
        ["'=HYPERLINK(\"x\")", 'IAMAuditRootUserCredentials', 'every account', 'Yes', "'=HYPERLINK(\"x\")-policy", 'arn:aws:iam::111111111111:policy/=HYPERLINK("x")', 'Two', 1],
        ["'=HYPERLINK(\"x\")", 'IAMCreateRootUserPassword', 'every account', 'Yes', "'=HYPERLINK(\"x\")-policy", 'arn:aws:iam::111111111111:policy/=HYPERLINK("x")', 'Two', 1],
        ['stopped', '', '', '', '', '', '', 6],
      ],
    );
  });

  it('Markdown groups principals by what they can do and lists what could not be read', () => {
    const text = renderHolders(report(), 'markdown');
    assert.match(text, /## Password recovery or deletion on every account\n\n.*\n.*\n\| role =HYPERLINK\("x"\) \| audit, password recovery \| every account \| none \|/);
    assert.match(text, /## Granted, but the permissions boundary removes it\n\n.*\n.*\n\| role stopped \| none \|/);
    assert.match(text, /## Not read\n\n- IAM Identity Center permission sets \(MissingPermission\): The caller may not call sso:ListInstances/);
  });

  it('the table shows a principal whose boundary removes every task, and who trusts it, with controls escaped', () => {
    const trustPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/t\u001b[2J': 'x' } } }],
    });
    const report = analyzeHolders({
      accountId: '111111111111',
      principals: [
        {
          kind: 'role',
          name: 'stop\u001b[2Jped',
          arn: 'arn:aws:iam::111111111111:role/stopped',
          policies: [{ label: 'admin', source: 'inline', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }],
          boundary: { label: 'boundary', source: 'permissions boundary', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) },
          trustPolicy,
        },
      ],
      gaps: [],
    });
    const row = renderHolders(report, 'table').split('\n')[1];
    assert.doesNotMatch(row, /\u001b/);
    assert.match(row, /^\d+ +role stop\\u\{1b\}\[2Jped +none \(boundary removes [^)]+\) +external arn:aws:iam::222222222222:root \(if aws:PrincipalTag\/t\\u\{1b\}\[2J\)$/);
  });
});
