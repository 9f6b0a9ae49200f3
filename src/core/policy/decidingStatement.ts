/** How a decision names the statements that decided it: policy, index, Sid, range and line. */
import type { DecidingStatement, Policy, PolicyStatement } from './model';
import { lineStarts, positionAt } from '../text/lines';

/**
 * The statement as a decision names it. Kept per statement (frozen, so that no caller can change it for the
 * others): a question about root sessions evaluates the same statements hundreds of times per policy.
 */
export function deciding(policy: Policy, statement: PolicyStatement): DecidingStatement {
  const known = decidingOf.get(statement);
  if (known && known.name === policy.name && known.text === policy.text) return known.deciding;
  const made = Object.freeze({ policy: policy.name, statement: statement.index, sid: statement.sid, range: statement.range, line: lineOfOffset(policy, statement.range.start) });
  decidingOf.set(statement, { name: policy.name, text: policy.text, deciding: made });
  return made;
}

const decidingOf = new WeakMap<PolicyStatement, { name: string; text: string; deciding: DecidingStatement }>();

/**
 * Offsets of each line's start, per policy: a decision may name thousands of statements of one long text.
 * And by text, for the last one: the policies of a template are thousands of documents sharing the
 * template's text, and finding its lines for each one made linting a 2 MB template quadratic.
 */
const lineStartsOf = new WeakMap<Policy, number[]>();
let lastText = '';
let lastTextStarts = [0];

function lineOfOffset(policy: Policy, offset: number): number {
  let starts = lineStartsOf.get(policy);
  if (!starts) {
    if (policy.text !== lastText) {
      lastTextStarts = lineStarts(policy.text);
      lastText = policy.text;
    }
    starts = lastTextStarts;
    lineStartsOf.set(policy, starts);
  }
  return positionAt(starts, offset).line;
}
