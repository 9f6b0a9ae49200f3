/**
 * How a statement is named to people: by its place in the policy's `Statement` list counted from 1 (the first
 * is "statement 1"), as the lint messages and the editor's labels count, with its Sid when it has one. The
 * `statement` and `index` fields of the engine and of the JSON formats stay 0-based, as array indexes are.
 */
export function statementName(index: number, sid?: string): string {
  return `statement ${statementNumber(index)}${sid ? ` (${sid})` : ''}`;
}

/** A statement's 0-based index as the number people are shown. */
export function statementNumber(index: number): number {
  return index + 1;
}
