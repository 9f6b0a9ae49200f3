/**
 * The CloudFormation template a Terraform stack deploys (`aws_cloudformation_stack`'s and
 * `aws_cloudformation_stack_set`'s `template_body`): written in place as JSON (`jsonencode({...})`, a JSON
 * heredoc), its policies are read as a template's are (cloudFormation.ts), each finding on its line of the
 * `.tf` file; given any other way (`file()`, a YAML heredoc, a variable) it is RG010, never silence.
 */
import type { AttachedPolicy, ParseProblem, PolicyDocument } from '../model';
import { isTemplate, templateDocuments } from './cloudFormation';
import type { HclNode } from './hclParser';
import { describeExpression, firstDirective, functionCall, hclValue, isTemplateString, rangeOf, templateText, unwrap } from './hclValues';
import { mappedJsonValue } from './mappedJson';
import type { IacValue } from './sourceTree';
import { mappedStringDocument, type SourceWriter } from './synthesized';

/** The resources that deploy a template given in `template_body`. */
export const STACK_RESOURCES: ReadonlySet<string> = new Set(['aws_cloudformation_stack', 'aws_cloudformation_stack_set']);

/**
 * The policies of a stack's template (`origin`: `aws_cloudformation_stack.x.template_body`); what is not
 * read, and why, goes to `unchecked`, the managed policies its resources attach by ARN to `attached`.
 */
export function readStackTemplate(expression: HclNode, origin: string, writer: SourceWriter, unchecked: ParseProblem[], attached: AttachedPolicy[]): PolicyDocument[] {
  const node = unwrap(expression);
  const root = writtenJson(node);
  if (!root || !isTemplate(root)) {
    // JSON that is no template (no Resources of an AWS type) holds no policy a stack deploys.
    if (root) return [];
    const given = isTemplateString(node) ? 'written in place, not as JSON (YAML, a template directive or an interpolation)' : `given by ${describeExpression(node)}`;
    const message = `${origin} is not checked: its template is ${given}; the linter reads a template written in place as JSON (jsonencode({...}) or a JSON heredoc), and a template file when it lints that file.`;
    unchecked.push({ message, range: rangeOf(node) });
    return [];
  }
  const read = templateDocuments(root, writer, { readString: (value, site) => mappedStringDocument(value.mapped!, site) });
  unchecked.push(...read.unchecked.map((problem) => ({ ...problem, message: `${origin}: ${problem.message}` })));
  attached.push(...(read.attachedPolicies ?? []));
  return read.documents;
}

/** The JSON written in place: `jsonencode`'s argument, or a heredoc or quoted string without directives that parses as JSON. */
function writtenJson(node: HclNode): IacValue | undefined {
  const call = functionCall(node);
  if (call?.name === 'jsonencode' && call.args.length === 1) return hclValue(call.args[0]);
  return isTemplateString(node) && !firstDirective(node) ? mappedJsonValue(templateText(node)) : undefined;
}
