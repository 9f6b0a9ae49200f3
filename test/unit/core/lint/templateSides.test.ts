import assert from 'node:assert/strict';
import { readYamlTemplate } from '../../../../src/core/lint/iac/yamlTemplate';
import { parseSide, readingOnSides } from '../../../../src/core/lint/templateSides';

/** A managed policy whose one statement's Action and Resource are written with `Fn::If`. */
const TEMPLATE = [
  'Resources:',
  '  P:',
  '    Type: AWS::IAM::ManagedPolicy',
  '    Properties:',
  '      PolicyDocument:',
  '        Statement:',
  '          - Effect: Allow',
  '            Action: !If [Vendor, sts:AssumeRoot, s3:GetObject]',
  '            Resource: !If [Prod, "arn:aws:s3:::prod/*", "*"]',
  '',
].join('\n');

describe('choosing a reading of a template policy written with Fn::If', () => {
  const readings = readYamlTemplate(TEMPLATE, undefined).documents;
  const action = (chosen: Map<string, boolean>) => {
    const reading = readingOnSides(readings, chosen);
    return 'document' in reading ? reading.document.text.match(/"Action":\s*"([^"]+)"/)?.[1] ?? reading.document.text : reading;
  };

  it('parses NAME=true and NAME=false, nothing else', () => {
    assert.deepEqual(parseSide('IsProd=true'), ['IsProd', true]);
    assert.deepEqual(parseSide(' IsProd=FALSE '), ['IsProd', false]);
    assert.equal(parseSide('IsProd'), undefined);
    assert.equal(parseSide('IsProd=yes'), undefined);
    // A Terraform condition is named as written, spaces, quotes and `==` included.
    assert.deepEqual(parseSide('var.env == "prod"=true'), ['var.env == "prod"', true]);
  });

  it('the reading on every side chosen; the conditions still to choose otherwise', () => {
    assert.equal(readings.length, 4);
    assert.equal(action(new Map([['Vendor', true], ['Prod', false]])), 'sts:AssumeRoot');
    assert.equal(action(new Map([['Vendor', false], ['Prod', true]])), 's3:GetObject');
    assert.deepEqual(action(new Map([['Vendor', true]])), { undecided: ['Prod'] });
    assert.deepEqual(action(new Map()), { undecided: ['Vendor', 'Prod'] });
    // A condition the policy does not test changes nothing.
    assert.deepEqual(action(new Map([['Other', true]])), { undecided: ['Vendor', 'Prod'] });
  });

  it('a policy one side leaves out: nothing to choose on that side', () => {
    const optional = TEMPLATE.replace('      PolicyDocument:\n', '      PolicyDocument: !If\n        - Breakglass\n        -\n').replace(/\n {8}Statement/, '\n          Statement').replace(/\n {10}- Effect/, '\n            - Effect').replace(/\n {12}(Action|Resource)/g, '\n              $1') + '        - !Ref AWS::NoValue\n';
    const only = readYamlTemplate(optional, undefined).documents;
    assert.ok(only.length > 0 && only.every((d) => d.reading?.branches.some((b) => b.condition === 'Breakglass' && b.holds)));
    assert.deepEqual(readingOnSides(only, new Map([['Breakglass', false]])), { undecided: [] });
  });
});
