/**
 * Cell hygiene for reports. Account and OU names come from the organization, which anyone with
 * organizations:UpdateAccount/UpdateOrganizationalUnit can set, so a name is hostile input to a spreadsheet
 * (a formula), to a terminal (escape sequences, bidirectional overrides that reorder what is shown) and to a
 * Markdown viewer (a link, an image, HTML pasted into a wiki with the security team's report).
 */

/** Cells a spreadsheet would evaluate: OWASP's list of formula triggers (its tab and CR reach here escaped, see csvCell). */
const FORMULA_START = /^[=+\-@]/;

/** Prefixes a cell that a spreadsheet would run as a formula with `'`, as spreadsheet tools expect. */
function neutraliseFormula(cell: string | number): string | number {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

// C0 and C1 controls (ESC, CR, BEL, ...), the line and paragraph separators, the bidirectional marks,
// embeddings, overrides and isolates (a right-to-left mark turns `dorp` around as well as an override does),
// and the characters that show as nothing (soft hyphen, combining grapheme joiner, Hangul fillers, Mongolian
// and other variation selectors, zero-width space and joiners, word joiner, byte order mark, tag characters):
// `pro\u200bd` and `pro\u{e0041}d` look like `prod` and are other accounts.
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u180b-\u180f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;

/** The text with every control character shown as `\u{…}`, so a name can never move the cursor or recolour a terminal. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** `printable`, line by line, for a multi-line document such as a policy. */
export const printableLines = (text: string) => text.split('\n').map(printable).join('\n');

/**
 * A CSV cell, for every report's CSV: control and bidirectional characters shown escaped (a name can clear
 * the screen or reorder what `cat` shows), then a formula neutralised; a missing value is an empty cell.
 */
export function csvCell(value: string | number | null | undefined): string | number {
  return neutraliseFormula(typeof value === 'number' ? value : printable(value ?? ''));
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text as one Markdown table cell: on one line, no table break, no link, emphasis or HTML, no control character. */
export function markdownCell(value: string | number | null | undefined): string {
  return withoutAutolinks(
    printable(String(value ?? '').replace(/\r?\n/g, ' '))
      .replace(/[&<>]/g, (c) => HTML_ENTITIES[c])
      .replace(/[\\`*_[\]|#!~]/g, (c) => `\\${c}`),
  );
}

/**
 * Markdown with its bare URLs and email addresses, which GitHub-flavoured Markdown links without brackets
 * (`https://…`, `www.…`, `a@b.example`), broken by a backslash that renders as nothing. For text whose
 * backslashes are escaped already.
 */
export function withoutAutolinks(markdown: string): string {
  return markdown
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}
