/**
 * Terraform's `templatefile(path, vars)`, as modules write SCPs and permission policies: the file's text
 * rendered with the variables the call writes in place. `${name}` takes a variable's string, number or bool,
 * `${jsonencode(name)}` its value as JSON; any other interpolation (a variable the call does not give
 * literally, a reference, another function) is one part known only at deployment. A directive (`%{ for }`,
 * `%{ if }`) repeats or drops text by values the linter does not evaluate, so such a template is not
 * rendered at all: reading its body once would check a policy no deployment sends.
 */
import { UNKNOWN_PART } from '../../policy';
import type { IacValue } from './sourceTree';

/** The variables of the call, by name; undefined when the call gives them by an expression (`local.vars`). */
export type TemplateVariables = ReadonlyMap<string, IacValue> | undefined;

export type RenderedTemplate = { text: string } | { notRendered: string };

/** The template rendered, or why it is not. */
export function renderTemplateFile(template: string, variables: TemplateVariables): RenderedTemplate {
  // Pieces, not one growing string: a strip marker trims the end, which on a string built by `+=` would copy
  // all of it each time (a template of many `${~x}` made quadratic).
  const pieces: string[] = [];
  let at = 0;
  while (at < template.length) {
    const next = nextSequence(template, at);
    if (next === -1) {
      pieces.push(template.slice(at));
      break;
    }
    pieces.push(template.slice(at, next));
    const opener = template.slice(next, next + 3);
    // `$${` and `%%{` are the escapes for a literal `${` and `%{`.
    if (opener === '$${' || opener === '%%{') {
      pieces.push(opener.slice(1));
      at = next + 3;
      continue;
    }
    if (opener.startsWith('%{')) return { notRendered: 'it uses template directives (%{ ... }), which the linter does not evaluate' };
    const close = closingBrace(template, next + 2);
    if (close === -1) return { notRendered: `an interpolation at offset ${next} is not closed` };
    let inner = template.slice(next + 2, close);
    // Strip markers: `${~ x}` drops the blanks before, `${x ~}` those after.
    if (inner.startsWith('~')) {
      trimEnd(pieces);
      inner = inner.slice(1);
    }
    at = close + 1;
    if (inner.endsWith('~')) {
      inner = inner.slice(0, -1);
      while (at < template.length && /\s/.test(template[at])) at++;
    }
    pieces.push(interpolated(inner.trim(), variables));
  }
  return { text: pieces.join('') };
}

/** Drops the blanks at the end of the pieces: each piece is trimmed at most once before it is dropped. */
function trimEnd(pieces: string[]): void {
  while (pieces.length > 0) {
    const last = pieces[pieces.length - 1].trimEnd();
    if (last) {
      pieces[pieces.length - 1] = last;
      return;
    }
    pieces.pop();
  }
}

/** The offset of the next `${`, `%{`, `$${` or `%%{` from `from`, or -1. */
function nextSequence(template: string, from: number): number {
  for (let i = from; i < template.length - 1; i++) {
    const c = template[i];
    if ((c === '$' || c === '%') && (template[i + 1] === '{' || (template[i + 1] === c && template[i + 2] === '{'))) return i;
  }
  return -1;
}

/** The offset of the `}` that closes an interpolation whose expression starts at `from` (quoted braces skipped). */
function closingBrace(template: string, from: number): number {
  let depth = 0;
  for (let i = from; i < template.length; i++) {
    const c = template[i];
    if (c === '"') {
      for (i++; i < template.length && template[i] !== '"'; i++) if (template[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && depth-- === 0) return i;
  }
  return -1;
}

const NAME = /^[A-Za-z_][\w-]*$/;
const JSONENCODE_NAME = /^jsonencode\(\s*([A-Za-z_][\w-]*)\s*\)$/;

function interpolated(expression: string, variables: TemplateVariables): string {
  if (NAME.test(expression)) {
    const value = variables?.get(expression);
    const scalar = value?.kind === 'scalar' ? value.value : undefined;
    if (typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean') return String(scalar);
    return UNKNOWN_PART;
  }
  const encoded = JSONENCODE_NAME.exec(expression);
  const value = encoded ? variables?.get(encoded[1]) : undefined;
  return (value && jsonOf(value)) ?? UNKNOWN_PART;
}

/**
 * A value written in place as JSON; undefined when some part is not a plain value (a conditional reads as
 * `Fn::If`, a computed key as an unknown part): the whole value is then known only at deployment.
 */
function jsonOf(value: IacValue): string | undefined {
  if (value.kind === 'scalar') return JSON.stringify(value.value);
  const parts: string[] = [];
  if (value.kind === 'seq') {
    for (const item of value.items) {
      const json = jsonOf(item);
      if (json === undefined) return undefined;
      parts.push(json);
    }
    return `[${parts.join(',')}]`;
  }
  for (const entry of value.entries) {
    const json = jsonOf(entry.value);
    if (json === undefined || entry.key.includes(UNKNOWN_PART) || entry.key.startsWith('Fn::')) return undefined;
    parts.push(`${JSON.stringify(entry.key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}
