/**
 * The keys a request carries because of its caller ("AWS global condition context keys"): present in every
 * request signed with the principal's credentials, so they decide, not "depend", unless the request gives
 * them otherwise.
 */
import assert from 'node:assert/strict';
import type { Request } from '../../../../src/core/policy';
import { ALLOW_ALL, decideSet, policy } from './helpers';

const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:events';
// The data-perimeter RCP: only the organization's identities, and AWS services, reach its resources.
const perimeter = policy(
  [
    {
      Sid: 'EnforceOrgIdentities',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sqs:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-ours' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
    },
  ],
  'rcp',
);
const rcpFullAccess = policy([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }], 'RCPFullAWSAccess');
const queue = policy([{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: QUEUE }], 'queue');
const send = (principal: Request['principal'], context: Request['context'] = {}): Request => ({ action: 'sqs:SendMessage', resource: QUEUE, principal, context });

describe('policy engine: the keys a caller brings', () => {
  it('a service principal is an AWS service: the perimeter RCP lets it through', () => {
    assert.deepEqual(decideSet(send({ type: 'Service', id: 'sns.amazonaws.com' }), { resource: queue, rcps: [[rcpFullAccess, perimeter]] }), {
      decision: 'allowed',
      deciding: ['queue#0 line 4', 'RCPFullAWSAccess#0 line 4'],
      dependsOn: [],
    });
  });

  it("an IAM principal is not an AWS service: outside the organization the RCP denies it, depending only on the organization's id", () => {
    const stranger = { type: 'AWS', id: 'arn:aws:iam::999988887777:user/mallory' };
    assert.deepEqual(decideSet(send(stranger), { identity: [policy([ALLOW_ALL], 'id')], resource: queue, rcps: [[rcpFullAccess, perimeter]] }), {
      decision: 'explicitDeny',
      deciding: ['rcp#0 line 4'],
      dependsOn: ['aws:PrincipalOrgID'],
    });
  });

  it("an IAM user's own name fills ${aws:username}", () => {
    const home = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }], 'home');
    const get = (user: string, key: string): Request => ({ action: 's3:GetObject', resource: `arn:aws:s3:::home/${key}`, principal: { type: 'AWS', id: `arn:aws:iam::111122223333:user/staff/${user}` } });
    assert.equal(decideSet(get('alice', 'alice/notes.txt'), { identity: [home] }).decision, 'allowed');
    assert.deepEqual(decideSet(get('bob', 'alice/notes.txt'), { identity: [home] }), { decision: 'implicitDeny', deciding: [], dependsOn: [] });
  });

  const noAccountPrincipals = policy([{ Sid: 'NoRootUser', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalType': 'Account' } } }], 'scp');
  const fullAccess = policy([ALLOW_ALL], 'FullAWSAccess');
  const createUser = (principal: string, context: Request['context'] = {}): Request => ({
    action: 'iam:CreateUser',
    resource: 'arn:aws:iam::111122223333:user/new',
    principal: { type: 'AWS', id: principal },
    context,
  });

  it('the root user is of type Account; a role session is not', () => {
    assert.deepEqual(decideSet(createUser('arn:aws:iam::111122223333:root'), { scps: [[fullAccess, noAccountPrincipals]] }).deciding, ['scp#0 line 4']);
    const admin = createUser('arn:aws:sts::111122223333:assumed-role/Admin/ana');
    assert.deepEqual(decideSet(admin, { identity: [policy([ALLOW_ALL], 'id')], scps: [[fullAccess, noAccountPrincipals]] }), {
      decision: 'allowed',
      deciding: ['id#0 line 4', 'FullAWSAccess#0 line 4'],
      dependsOn: [],
    });
  });

  // Control Tower and LZA exempt IAM Identity Center's roles by their path, which a session's ARN drops.
  const exemptSsoAdmins = policy(
    [{ Sid: 'OnlySsoAdmins', Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*' } } }],
    'scp',
  );
  const ssoAdmin = 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice';
  const asAdmin = { identity: [policy([ALLOW_ALL], 'id')], scps: [[fullAccess, exemptSsoAdmins]] };

  it("an IAM Identity Center role's session: its role's path is not guessed, so a guardrail on it depends on aws:PrincipalArn", () => {
    assert.deepEqual(decideSet(createUser(ssoAdmin), asAdmin), { decision: 'explicitDeny', deciding: ['scp#0 line 4'], dependsOn: ['aws:PrincipalArn'] });
    const given = createUser(ssoAdmin, { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef' });
    assert.equal(decideSet(given, asAdmin).decision, 'allowed');
  });

  it('a key the request gives wins over the one its caller would bring', () => {
    const given = createUser('arn:aws:iam::111122223333:root', { 'aws:principaltype': 'AssumedRole' });
    assert.equal(decideSet(given, { scps: [[fullAccess, noAccountPrincipals]] }).decision, 'allowed');
  });
});
