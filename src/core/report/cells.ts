/**
 * Cell hygiene for reports. Account and OU names come from the organization, which anyone with
 * organizations:UpdateAccount/UpdateOrganizationalUnit can set, so a name is hostile input to a spreadsheet
 * (a formula) and to a terminal (escape sequences, bidirectional overrides that reorder what is shown).
 */

/** Cells a spreadsheet would evaluate: OWASP's list of formula triggers. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a cell that a spreadsheet would run as a formula with `'`, as spreadsheet tools expect. */
export function neutraliseFormula(cell: string | number): string | number {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

// C0 and C1 controls (ESC, CR, BEL, ...) and the bidirectional embedding, override and isolate characters.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every control character shown as `\u{…}`, so a name can never move the cursor or recolour a terminal. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
