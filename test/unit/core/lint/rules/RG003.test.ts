import { ruleTester } from '../ruleTester';

ruleTester('RG003', {
  valid: [
    { code: '{"Version": "2012-10-17", "Statement": []}' },
    { name: 'a file that is not an object is left to RG002', code: '[]' },
  ],
  invalid: [
    {
      name: 'missing Version: inserted with the layout of the file',
      code: '{\n  "Statement": []\n}',
      errors: [{ line: 1, column: 1, message: 'no Version' }],
      fix: { title: 'Set Version', output: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}' },
    },
    {
      name: 'missing Version in an empty object',
      code: '{}',
      errors: [{ line: 1 }],
      fix: { output: '{"Version": "2012-10-17"}' },
    },
    {
      name: '2008-10-17',
      code: '{\n  "Version": "2008-10-17",\n  "Statement": []\n}',
      errors: [{ line: 2, message: 'old policy language' }],
      fix: { output: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}' },
    },
    { name: 'an unknown version', code: '{\n  "Version": "2012-10-18", "Statement": []}', errors: [{ line: 2, message: 'found "2012-10-18"' }], fix: {} },
    { name: 'a number', code: '{"Version": 2012, "Statement": []}', errors: [{ line: 1, message: 'found 2012' }], fix: {} },
    {
      name: 'missing Version inside an escaped inline policy: the fix is escaped into the string',
      type: 'permission-set',
      code: '{\n  "InlinePolicy": "{\\n  \\"Statement\\": []\\n}"\n}',
      errors: [{ line: 2, column: 20 }],
      fix: { output: '{\n  "InlinePolicy": "{\\n  \\"Version\\": \\"2012-10-17\\",\\n  \\"Statement\\": []\\n}"\n}' },
    },
  ],
});
