/**
 * Text edits for the root-access quick fixes that write JSON in the style of the surrounding document:
 * same indentation, one member per line in a multi-line object, compact text in a one-line object.
 * Offsets are in the document's text; the linter maps and escapes them for embedded documents.
 */
import type { Node } from 'jsonc-parser';
import { jsonValue } from '../edits';
import type { TextEdit } from '../model';
import { lineBreakOf, lineStarts, positionAt } from '../../text/lines';

/** How the members of an object are laid out. */
export interface Layout {
  multiline: boolean;
  /** The indentation of the object's members. */
  indent: string;
  /** One level of indentation. */
  unit: string;
  /** The line break the text uses: a fix adds no LF to a CRLF file. */
  eol: string;
}

/** Reads the layout of an object from its text (two spaces per level when it cannot tell). */
export function layoutOf(text: string, object: Node): Layout {
  const objectIndent = lineIndent(text, object.offset);
  const eol = textLineBreak(text);
  const first = object.children?.[0];
  if (!first) return { multiline: false, indent: `${objectIndent}  `, unit: '  ', eol };
  const multiline = lineStartOf(text, first.offset) > object.offset;
  if (!multiline) return { multiline, indent: objectIndent, unit: '  ', eol };
  const indent = lineIndent(text, first.offset);
  const unit = indent.startsWith(objectIndent) && indent.length > objectIndent.length ? indent.slice(objectIndent.length) : '  ';
  return { multiline, indent, unit, eol };
}

/** The text's line break (see `lineBreakOf` in text/lines.ts), from the line starts indexed once per text. */
export function textLineBreak(text: string): string {
  return lineBreakOf(text, indexedStarts(text));
}

/**
 * The spaces and tabs that start the offset's line. Searching back for the line's start, or copying the
 * line up to the offset, for every fix made linting quadratic on a minified template of one long line:
 * the line starts are indexed once per text instead, and only the indentation is read.
 */
function lineIndent(text: string, offset: number): string {
  const lineStart = lineStartOf(text, offset);
  let end = lineStart;
  while (end < offset && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
  return text.slice(lineStart, end);
}

/** The line starts of the last text asked about: fixes are computed document by document. */
let indexed: { text: string; starts: number[] } | undefined;

function indexedStarts(text: string): number[] {
  if (indexed?.text !== text) indexed = { text, starts: lineStarts(text) };
  return indexed.starts;
}

function lineStartOf(text: string, offset: number): number {
  const starts = indexedStarts(text);
  return starts[positionAt(starts, offset).line - 1];
}

/** Renders a JSON value for a member written at `layout` (nested levels one `unit` deeper each). */
export function renderJson(value: unknown, layout: Layout): string {
  if (!layout.multiline) return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']');
  return JSON.stringify(value, null, layout.unit).replace(/\n/g, `${layout.eol}${layout.indent}`);
}

/** Appends `"key": <value>` as the last member of an object, with `render` given the object's layout. */
export function appendProperty(text: string, object: Node, key: string, render: (layout: Layout) => string): TextEdit {
  const layout = layoutOf(text, object);
  const member = `${JSON.stringify(key)}: ${render(layout)}`;
  const value = jsonValue(render({ multiline: false, indent: '', unit: '', eol: '\n' }));
  const intent = value.ok ? ({ kind: 'insertProperty', object, key, value: value.value, at: 'last' } as const) : undefined;
  const last = object.children?.[object.children.length - 1];
  if (!last) return { start: object.offset, end: object.offset + object.length, text: `{ ${member} }`, intent };
  const at = last.offset + last.length;
  return { start: at, end: at, text: layout.multiline ? `,${layout.eol}${layout.indent}${member}` : `, ${member}`, intent };
}

