/**
 * Writes fix edits into Terraform in HCL: a replaced value as an HCL expression (`$${` and `%%{` escaped),
 * a new member of a `jsonencode` object as `Key = value` on its own line (or after a comma on a one-line
 * object), and a new condition of an `aws_iam_policy_document` as a `condition` block in its statement.
 * What cannot be written that way (a rename spread over several blocks, a value computed by an
 * expression) is not offered.
 */
import type { TextEdit } from '../model';
import type { MappedText } from './sourceTree';
import { lineBreakOf } from '../../text/lines';
import type { HclNode } from './hclParser';
import type { AttributeHandle, BlockHandle } from './statementBlock';
import { attributes, attributeValue, blockBody } from './hclBlocks';
import type { IacEntry, IacMap, IacValue } from './sourceTree';
import type { SourceWriter } from './synthesized';

/** A string as an HCL quoted string. */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString(key);
}

/** A value as a one-line HCL expression. */
export function hclExpression(value: unknown): string {
  if (typeof value === 'string') return hclString(value);
  if (Array.isArray(value)) return `[${value.map(hclExpression).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${hclKey(k)} = ${hclExpression(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

function isNode(handle: unknown): handle is HclNode {
  return !!handle && typeof handle === 'object' && 'startIndex' in handle && 'type' in handle;
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Removes whole lines [from the line of start, through the line of end]; only when nothing else is on them. */
function removeLines(text: string, start: number, end: number): TextEdit | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return undefined;
  const lineEnd = text.indexOf('\n', end);
  const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd).trim();
  if (rest !== '' && rest !== ',') return undefined;
  return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, text: '' };
}

/** `condition { ... }` blocks, one per operator and key, indented as the statement's members are. */
function conditionBlocks(condition: Record<string, Record<string, unknown>>, indent: string, eol: string): string {
  const blocks: string[] = [];
  for (const [test, keys] of Object.entries(condition)) {
    for (const [variable, values] of Object.entries(keys ?? {})) {
      const list = Array.isArray(values) ? values : [values];
      blocks.push(
        [`condition {`, `  test     = ${hclString(test)}`, `  variable = ${hclString(variable)}`, `  values   = ${hclExpression(list.map(String))}`, `}`]
          .map((line) => indent + line)
          .join(eol),
      );
    }
  }
  return blocks.join(eol);
}

export function hclWriter(text: string): SourceWriter {
  const eol = lineBreakOf(text);
  const statementIndent = (statement: HclNode) => {
    const first = blockBody(statement)?.firstNamedChild;
    return first ? lineIndent(text, first.startIndex) : `${lineIndent(text, statement.startIndex)}  `;
  };
  return {
    replaceValue(target: IacValue, value: unknown): TextEdit | undefined {
      if (!isNode(target.handle)) return undefined;
      return { start: target.handle.startIndex, end: target.handle.endIndex, text: hclExpression(value) };
    },
    replaceKey(_map: IacMap, entry: IacEntry, key: string): TextEdit | undefined {
      const handle = entry.handle as AttributeHandle | HclNode | undefined;
      if (isNode(handle) && handle.type === 'object_elem') {
        const keyNode = handle.childForFieldName('key');
        return keyNode ? { start: keyNode.startIndex, end: keyNode.endIndex, text: hclKey(key) } : undefined;
      }
      // A condition operator or key written in exactly one block: its `test` or `variable` is rewritten.
      if (handle && !isNode(handle) && handle.kind === 'conditionBlocks' && handle.blocks.length === 1) {
        const attrs = attributes(handle.blocks[0]);
        const isOperator = _map.handle && (_map.handle as BlockHandle).kind === 'conditions';
        const attribute = attrs.get(isOperator ? 'test' : 'variable');
        if (!attribute) return undefined;
        const value = attributeValue(attribute);
        return { start: value.startIndex, end: value.endIndex, text: hclString(key) };
      }
      return undefined;
    },
    removeEntry(_map: IacMap, entry: IacEntry): TextEdit | undefined {
      const handle = entry.handle as AttributeHandle | HclNode | undefined;
      if (isNode(handle) && handle.type === 'object_elem') return removeLines(text, handle.startIndex, handle.endIndex);
      if (handle && !isNode(handle) && handle.kind === 'attribute') return removeLines(text, handle.attribute.startIndex, handle.attribute.endIndex);
      if (handle && !isNode(handle) && handle.kind === 'conditionBlocks' && handle.blocks.length === 1) {
        return removeLines(text, handle.blocks[0].startIndex, handle.blocks[0].endIndex);
      }
      return undefined;
    },
    insertEntry(map: IacMap, key: string, value: unknown, at: 'first' | 'last'): TextEdit | undefined {
      const handle = map.handle as BlockHandle | HclNode | undefined;
      if (isNode(handle) && handle.type === 'object') return insertIntoObject(text, handle, key, value, at, eol);
      if (!handle || isNode(handle)) return undefined;
      const condition =
        handle.kind === 'statement' && key === 'Condition'
          ? (value as Record<string, Record<string, unknown>>)
          : handle.kind === 'conditions'
            ? { [key]: value as Record<string, unknown> }
            : handle.kind === 'operator'
              ? { [handle.operator]: { [key]: value } }
              : undefined;
      const statement = handle.kind === 'statement' ? handle.block : handle.statement;
      if (!condition || typeof condition !== 'object') return undefined;
      const close = statement.lastChild;
      if (close?.type !== 'block_end') return undefined;
      const indent = statementIndent(statement);
      const body = blockBody(statement);
      const after = body ? body.endIndex : close.startIndex;
      return { start: after, end: after, text: `${eol}${conditionBlocks(condition, indent, eol)}` };
    },
  };
}

function insertIntoObject(text: string, object: HclNode, key: string, value: unknown, at: 'first' | 'last', eol: string): TextEdit | undefined {
  const elems = object.namedChildren.filter((c): c is HclNode => c?.type === 'object_elem');
  const member = `${hclKey(key)} = ${hclExpression(value)}`;
  const open = object.firstChild;
  if (elems.length === 0) return open ? { start: open.endIndex, end: open.endIndex, text: ` ${member} ` } : undefined;
  const multiline = text.slice(object.startIndex, elems[0].startIndex).includes('\n');
  if (at === 'first') {
    const first = elems[0];
    return { start: first.startIndex, end: first.startIndex, text: multiline ? `${member}${eol}${lineIndent(text, first.startIndex)}` : `${member}, ` };
  }
  const last = elems[elems.length - 1];
  // A comma may follow the last member; the new one goes after it.
  const next = last.nextSibling;
  const end = next?.type === ',' ? next.endIndex : last.endIndex;
  if (multiline) return { start: end, end, text: `${eol}${lineIndent(text, last.startIndex)}${member}` };
  return { start: end, end, text: next?.type === ',' ? ` ${member}` : `, ${member}` };
}

/**
 * An edit inside JSON written as a heredoc or a quoted string: written as is when it stays within one
 * literal run of a heredoc (no interpolation, escapes or line breaks), else not offered.
 */
export function verbatimEdit(text: string, node: HclNode, edit: TextEdit, mapped: MappedText): TextEdit | undefined {
  if (node.type !== 'heredoc_template') return undefined;
  const piece = mapped.text.slice(edit.start, edit.end);
  if (piece.includes('\n') || piece.includes('\uE000')) return undefined;
  const start = mapped.offsets[edit.start];
  const end = edit.end > edit.start ? mapped.offsets[edit.end - 1] + 1 : start;
  if (text.slice(start, end) !== piece || edit.text.includes('\n')) return undefined;
  return { start, end, text: edit.text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') };
}

