/**
 * Session policies and VPC endpoint policies, as the IAM User Guide ("Session policies", "Policy evaluation
 * logic") and the PrivateLink guide ("Control access to VPC endpoints using endpoint policies") describe
 * them: session policies cap what the identity policies grant and what a resource policy grants by naming
 * the session's role, not what it grants by naming the session; an endpoint policy names principals,
 * grants nothing and must allow every request through the endpoint, a root session's included.
 */
import assert from 'node:assert/strict';
import { type Request, TASK_CALLS, evaluate, rootSessionRequest, taskPolicyDocument } from '../../../../src/core/policy';
import { ALLOW_ALL, decideSet, decisionTable, policy } from './helpers';

const SESSION = 'arn:aws:sts::111122223333:assumed-role/Reader/alice';
const ROLE = 'arn:aws:iam::111122223333:role/Reader';

const asSession = (action: string, resource: string, context: Request['context'] = {}): Request => ({
  action,
  resource,
  principal: { type: 'AWS', id: SESSION },
  context: { 'aws:ResourceAccount': '111122223333', ...context },
});

const allowAll = policy([ALLOW_ALL], 'identity');
const s3Identity = policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'identity');
const readOnlySession = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }], 'session-inline');
const listSession = policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports' }], 'session-managed');

describe('policy engine: session policies', () => {
  decisionTable([
    {
      name: 'what both the identity policies and the session policy allow is allowed, naming both',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { identity: [s3Identity], sessionPolicies: [readOnlySession] },
      decision: 'allowed',
      deciding: ['identity#0 line 4', 'session-inline#0 line 4'],
    },
    {
      name: 'what the identity policies allow and the session policy does not is denied implicitly',
      request: asSession('s3:PutObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { identity: [s3Identity], sessionPolicies: [readOnlySession] },
      decision: 'implicitDeny',
      deciding: [],
      reason: /session policies do not allow it/,
    },
    {
      name: 'a session policy grants nothing the identity policies do not',
      request: asSession('sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:q'),
      set: { identity: [s3Identity], sessionPolicies: [policy([ALLOW_ALL], 'session-inline')] },
      decision: 'implicitDeny',
      deciding: [],
      reason: /no identity or resource policy allows it/,
    },
    {
      name: 'the inline and the managed session policies together cap the session: one of them allowing is enough',
      request: asSession('s3:ListBucket', 'arn:aws:s3:::reports'),
      set: { identity: [s3Identity], sessionPolicies: [readOnlySession, listSession] },
      decision: 'allowed',
      deciding: ['identity#0 line 4', 'session-managed#0 line 4'],
    },
    {
      name: 'an explicit Deny in a session policy overrides every Allow',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { identity: [allowAll], sessionPolicies: [policy([ALLOW_ALL, { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }], 'session-inline')] },
      decision: 'explicitDeny',
      deciding: ['session-inline#1 line 9'],
    },
    {
      name: "a bucket policy naming the session's role is capped by the session policy, as the identity policies are",
      request: asSession('s3:DeleteObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { resource: policy([{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::reports/*' }], 'bucket'), sessionPolicies: [readOnlySession] },
      decision: 'implicitDeny',
      deciding: [],
    },
    {
      name: "a bucket policy naming the session's role grants within the session policy, naming both",
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { resource: policy([{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }], 'bucket'), sessionPolicies: [readOnlySession] },
      decision: 'allowed',
      deciding: ['bucket#0 line 4', 'session-inline#0 line 4'],
    },
    {
      name: 'a bucket policy naming the session itself is not capped by the session policy',
      request: asSession('s3:DeleteObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { resource: policy([{ Effect: 'Allow', Principal: { AWS: SESSION }, Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::reports/*' }], 'bucket'), sessionPolicies: [readOnlySession] },
      decision: 'allowed',
      deciding: ['bucket#0 line 4'],
    },
    {
      name: 'a session policy that allows only with a key the request did not give depends on that key',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: {
        identity: [s3Identity],
        sessionPolicies: [policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }], 'session-inline')],
      },
      decision: 'implicitDeny',
      deciding: [],
      dependsOn: ['aws:SourceIp'],
    },
    {
      name: 'the session policies and the permissions boundary both cap the identity policies',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { identity: [s3Identity], sessionPolicies: [readOnlySession], permissionsBoundary: policy([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }], 'boundary') },
      decision: 'implicitDeny',
      deciding: [],
      reason: /permissions boundary/,
    },
  ]);
});

describe('policy engine: VPC endpoint policies', () => {
  const reportsOnly = policy([{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }], 'endpoint');
  decisionTable([
    {
      name: 'a request the endpoint policy allows is decided by the other policies, naming the endpoint statement',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { identity: [s3Identity], endpointPolicy: reportsOnly },
      decision: 'allowed',
      deciding: ['identity#0 line 4', 'endpoint#0 line 4'],
    },
    {
      name: 'a request the endpoint policy does not allow is denied, whatever the identity policies allow',
      request: asSession('s3:GetObject', 'arn:aws:s3:::exfiltration/data'),
      set: { identity: [s3Identity], endpointPolicy: reportsOnly },
      decision: 'implicitDeny',
      deciding: [],
      reason: /VPC endpoint policy does not allow it/,
    },
    {
      name: 'an endpoint policy grants nothing by itself',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { endpointPolicy: reportsOnly },
      decision: 'implicitDeny',
      deciding: [],
      reason: /no identity or resource policy allows it/,
    },
    {
      name: 'an endpoint policy names principals: an Allow for another principal does not let the caller through',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { identity: [s3Identity], endpointPolicy: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Writer' }, Action: 's3:*', Resource: '*' }], 'endpoint') },
      decision: 'implicitDeny',
      deciding: [],
      reason: /VPC endpoint policy/,
    },
    {
      name: 'a statement without Principal matches no caller (AWS requires the element in endpoint policies)',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { identity: [s3Identity], endpointPolicy: policy([ALLOW_ALL], 'endpoint') },
      decision: 'implicitDeny',
      deciding: [],
    },
    {
      name: "an endpoint Deny on principals outside the organization applies when the caller's organization is another",
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv', { 'aws:PrincipalOrgID': 'o-stranger' }),
      set: {
        identity: [s3Identity],
        endpointPolicy: policy(
          [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-ours' } } }],
          'endpoint',
        ),
      },
      decision: 'explicitDeny',
      deciding: ['endpoint#1 line 10'],
    },
    {
      name: 'an endpoint Allow that hinges on a key the request did not give depends on it',
      request: asSession('s3:GetObject', 'arn:aws:s3:::reports/q3.csv'),
      set: { identity: [s3Identity], endpointPolicy: policy([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-ours' } } }], 'endpoint') },
      decision: 'implicitDeny',
      deciding: [],
      dependsOn: ['aws:PrincipalOrgID'],
    },
  ]);

  // A root session's calls go through the endpoint too ("Service control policies, VPC endpoint policies,
  // and other relevant policies remain effective during the root sessions").
  const deleteProfile = TASK_CALLS.IAMDeleteRootUserCredentials.find((call) => call.action === 'iam:DeleteLoginProfile')!;
  const rootCall = rootSessionRequest(deleteProfile, { partition: 'aws', account: '111122223333' });
  const task = taskPolicyDocument('IAMDeleteRootUserCredentials');

  it("a root session's call is denied when the endpoint policy does not allow it", () => {
    const s3Endpoint = policy([{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }], 'endpoint');
    const decision = evaluate(rootCall, { taskPolicy: task, endpointPolicy: s3Endpoint });
    assert.deepEqual([decision.decision, decision.reason], ['implicitDeny', 'the VPC endpoint policy does not allow it']);
  });

  it("a root session's call the endpoint policy allows is allowed, naming the endpoint statement", () => {
    const iamEndpoint = policy([{ Effect: 'Allow', Principal: '*', Action: 'iam:*', Resource: '*' }], 'endpoint');
    assert.deepEqual(decideSet(rootCall, { taskPolicy: task, endpointPolicy: iamEndpoint }), { decision: 'allowed', deciding: ['endpoint#0 line 4'], dependsOn: [] });
  });
});
