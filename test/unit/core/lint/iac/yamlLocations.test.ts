import assert from 'node:assert/strict';
import { lintText } from '../../../../../src/core/lint/linter';

/** An SCP whose `Content` is written as `content` (its lines from line 6, indented by 8 spaces). */
const scp = (...content: string[]) =>
  ['Resources:', '  P:', '    Type: AWS::Organizations::Policy', '    Properties:', '      Type: SERVICE_CONTROL_POLICY', ...content.map((line, i) => (i === 0 ? `      ${line}` : `        ${line}`)), ''].join('\n');

/** What each finding's range covers, as `RULE@line:column text`. */
function placed(text: string): string[] {
  return lintText({ path: 't.yaml', text }).map((f) => `${f.ruleId}@${f.line}:${f.column} ${text.slice(f.range.start, f.range.end)}`);
}

describe('findings in a policy written as a YAML string land on what writes them', () => {
  // A Sid IAM rejects (RG012) and a deny of the root user without the root-session exemption (RG107).
  const statement = String.raw`{\"Sid\":\"Deny Root\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",`;
  const condition = String.raw`\"Condition\":{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:root\"}}}]}"`;
  const table: [what: string, text: string, expected: string[]][] = [
    [
      'a double-quoted string over two lines, the break escaped',
      scp(String.raw`Content: "{\"Version\":\"2012-10-17\",\"Statement\":[${statement}` + '\\', condition),
      [String.raw`RG012@6:69 \"Deny Root\"`, String.raw`RG107@7:37 \"aws:PrincipalArn\"`],
    ],
    [
      'a double-quoted string over two lines, the break folded into a space',
      scp(String.raw`Content: "{\"Version\":\"2012-10-17\",\"Statement\":[${statement}`, condition),
      [String.raw`RG012@6:69 \"Deny Root\"`, String.raw`RG107@7:37 \"aws:PrincipalArn\"`],
    ],
    [
      'a double-quoted string over lines ending in \\r\\n, an empty one among them',
      scp(String.raw`Content: "{\"Version\":\"2012-10-17\",\"Statement\":[${statement}`, '', condition).replace(/\n/g, '\r\n'),
      [String.raw`RG012@6:69 \"Deny Root\"`, String.raw`RG107@8:37 \"aws:PrincipalArn\"`],
    ],
    [
      'a literal block whose lines end in \\r\\n: a finding at a line\'s end stops before the \\r',
      scp('Content: |', '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*",', '  "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/[ROLE]"', '  }}}]}').replace(/\n/g, '\r\n'),
      ['RG014@8:60 "arn:aws:iam::*:role/[ROLE]"'],
    ],
  ];
  for (const [what, text, expected] of table) {
    it(what, () => {
      assert.deepEqual(placed(text), expected);
    });
  }
});
