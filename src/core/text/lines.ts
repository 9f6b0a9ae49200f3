/**
 * Line positions in a text, for findings, deciding statements and fix layout: the offsets where lines
 * start, found once per text, then a binary search per position.
 */

/**
 * Offsets at which each line of `text` starts; the first is 0. LF, CRLF and a lone CR (classic Mac OS)
 * each end a line, as in VS Code and SARIF viewers.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // indexOf skips to each line break natively, several times faster than testing every character.
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (!text.includes('\r')) return starts;
  const afterLoneCr: number[] = [];
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) afterLoneCr.push(i + 1);
  return afterLoneCr.length ? [...starts, ...afterLoneCr].sort((a, b) => a - b) : starts;
}

const LF = 10;
const CR = 13;

/**
 * The line break a text uses, as its first line ends: CRLF or LF (LF for one line, or lone CRs), so that
 * a fix adds no LF to a CRLF file. `starts` (from `lineStarts`), when known, saves searching the text.
 */
export function lineBreakOf(text: string, starts?: readonly number[]): '\r\n' | '\n' {
  const second = starts ? (starts[1] ?? 0) : text.indexOf('\n') + 1;
  return second > 1 && text.charCodeAt(second - 1) === LF && text.charCodeAt(second - 2) === CR ? '\r\n' : '\n';
}

/** 1-based line and column of `offset` (columns count UTF-16 code units, as editors and SARIF do). */
export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}
