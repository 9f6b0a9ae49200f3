import { ruleTester } from '../ruleTester';

const policy = (...sids: (string | undefined)[]) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [\n${sids
    .map((sid) => `    {${sid === undefined ? '' : ` "Sid": ${JSON.stringify(sid)},`} "Effect": "Deny", "Action": "*", "Resource": "*" }`)
    .join(',\n')}\n  ]\n}`;

ruleTester('RG004', {
  valid: [
    { name: 'distinct Sids', code: policy('A', 'B', 'C') },
    { name: 'statements without Sid', code: policy(undefined, undefined) },
    { name: 'empty Sids count as none', code: policy('', '') },
    { name: 'Sids differing in case are distinct', code: policy('Deny', 'deny') },
  ],
  invalid: [
    { name: 'a repeated Sid', code: policy('A', 'B', 'A'), errors: [{ line: 6, message: 'already used by statement 1' }] },
    { name: 'three times', code: policy('X', 'X', 'X'), errors: [{ line: 5 }, { line: 6 }] },
  ],
});
