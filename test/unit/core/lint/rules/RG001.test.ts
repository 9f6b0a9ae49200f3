import { ruleTester } from '../ruleTester';

ruleTester('RG001', {
  valid: [
    { name: 'a valid policy', code: '{"Version": "2012-10-17", "Statement": []}' },
    { name: 'comments and trailing commas (JSONC)', code: '{\n  // why\n  "Statement": [],\n}' },
    { name: 'a permission set with a valid inline string', type: 'permission-set', code: '{"InlinePolicy": "{\\"Statement\\": []}"}' },
  ],
  invalid: [
    { name: 'a missing comma', code: '{\n  "Version": "2012-10-17"\n  "Statement": []\n}', errors: [{ line: 3, message: 'comma expected' }] },
    { name: 'a truncated file', code: '{\n  "Version": "2012-10-17",\n  "Statement": [', errors: [{ line: 3 }] },
    { name: 'an empty file', code: '', errors: [{ line: 1, message: 'Invalid JSON' }] },
    {
      name: 'an inline policy string that does not parse, at its position in the file',
      type: 'permission-set',
      code: '{\n  "Name": "x",\n  "InlinePolicy": "{\\"Statement\\": [}"\n}',
      errors: [{ line: 3, column: 37, message: 'in the policy string at InlinePolicy' }],
    },
    {
      name: 'a CloudFormation Content string that does not parse',
      type: 'cloudformation',
      code: JSON.stringify({ Resources: { P: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: '{"Statement": ' } } } }, null, 2),
      errors: [{ line: 7, message: 'Resources.P.Properties.Content' }],
    },
  ],
});
