import assert from 'node:assert/strict';
import { UNKNOWN_PART } from '../../../../../src/core/policy';
import { type RenderedTemplate, type TemplateVariables, renderTemplateFile } from '../../../../../src/core/lint/iac/templateFile';
import type { IacValue } from '../../../../../src/core/lint/iac/sourceTree';

const RANGE = { start: 0, end: 0 };
const scalar = (value: string | number | boolean | null): IacValue => ({ kind: 'scalar', value, range: RANGE });
const list = (...items: IacValue[]): IacValue => ({ kind: 'seq', items, range: RANGE });
const U = UNKNOWN_PART;

const VARIABLES: TemplateVariables = new Map([
  ['account', scalar('111122223333')],
  ['days', scalar(90)],
  ['strict', scalar(true)],
  ['regions', list(scalar('eu-west-1'), scalar('eu-central-1'))],
  ['partition', scalar(`${U}`)],
  ['chosen', { kind: 'map', entries: [{ key: 'Fn::If', keyRange: RANGE, value: list(scalar('c'), scalar('a'), scalar('b')) }], range: RANGE }],
]);

describe('templatefile(): a template rendered with the variables the call writes in place', () => {
  const cases: Array<[string, string, TemplateVariables, RenderedTemplate]> = [
    ['a string, a number and a bool', '${account}/${days}/${strict}', VARIABLES, { text: '111122223333/90/true' }],
    ['jsonencode of a list written in place', '"Regions": ${jsonencode(regions)}', VARIABLES, { text: '"Regions": ["eu-west-1","eu-central-1"]' }],
    ['jsonencode of a string', '${jsonencode(account)}', VARIABLES, { text: '"111122223333"' }],
    ['a variable known only at deployment stays unknown', 'arn:${partition}:iam', VARIABLES, { text: `arn:${U}:iam` }],
    ['a variable the call does not give is unknown', '${missing}', VARIABLES, { text: U }],
    ['a list interpolated into a string is no value', '${regions}', VARIABLES, { text: U }],
    ['a conditional is no value written in place', '${jsonencode(chosen)}', VARIABLES, { text: U }],
    ['any other expression is unknown', '${upper(account)} ${var.x} ${jsonencode({a = 1})}', VARIABLES, { text: `${U} ${U} ${U}` }],
    ['variables given by an expression: every interpolation unknown', '${account}', undefined, { text: U }],
    ['the escapes for a literal ${ and %{', '$${aws:username} %%{x}', VARIABLES, { text: '${aws:username} %{x}' }],
    ['strip markers drop the blanks on their side', 'a  ${~ account ~}  b', VARIABLES, { text: 'a111122223333b' }],
    ['blanks inside the braces', '${ account }', VARIABLES, { text: '111122223333' }],
    ['a quoted brace inside an interpolation', '${lookup(m, "}")}!', VARIABLES, { text: `${U}!` }],
    ['a directive is not rendered', '%{ for a in accounts }${a}%{ endfor }', VARIABLES, { notRendered: 'it uses template directives (%{ ... }), which the linter does not evaluate' }],
    ['an interpolation left open', 'x ${account', VARIABLES, { notRendered: 'an interpolation at offset 2 is not closed' }],
    ['a lone $ or % is text', 'cost: 5$ or 5%', VARIABLES, { text: 'cost: 5$ or 5%' }],
  ];
  for (const [name, template, variables, expected] of cases) {
    it(name, () => assert.deepEqual(renderTemplateFile(template, variables), expected));
  }
});
