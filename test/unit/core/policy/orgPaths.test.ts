/**
 * `aws:PrincipalOrgPaths` of the management account: it sits at the organization's root, so its path is
 * `o-…/r-…/` (IAM User Guide, aws:PrincipalOrgPaths), which a pattern over the OUs (`…/ou-*`) does not match
 * and one over the whole root (`…/r-…/*`) does. Decided as a table of requests, with the deciding statements.
 */
import { type Request } from '../../../../src/core/policy';
import { decisionTable, policy } from './helpers';

const ORG = 'o-a1b2c3d4e5';
const ROOT_PATH = `${ORG}/r-ab12/`;
const OU_PATH = `${ORG}/r-ab12/ou-ab12-11111111/`;
const TASK = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';

const granting = (operator: string, pattern: string) =>
  policy([{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: '*', Condition: { [operator]: { 'aws:PrincipalOrgPaths': pattern } } }], 'grant');

/** `sts:AssumeRoot` by an admin role of an account at `path` (none: the key left out of the request). */
const assumeRoot = (account: string, path?: string): Request => ({
  action: 'sts:AssumeRoot',
  resource: 'arn:aws:iam::222222222222:root',
  principal: { type: 'AWS', id: `arn:aws:sts::${account}:assumed-role/Admin/s` },
  context: { 'sts:TaskPolicyArn': TASK, ...(path ? { 'aws:PrincipalOrgPaths': [path] } : {}) },
});
const management = assumeRoot('111111111111', ROOT_PATH);
const member = assumeRoot('333333333333', OU_PATH);

describe('policy engine: aws:PrincipalOrgPaths of the management account (the root) and of a member account in an OU', () => {
  decisionTable([
    { name: 'ForAnyValue:StringLike …/ou-*: the management account at the root does not match', request: management, set: { identity: [granting('ForAnyValue:StringLike', `${ORG}/r-ab12/ou-*`)] }, decision: 'implicitDeny', deciding: [] },
    { name: 'ForAnyValue:StringLike …/ou-*: a member account in an OU does', request: member, set: { identity: [granting('ForAnyValue:StringLike', `${ORG}/r-ab12/ou-*`)] }, decision: 'allowed', deciding: ['grant#0 line 4'] },
    { name: 'ForAnyValue:StringLike …/r-ab12/*: the root itself matches, the star taking nothing', request: management, set: { identity: [granting('ForAnyValue:StringLike', `${ORG}/r-ab12/*`)] }, decision: 'allowed', deciding: ['grant#0 line 4'] },
    { name: 'ForAnyValue:StringLike o-…/*: the whole organization, the management account included', request: management, set: { identity: [granting('ForAnyValue:StringLike', `${ORG}/*`)] }, decision: 'allowed', deciding: ['grant#0 line 4'] },
    { name: 'ForAnyValue:StringEquals the root path: the management account only', request: management, set: { identity: [granting('ForAnyValue:StringEquals', ROOT_PATH)] }, decision: 'allowed', deciding: ['grant#0 line 4'] },
    { name: 'ForAnyValue:StringEquals the root path: not a member account in an OU', request: member, set: { identity: [granting('ForAnyValue:StringEquals', ROOT_PATH)] }, decision: 'implicitDeny', deciding: [] },
    { name: 'ForAnyValue:StringNotLike …/ou-*: the management account is outside every OU', request: management, set: { identity: [granting('ForAnyValue:StringNotLike', `${ORG}/r-ab12/ou-*`)] }, decision: 'allowed', deciding: ['grant#0 line 4'] },
    { name: 'the path left out of the request: the answer depends on it', request: assumeRoot('111111111111'), set: { identity: [granting('ForAnyValue:StringLike', `${ORG}/r-ab12/*`)] }, decision: 'implicitDeny', deciding: [], dependsOn: ['aws:PrincipalOrgPaths'] },
  ]);
});
