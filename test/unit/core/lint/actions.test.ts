import assert from 'node:assert/strict';
import { conditionKeyType, isMultivaluedKey, knownAction, knownService, matchingActions } from '../../../../src/core/lint/actions';

describe('actions (IAM index)', () => {
  it('knows services and actions case-insensitively, answering in the documented spelling', () => {
    assert.ok(knownService('STS'));
    assert.ok(!knownService('ecs2'));
    assert.equal(knownAction('sts:assumeroot'), 'sts:AssumeRoot');
    assert.equal(knownAction('sts:AssumeRooot'), undefined);
  });

  it('expands action wildcards', () => {
    assert.ok(matchingActions('sts:Assume*').includes('sts:AssumeRoot'));
    assert.ok(matchingActions('STS:assume?oot').includes('sts:AssumeRoot'));
    assert.ok(matchingActions('*').length > 10000);
    assert.deepEqual(matchingActions('s3:Fly*'), []);
    assert.deepEqual(matchingActions('nosuch:*'), []);
  });

  it('a name without a colon is no action; a wildcard without one still spans the colon', () => {
    assert.deepEqual(matchingActions('iam'), []);
    assert.deepEqual(matchingActions('sts'), []);
    assert.ok(matchingActions('sts*').includes('sts:AssumeRoot'));
  });

  it('gives condition key types, global keys and tag templates included', () => {
    assert.equal(conditionKeyType('aws:AssumedRoot'), 'Bool');
    assert.equal(conditionKeyType('AWS:PrincipalTag/team'), 'String');
    assert.equal(conditionKeyType('s3:ResourceAccount'), 'String');
    assert.equal(conditionKeyType('sts:TaskPolicyArn'), 'ARN');
    assert.equal(conditionKeyType('aws:NoSuchKey'), undefined);
    // Service templates: cut after a `/`, with `${...}` or `<key>`, and after a `:`.
    assert.equal(conditionKeyType('ec2:ResourceTag/team'), 'String');
    assert.equal(conditionKeyType('s3:ExistingObjectTag/team'), 'String');
    assert.equal(conditionKeyType('kms:EncryptionContext:aws:s3:arn'), 'String');
    assert.equal(conditionKeyType('apigateway:Request/ApiName'), 'String');
    assert.equal(conditionKeyType('apigateway:Request/NoSuchName'), undefined);
    // ... and where the reference writes the placeholder as a literal `tag-key`, or leaves it out.
    assert.equal(conditionKeyType('secretsmanager:ResourceTag/owner'), 'String');
    assert.equal(conditionKeyType('glacier:ResourceTag/owner'), 'String');
  });

  it('tells single- from multivalued keys', () => {
    for (const key of ['aws:TagKeys', 'aws:CalledVia', 'aws:PrincipalServiceNamesList', 'aws:PrincipalOrgPaths', 'aws:ResourceOrgPaths']) assert.equal(isMultivaluedKey(key), true, key);
    for (const key of ['aws:AssumedRoot', 'aws:PrincipalArn', 'aws:SourceAccount', 'aws:RequestTag/env']) assert.equal(isMultivaluedKey(key), false, key);
    assert.equal(isMultivaluedKey('nosuch:Key'), undefined);
  });
});
