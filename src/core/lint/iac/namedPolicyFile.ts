/**
 * A policy a Terraform file reads from a file beside it: `file("...")`, `templatefile("...", {...})`, and
 * `jsonencode(yamldecode(file("...")))` for a policy written in YAML. The text is what Terraform would send:
 * the file as read, the template rendered (templateFile.ts), the YAML written as JSON. Findings of such a
 * policy are placed on the call that names the file.
 */
import { parse } from 'yaml';
import type { HclNode } from './hclParser';
import { writtenLocal } from './hclLocals';
import { functionCall, hclValue, isTemplateString, templateText, traversal, unwrap } from './hclValues';
import { type TemplateVariables, renderTemplateFile } from './templateFile';
import { UNKNOWN_PART } from '../../policy';

/** Reads a file named by `file("...")`, relative to the Terraform file: its text, or why it cannot be read. */
export type ReadRelativeFile = (relativePath: string) => string | { unreadable: string };

/** The policy's text and the file it came from; why it is not checked; undefined for another expression. */
export type NamedPolicyFile = { relative: string; text: string } | { notChecked: string } | undefined;

export function readNamedPolicyFile(expression: HclNode, readRelative: ReadRelativeFile): NamedPolicyFile {
  const call = functionCall(unwrap(expression));
  if (call?.name === 'jsonencode' && call.args.length === 1) {
    const inner = functionCall(unwrap(call.args[0]));
    if (inner?.name !== 'yamldecode' || inner.args.length !== 1) return undefined;
    const read = readFileCall(inner.args[0], readRelative);
    return read && 'text' in read ? yamlAsJson(read) : read;
  }
  return readFileCall(expression, readRelative);
}

function readFileCall(expression: HclNode, readRelative: ReadRelativeFile): NamedPolicyFile {
  const call = functionCall(unwrap(expression));
  if (!call) return undefined;
  const { name, args } = call;
  const isTemplate = name === 'templatefile' && args.length === 2;
  if (!((name === 'file' && args.length === 1) || isTemplate)) return undefined;
  const path = namedPath(args[0]);
  if ('dependsOn' in path) return { notChecked: `the file given to ${name}() depends on ${path.dependsOn.join(', ')}, known only at plan` };
  const { relative } = path;
  const content = readRelative(relative);
  if (typeof content === 'object') return { notChecked: `${relative}, given to ${name}(), cannot be read: ${content.unreadable}` };
  if (!isTemplate) return { relative, text: content };
  const rendered = renderTemplateFile(content, templateVariables(args[1]));
  return 'notRendered' in rendered ? { notChecked: `${relative} is given to templatefile(), and ${rendered.notRendered}` } : { relative, text: rendered.text };
}

/**
 * The file a call's argument names, relative to the Terraform file's folder; or, when the path has parts
 * only a plan knows, what they are written as. `${path.module}/` at its start is that folder, written in
 * place or in a local (`local.policy_dir = "${path.module}/policies"`). Any other value is not known here: a
 * variable, or `path.root` and `path.cwd`, the folders Terraform is run from.
 */
function namedPath(argument: HclNode): { relative: string } | { dependsOn: string[] } {
  const dependsOn = new Set<string>();
  const text = pathText(argument, dependsOn, new Set());
  if (dependsOn.size) return { dependsOn: [...dependsOn] };
  const relative = text.startsWith(`${MODULE_FOLDER}/`) ? text.slice(2) : text;
  // The module's folder anywhere else makes a path that is no file beside this one.
  return relative.includes(MODULE_FOLDER) ? { dependsOn: ['path.module'] } : { relative };
}

/** What `${path.module}` stands for while a path is read. */
const MODULE_FOLDER = '\uE001';

/**
 * The text of a path: a string's literal parts, `${path.module}` as MODULE_FOLDER, and a local's path (`local.
 * policy_dir`, `${local.policy_dir}`) read where the file or its module writes it. Every other part (a
 * variable, `path.root`) goes to `dependsOn`, as written. `following`: the locals being read, so that
 * `local.a = local.b`, `local.b = local.a` ends.
 */
function pathText(expression: HclNode, dependsOn: Set<string>, following: ReadonlySet<string>): string {
  const node = unwrap(expression);
  const path = traversal(node)?.join('.');
  if (path === 'path.module') return MODULE_FOLDER;
  const local = path?.startsWith('local.') ? path.slice('local.'.length) : undefined;
  const written = local !== undefined && !following.has(local) ? writtenLocal(node, local) : undefined;
  if (written) return pathText(written.expression, dependsOn, new Set([...following, local!]));
  if (!isTemplateString(node)) {
    dependsOn.add(compact(expression.text));
    return '';
  }
  // A local holding a string written in place is in the text already; each other part is an unknown part,
  // mapped to where its interpolation (or directive) starts.
  const { text, offsets } = templateText(node);
  const parts = new Map(node.children.filter((c) => c.type === 'template_interpolation' || c.type === 'template_directive').map((c) => [c.startIndex, c]));
  let read = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== UNKNOWN_PART) {
      read += text[i];
      continue;
    }
    const part = parts.get(offsets[i]);
    const inner = part?.type === 'template_interpolation' ? part.namedChildren.find((c) => c.type === 'expression') : undefined;
    if (inner) read += pathText(inner, dependsOn, following);
    else dependsOn.add(compact(part?.text ?? ''));
  }
  return read;
}

function compact(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The variables a templatefile() call writes in place, by name; undefined when an expression gives them. */
function templateVariables(argument: HclNode): TemplateVariables {
  const value = hclValue(argument);
  return value.kind === 'map' && !value.entries.some((entry) => entry.key === 'Fn::If') ? new Map(value.entries.map((entry) => [entry.key, entry.value])) : undefined;
}

/**
 * A YAML policy as `jsonencode(yamldecode(...))` sends it. Terraform reads YAML 1.2 (its core schema, so
 * `Version: 2012-10-17` stays a string), one document, aliases resolved.
 */
function yamlAsJson(read: { relative: string; text: string }): NamedPolicyFile {
  try {
    // The alias cap keeps a "billion laughs" file from expanding without bound.
    const value: unknown = parse(read.text, { schema: 'core', maxAliasCount: 100 });
    return { relative: read.relative, text: JSON.stringify(value ?? null, null, 2) };
  } catch (err) {
    const reason = (err instanceof Error ? err.message.split('\n')[0] : String(err)).replace(/:$/, '');
    return { notChecked: `${read.relative}, given to yamldecode(), is not YAML Terraform reads: ${reason}` };
  }
}
