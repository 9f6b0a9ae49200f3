/**
 * RG108: `aws:AssumedRoot` used in a way that does not test what the author meant. The key is a
 * single-valued Bool present only in AssumeRoot sessions: under `ForAllValues:` a condition holds when the
 * key is absent (every other principal), under `ForAnyValue:` it only adds confusion, other operator
 * families compare it as a string, and any value but true/false never matches (one known only at
 * deployment may be either, and is left to RG107). An entry the engine finds answers root sessions and every
 * other request alike tests nothing (`BoolIfExists` `true` holds for all, `Bool` `false` for none, in any
 * case): that is reported too, and no fix writes one (nor the lowercase rewrite of `"TRUE"` there).
 */
import { UNKNOWN_PART, assumedRootAnswerAlike } from '../../policy';
import { type ConditionOperator, parseConditionOperator } from '../conditions';
import { replaceNode } from '../edits';
import type { ConditionEntry, PolicyDocument, Problem, Rule, Statement } from '../model';
import { ASSUMED_ROOT_KEY, operatorUseNode, parsedEntriesForKey } from './conditionEntries';
import { type OperatorRewrite, rewriteAdvice, rewriteFixes, rewritesWithoutSet } from './singleValuedOperators';
import { forEachStatement } from './visit';

export const assumedRootKeyMisuse: Rule = {
  meta: {
    id: 'RG108',
    name: 'assumed-root-key-misuse',
    defaultSeverity: 'warning',
    description: 'aws:AssumedRoot under a set operator, a non-Bool/Null operator, with a value other than true/false, or tested so that it tells no request apart.',
  },
  checkFile(context) {
    forEachStatement(context, (document, statement) => {
      for (const { entry, operator } of parsedEntriesForKey(statement, ASSUMED_ROOT_KEY)) {
        const problem = operatorProblem(document, statement, entry, operator) ?? alikeProblem(document, statement, entry, operator);
        if (problem) context.report(problem);
        for (const value of entry.values) {
          if (value.value === 'true' || value.value === 'false' || mayBeBool(value.value)) continue;
          const lower = value.value.toLowerCase();
          // "True" is read as true here (as by the engine, and so by RG107), but AWS documents only lowercase.
          if (lower === 'true' || lower === 'false') {
            // Writing it lowercase where that keeps a test answering every request alike would bless the test.
            const written = entry.values.map((v) => (v === value ? lower : v.value));
            const blessesAlike = assumedRootAnswerAlike({ ...engineEntry(entry, operator.canonical), values: written });
            context.report({
              document,
              node: value.node,
              message: `aws:AssumedRoot is a Bool: write "${lower}". AWS documents "true" and "false"; whether IAM reads "${value.value}" the same is not documented, and RootGuard assumes it does.`,
              fixes: blessesAlike ? [] : [{ title: `Write "${lower}"`, edits: [replaceNode(value.node, JSON.stringify(lower))], preferred: true }],
            });
            continue;
          }
          context.report({
            document,
            node: value.node,
            message: `aws:AssumedRoot is a Bool: "${value.value}" is neither "true" nor "false" and never matches.`,
          });
        }
      }
    });
  },
};

/**
 * A value with parts known only at deployment (`!Ref Exempt`, `var.exempt`, `"${var.x}"`) that may turn out
 * "true" or "false" (in any case): it is no misuse, and RG107 reads the exemption it may be.
 */
function mayBeBool(value: string): boolean {
  if (!value.includes(UNKNOWN_PART)) return false;
  const known = value.toLowerCase().split(UNKNOWN_PART);
  return ['true', 'false'].some((bool) => fitsAround(bool, known));
}

/** Whether `text` is the `known` parts in order with anything between them. */
function fitsAround(text: string, known: readonly string[]): boolean {
  const first = known[0];
  const last = known[known.length - 1];
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  for (const part of known.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > text.length - last.length) return false;
    at = found + part.length;
  }
  return true;
}

function operatorProblem(document: PolicyDocument, statement: Statement, entry: ConditionEntry, operator: ConditionOperator): Problem | undefined {
  const familyOk = operator.family === 'Bool' || operator.family === 'Null';
  if (!operator.set && familyOk) return undefined;
  const base = familyOk ? operator.base : boolForString(operator);
  const rewrites = base ? testing(entry, rewritesWithoutSet(operator, base)) : [];
  const reasons = [
    operator.set === 'ForAllValues' ? 'ForAllValues: holds whenever the key is absent, i.e. for every request outside a root session' : '',
    operator.set === 'ForAnyValue' ? 'ForAnyValue: is for multivalued keys' : '',
    familyOk ? '' : `${operator.family} operators compare it as text`,
  ].filter(Boolean);
  return {
    document,
    node: operatorUseNode(statement, entry),
    message: `aws:AssumedRoot is a single-valued Bool; ${operator.canonical}: ${reasons.join('; ')}. Use ${rewrites.length ? rewriteAdvice(rewrites) : 'Bool or Null'}.`,
    fixes: rewriteFixes(document, entry, rewrites),
  };
}

/**
 * A `Bool` or `Null` entry that answers root sessions and every other request alike (the engine says): the
 * condition tests nothing. Its fix toggles `IfExists`, when that tells them apart, not preferred: it changes
 * what the statement does.
 */
function alikeProblem(document: PolicyDocument, statement: Statement, entry: ConditionEntry, operator: ConditionOperator): Problem | undefined {
  // Read in any case, as the engine reads Bool and Null values: "TRUE" answers as "true" does.
  if (!entry.values.every((v) => ['true', 'false'].includes(v.value.toLowerCase()))) return undefined;
  const alike = assumedRootAnswerAlike(engineEntry(entry, operator.canonical));
  if (!alike) return undefined;
  const rewrites = operator.family === 'Bool' ? testing(entry, [toggledIfExists(operator)]) : [];
  const values = entry.values.map((v) => `"${v.value}"`).join(', ');
  const effect = alike === 'always' ? 'holds for every request, so it tests nothing (a Deny with it denies everyone, an Allow allows everyone)' : 'holds for no request (a Deny with it denies nothing, an Allow allows nothing)';
  return {
    document,
    node: operatorUseNode(statement, entry),
    message: `aws:AssumedRoot is absent outside root sessions and "true" in them: ${operator.canonical} ${values} ${effect}.${rewrites.length ? ` Use ${rewriteAdvice(rewrites)}.` : ''}`,
    fixes: rewriteFixes(document, entry, rewrites),
  };
}

/** `Bool` for `BoolIfExists` and back, with what the change does on a request without the key. */
function toggledIfExists(operator: ConditionOperator): OperatorRewrite {
  return operator.ifExists
    ? { operator: operator.base, change: 'then no longer holds when the key is absent' }
    : { operator: `${operator.base}IfExists`, change: 'then also holds when the key is absent' };
}

/**
 * The rewrites that tell root sessions from other requests (the engine says): one answering both alike,
 * an "exact" `BoolIfExists` `true` of `ForAllValues:Bool` `true` say, keeps the defect. Where none is left,
 * the base operator with `IfExists` toggled, when that one tells them apart.
 */
function testing(entry: ConditionEntry, rewrites: readonly OperatorRewrite[]): OperatorRewrite[] {
  const tells = (rewrite: OperatorRewrite) => !assumedRootAnswerAlike(engineEntry(entry, rewrite.operator));
  const kept = rewrites.filter(tells);
  if (kept.length > 0 || rewrites.length === 0) return kept;
  const operator = parseConditionOperator(rewrites[0].operator);
  return operator ? [toggledIfExists(operator)].filter(tells) : [];
}

/** The entry as the engine reads it, under `operator`. */
function engineEntry(entry: ConditionEntry, operator: string) {
  return { operator, key: entry.key.value, values: entry.values.map((v) => v.value) };
}

/** `StringEquals` (and its IgnoreCase form) means `Bool`; negations and globs have no exact equivalent. */
function boolForString(operator: ConditionOperator): string | undefined {
  return operator.family !== 'String' || operator.negated || operator.like ? undefined : 'Bool';
}
