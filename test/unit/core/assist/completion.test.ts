import assert from 'node:assert/strict';
import { type AssistCompletion, completionsAt } from '../../../../src/core/assist/completion';
import { GLOBAL_CONDITION_KEYS } from '../../../../src/core/policy/globalKeys';
import { cursor, statement } from './cursor';

function complete(textWithCursor: string) {
  const { text, offset } = cursor(textWithCursor);
  const list = completionsAt(text, offset);
  const items = [...(list?.items ?? [])].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  return { list, items, labels: items.map((i) => i.label), text };
}

const byLabel = (items: AssistCompletion[], label: string) => items.find((i) => i.label === label);

describe('completion', () => {
  describe('Action and NotAction', () => {
    it('offers service prefixes until a colon, each completing to "prefix:" and asking again', () => {
      const { items, list, text } = complete(statement('"Effect": "Allow", "Action": "s|"'));
      const s3 = byLabel(items, 's3');
      assert.deepEqual(s3 && { insertText: s3.insertText, detail: s3.detail, retrigger: s3.retrigger }, { insertText: 's3:', detail: 'Amazon S3', retrigger: true });
      assert.ok(items.length > 400, `${items.length} services`);
      assert.equal(text.slice(list!.replace.start, list!.replace.end), 's', 'the whole string content is replaced');
    });

    it('offers the service\'s actions with access level and one line, sts:AssumeRoot first', () => {
      const { items, labels } = complete(statement('"Effect": "Allow", "Action": ["sts:|"]'));
      assert.equal(labels[0], 'sts:AssumeRoot');
      assert.ok(labels.every((l) => l.startsWith('sts:')), labels.join());
      assert.deepEqual(
        { description: items[0].description, detail: items[0].detail },
        { description: 'Write', detail: 'Obtain a set of temporary security credentials that you can use to perform privileged tasks in member accounts in your organization' },
      );
      assert.equal(
        items[0].documentation,
        'Resource types: `root-user`\n\nCondition keys: `sts:TaskPolicyArn`\n\n[AWS Security Token Service in the Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html)',
      );
    });

    it('completes in NotAction and in a list member after others, replacing the typed text', () => {
      const { labels, list, text } = complete(statement('"Effect": "Deny", "NotAction": ["s3:GetObject", "iam:CreateLog|"]'));
      assert.ok(labels.includes('iam:CreateLoginProfile'));
      assert.equal(text.slice(list!.replace.start, list!.replace.end), 'iam:CreateLog');
    });

    it('quotes what it inserts when the cursor is in no string', () => {
      const { items, list } = complete(statement('"Effect": "Allow", "Action": [|]'));
      assert.equal(byLabel(items, 'sts')?.insertText, '"sts:"');
      assert.equal(list!.replace.start, list!.replace.end);
    });

    it('offers nothing for an unknown service, nor outside statements', () => {
      assert.equal(complete(statement('"Action": "nosuchservice:|"')).list, undefined);
      assert.equal(complete('{ "Action": "s3:|" }').list, undefined);
      assert.equal(complete(statement('"Sid": "s3:|"')).list, undefined);
    });
  });

  describe('Condition', () => {
    it('offers operators: plain ones, then IfExists forms, then ForAnyValue:/ForAllValues:', () => {
      const { labels } = complete(statement('"Action": "sts:AssumeRoot", "Condition": { "|" }'));
      assert.ok(labels.indexOf('StringEquals') < labels.indexOf('StringEqualsIfExists'));
      assert.ok(labels.indexOf('StringEqualsIfExists') < labels.indexOf('ForAnyValue:StringEquals'));
      assert.ok(labels.includes('ForAllValues:StringLike'));
      assert.ok(labels.includes('Null') && !labels.includes('NullIfExists'));
    });

    it('offers the keys the statement\'s actions support first, then the global keys', () => {
      const { items, labels } = complete(statement('"Action": "sts:AssumeRoot", "Condition": { "StringEquals": { "|" } }'));
      assert.equal(labels[0], 'sts:TaskPolicyArn');
      assert.equal(items[0].description, 'ARN');
      assert.match(items[0].documentation ?? '', /Supported by sts:AssumeRoot/);
      assert.ok(labels.includes('aws:AssumedRoot') && labels.includes('aws:PrincipalTag/'));
      assert.ok(!labels.includes('s3:ExistingObjectTag/'), 'no key of an action the statement lacks');
    });

    it('writes tag-key templates up to their slash', () => {
      const { items } = complete(statement('"Action": "s3:GetObject", "Condition": { "StringEquals": { "s3:|" } }'));
      assert.deepEqual(byLabel(items, 's3:ExistingObjectTag/') && { insertText: byLabel(items, 's3:ExistingObjectTag/')!.insertText, type: byLabel(items, 's3:ExistingObjectTag/')!.description }, { insertText: 's3:ExistingObjectTag/', type: 'String' });
    });

    it('offers only global keys, cross-service ones included, for NotAction or every action', () => {
      const global = new Set(Object.keys(GLOBAL_CONDITION_KEYS));
      const notAction = complete(statement('"NotAction": "s3:GetObject", "Condition": { "Bool": { "|" } }')).labels;
      assert.deepEqual(new Set(notAction), global);
      assert.ok(notAction.includes('ec2:SourceInstanceArn'));
      const everything = complete(statement('"Action": "*", "Condition": { "Bool": { "|" } }')).labels;
      assert.deepEqual(new Set(everything), global);
    });

    it('offers the five task-policy ARNs for sts:TaskPolicyArn, with the calls of each task', () => {
      const { items, labels } = complete(statement('"Action": "sts:AssumeRoot", "Condition": { "ArnEquals": { "sts:TaskPolicyArn": ["|"] } }'));
      assert.deepEqual(labels, [
        'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials',
        'arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword',
        'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials',
        'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy',
        'arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy',
      ]);
      assert.equal(items[1].detail, 'A root session that may call iam:CreateLoginProfile, iam:GetLoginProfile');
    });

    it('offers true and false for Bool keys and the Null operator, quoted outside a string', () => {
      assert.deepEqual(complete(statement('"Action": "*", "Condition": { "Bool": { "aws:AssumedRoot": "|" } }')).labels, ['true', 'false']);
      assert.deepEqual(complete(statement('"Action": "*", "Condition": { "StringEquals": { "aws:SecureTransport": "|" } }')).labels, ['true', 'false']);
      assert.deepEqual(
        complete(statement('"Action": "*", "Condition": { "Null": { "aws:AssumedRoot": | } }')).items.map((i) => i.insertText),
        ['"true"', '"false"'],
      );
    });

    it('offers the partition-neutral root ARN pattern for aws:PrincipalArn', () => {
      assert.deepEqual(complete(statement('"Action": "*", "Condition": { "ArnLike": { "aws:PrincipalArn": "|" } }')).labels, ['arn:*:iam::*:root']);
    });

    it('offers the root ARN pattern only under an operator that reads wildcards, and true/false under Null', () => {
      assert.deepEqual(complete(statement('"Action": "*", "Condition": { "StringLike": { "aws:PrincipalArn": "|" } }')).labels, ['arn:*:iam::*:root']);
      assert.equal(complete(statement('"Action": "*", "Condition": { "StringEquals": { "aws:PrincipalArn": "|" } }')).list, undefined);
      assert.deepEqual(complete(statement('"Action": "*", "Condition": { "Null": { "sts:TaskPolicyArn": "|" } }')).labels, ['true', 'false']);
    });

    it('offers no value where the set is open', () => {
      assert.equal(complete(statement('"Action": "*", "Condition": { "StringEquals": { "aws:PrincipalOrgID": "|" } }')).list, undefined);
    });
  });

  describe('Resource', () => {
    it('offers the ARN templates of the resource types the statement\'s actions take, as snippets, then *', () => {
      const { items } = complete(statement('"Action": ["sts:AssumeRoot"], "Resource": "|"'));
      assert.deepEqual(
        items.map((i) => [i.label, i.description, i.insertText, i.snippet ?? false]),
        [
          ['arn:${Partition}:iam::${Account}:root', 'root-user', 'arn:${1:Partition}:iam::${2:Account}:root', true],
          ['*', undefined, '*', false],
        ],
      );
    });

    it('merges the types of several actions, naming which action takes each', () => {
      const { items } = complete(statement('"Action": ["s3:GetObject", "s3:ListBucket"], "NotResource": ["|"]'));
      const bucket = byLabel(items, 'arn:${Partition}:s3:::${BucketName}');
      assert.equal(bucket?.detail, 'Taken by s3:ListBucket');
      assert.equal(byLabel(items, 'arn:${Partition}:s3:::${BucketName}/${ObjectName}')?.detail, 'Taken by s3:GetObject');
    });
  });

  it('works inside a CloudFormation template and in half-written JSON', () => {
    const template = `{"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sts:|`;
    assert.equal(complete(template).labels[0], 'sts:AssumeRoot');
  });
});
