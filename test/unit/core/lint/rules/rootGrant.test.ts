import assert from 'node:assert/strict';
import { readDocuments } from '../../../../../src/core/lint/documents';
import { enginePolicy } from '../../../../../src/core/lint/enginePolicy';
import { readYamlTemplate } from '../../../../../src/core/lint/iac/yamlTemplate';
import type { PolicyDocument } from '../../../../../src/core/lint/model';
import { parseJson } from '../../../../../src/core/lint/parse';
import { effectiveGrant } from '../../../../../src/core/lint/rules/rootGrant';
import { assumeRootGrant } from '../../../../../src/core/policy';

function identityDocument(statements: object[]): PolicyDocument {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return readDocuments(text, parseJson(text).root, 'identity').documents[0];
}

function templateDocument(action: string): PolicyDocument {
  const text = `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: ${action}\n            Resource: '*'\n`;
  const { documents } = readYamlTemplate(text, undefined);
  assert.equal(documents.length, 1);
  return documents[0];
}

const allow = (element: object) => ({ Effect: 'Allow', Resource: '*', ...element });

/**
 * effectiveGrant asks the engine only about documents with a statement that may cover sts:AssumeRoot;
 * whichever way it goes, its answer must be the engine's own for the whole document.
 */
const CASES: Array<[string, () => PolicyDocument, boolean]> = [
  ['the action named', () => identityDocument([allow({ Action: 'sts:AssumeRoot' })]), true],
  ['a wildcard, in other case', () => identityDocument([allow({ Action: ['s3:GetObject', 'STS:assume*'] })]), true],
  ['every action', () => identityDocument([allow({ Action: '*' })]), true],
  ['NotAction that leaves it in', () => identityDocument([allow({ NotAction: 'iam:*' })]), true],
  ['NotAction that takes it out', () => identityDocument([allow({ NotAction: 'sts:*' })]), false],
  ['Action beside NotAction: Action counts', () => identityDocument([allow({ Action: 'sts:AssumeRoot', NotAction: 'sts:*' })]), true],
  ['a policy variable in Action, which IAM does not replace there', () => identityDocument([allow({ Action: 'sts:${aws:username}' })]), false],
  ['other actions only', () => identityDocument([allow({ Action: ['sts:AssumeRole', 's3:*', 'iam:Get*'] })]), false],
  ['a Deny only', () => identityDocument([{ Effect: 'Deny', Action: 'sts:AssumeRoot', Resource: '*' }]), false],
  ['a template parameter as the action', () => templateDocument('!Sub "sts:${Verb}"'), true],
  ['a joined action with an unknown part', () => templateDocument('!Join ["", ["sts:", !Ref Verb]]'), true],
  ['a template action that cannot be it', () => templateDocument('!Sub "s3:${Verb}"'), false],
];

describe('effectiveGrant: the engine asked only where a statement may cover sts:AssumeRoot', () => {
  for (const [name, read, grants] of CASES) {
    it(`${name}: ${grants ? 'a grant' : 'no grant'}, as the engine decides`, () => {
      const document = read();
      const fromEngine = assumeRootGrant(enginePolicy(document));
      assert.deepEqual(effectiveGrant(document), fromEngine);
      assert.equal(fromEngine.length > 0, grants);
    });
  }
});
