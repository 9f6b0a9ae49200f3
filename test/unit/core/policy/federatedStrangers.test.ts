/**
 * Federated trust: whether any identity of the provider a trust policy names may assume the role, a token for
 * a subject of the stranger's own, or whether a condition on the subject keeps it out.
 */
import assert from 'node:assert/strict';
import { federatedStrangerGetsIn } from '../../../../src/core/policy';
import { policy } from './helpers';

const ROLE = 'arn:aws:iam::111122223333:role/Deploy';
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const EKS = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789';
const SAML = 'arn:aws:iam::111122223333:saml-provider/Okta';
const COGNITO = 'cognito-identity.amazonaws.com';
const POOL = 'us-east-1:12345678-1234-1234-1234-123456789012';

const web = (provider: string, condition?: object, action = 'sts:AssumeRoleWithWebIdentity') => ({ Effect: 'Allow', Principal: { Federated: provider }, Action: action, ...(condition ? { Condition: condition } : {}) });
const gh = (operator: string, sub: string | string[]) => web(GITHUB, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, [operator]: { 'token.actions.githubusercontent.com:sub': sub } });

describe('policy engine: does any identity of a federated provider get in', () => {
  const cases: Array<[string, object[], string, boolean]> = [
    ['GitHub, the audience alone', [web(GITHUB, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } })], GITHUB, true],
    ['GitHub, no condition', [web(GITHUB)], GITHUB, true],
    ['GitHub, one repository\'s main branch', [gh('StringEquals', 'repo:octo-org/deploy:ref:refs/heads/main')], GITHUB, false],
    ['GitHub, the repositories of one owner', [gh('StringLike', 'repo:octo-org/*')], GITHUB, false],
    ['GitHub, any repository', [gh('StringLike', 'repo:*')], GITHUB, true],
    ['GitHub, any repository\'s production environment, which anyone names', [gh('StringLike', 'repo:*:environment:production')], GITHUB, true],
    ['GitHub, any repository\'s release branches', [gh('StringLike', 'repo:*:ref:refs/heads/release-*')], GITHUB, true],
    ['GitHub, every subject but one', [gh('StringNotEquals', 'repo:octo-org/deploy:pull_request')], GITHUB, true],
    ["GitHub, a repository name under any owner, which anyone can own", [gh('StringLike', 'repo:*/infra:*')], GITHUB, true],
    ['GitHub, owners beginning with the organization\'s name, which anyone can register', [gh('StringLike', 'repo:octo-org*')], GITHUB, true],
    ['GitHub, any repository and branch of one owner', [gh('StringLike', 'repo:octo-org/*:*')], GITHUB, false],
    ['an EKS cluster\'s service account', [web(EKS, { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789:sub': 'system:serviceaccount:deploy:deployer' } })], EKS, false],
    ['an EKS cluster, the audience alone', [web(EKS, { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789:aud': 'sts.amazonaws.com' } })], EKS, true],
    ['Cognito, no condition: any pool', [web(COGNITO)], COGNITO, true],
    ['Cognito, our pool: its guests', [web(COGNITO, { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL } })], COGNITO, true],
    [
      'Cognito, our pool, signed in',
      [web(COGNITO, { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } })],
      COGNITO,
      false,
    ],
    ["SAML, the sign-in audience alone: the organization's IdP names each user's roles", [web(SAML, { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } }, 'sts:AssumeRoleWithSAML')], SAML, false],
    ['SAML, one subject', [web(SAML, { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml', 'saml:sub': 'alice@example.com' } }, 'sts:AssumeRoleWithSAML')], SAML, false],
    ['a web identity action for a SAML provider', [web(SAML)], SAML, false],
    [
      'a Deny of every subject but one repository\'s',
      [web(GITHUB), { Effect: 'Deny', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringNotLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/deploy:*' } } }],
      GITHUB,
      false,
    ],
    ['another provider trusted', [web(EKS)], GITHUB, false],
  ];
  for (const [name, statements, provider, expected] of cases) {
    it(`${name}: ${expected ? 'gets in' : 'stays out'}`, () => {
      assert.equal(federatedStrangerGetsIn(policy(statements), provider, ROLE), expected);
    });
  }

  it('through one statement: only when that statement is among those that let it in', () => {
    const two = policy([gh('StringEquals', 'repo:octo-org/deploy:ref:refs/heads/main'), web(GITHUB)]);
    assert.deepEqual([0, 1].map((index) => federatedStrangerGetsIn(two, GITHUB, ROLE, index)), [false, true]);
  });
});
