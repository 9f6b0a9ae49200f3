import assert from 'node:assert/strict';
import { lintText } from '../../../../../src/core/lint/linter';

/** A template whose managed policy's statements are `statement`'s lines, after `head` (where anchors go). */
const template = (head: string[], statement: string[]) =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    ...head,
    'Resources:',
    '  P:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    ...statement,
    '',
  ].join('\n');

const lint = (text: string) => lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}:${f.column}`);

/** YAML 1.1 merge keys, which `aws cloudformation package` and SAM resolve before deploying. */
describe('YAML merge keys (<<: *base)', () => {
  it('merges the anchored map into the statement (RG002 "<< is not an element" hid RG101)', () => {
    const text = template(['x-base: &base', '  Effect: Allow', '  Resource: "*"'], ['          - <<: *base', '            Action: sts:AssumeRoot']);
    assert.deepEqual(lint(text), ['RG101@13:21']);
  });

  it('lets the map override what it merges: a Deny base made an Allow is full admin (RG101, RG201 on the merged Action)', () => {
    const text = template(['x-base: &base', '  Effect: Deny', '  Action: "*"', '  Resource: "*"'], ['          - <<: *base', '            Effect: Allow']);
    // Reported at the merge key, in the statement: the anchored map itself is a Deny.
    assert.deepEqual(lint(text), ['RG101@13:17', 'RG201@13:17']);
  });

  it('takes an earlier merged map\'s keys before a later one\'s, as YAML 1.1 does', () => {
    const head = ['x-allow: &allow {Effect: Allow, Action: sts:AssumeRoot}', 'x-deny: &deny {Effect: Deny, Action: s3:GetObjet, Resource: "*"}'];
    // Effect and Action from *allow, Resource from *deny: an unscoped AssumeRoot grant; the misspelt action is never read.
    assert.deepEqual(lint(template(head, ['          - <<: [*allow, *deny]'])), ['RG101@11:18']);
    // An inline map merges the same way; a quoted "<<" is an ordinary key.
    assert.deepEqual(lint(template([], ['          - <<: {Effect: Allow, Action: s3:GetObjet, Resource: "*"}'])), ['RG009@9:41']);
    assert.deepEqual(lint(template([], ['          - "<<": {Effect: Allow}', '            Effect: Allow', '            Action: s3:GetObject', '            Resource: "*"'])), ['RG002@9:13']);
  });

  it('lets a later separate << key override an earlier one, as PyYAML (aws cloudformation package) does: an Allow-all hid behind a Deny', () => {
    const text = template([], ['          - <<: {Effect: Deny}', '            <<: {Effect: Allow}', '            Action: "*"', '            Resource: "*"']);
    assert.deepEqual(lint(text), ['RG101@11:21', 'RG201@11:21']);
    // The statement's own keys still override every merge.
    const own = template([], ['          - <<: {Effect: Deny}', '            <<: {Effect: Allow}', '            Effect: Deny', '            Action: "*"', '            Resource: "*"']);
    assert.deepEqual(lint(own), []);
  });

  it('stops merges of merges past 100,000 values with RG001, as aliases of aliases are ("billion laughs")', () => {
    // Each map holds ten maps, each merging the one before: 10^8 values from a few hundred bytes, none an alias as a value.
    let anchors = 'Mappings:\n  a0: &a0 {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x, k9: x}\n';
    for (let i = 1; i <= 8; i++) anchors += `  a${i}: &a${i} {${Array.from({ length: 10 }, (_, k) => `k${k}: {<<: *a${i - 1}}`).join(', ')}}\n`;
    const text = template(anchors.trimEnd().split('\n'), ['          - <<: *a8', '            Effect: Allow']);
    const findings = lintText({ path: 't.yaml', text });
    assert.deepEqual(
      findings.map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`),
      ['RG001@7:126: Invalid YAML: aliases expand to more than 100,000 values; not read. Fix the syntax here; nothing after it can be checked reliably.'],
    );
    assert.equal(text.split('\n')[6].slice(125, 128), '*a3', 'reported on the merge that passes the bound');
  });
});
