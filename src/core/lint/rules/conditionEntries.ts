/**
 * The condition entries of a statement on one key, with their operators parsed: where the rules about how
 * a key is written (RG103-RG106, RG108, RG207) point. Whether a condition holds is the engine's to say.
 */
import { type ConditionOperator, parseConditionOperator } from '../../policy';
import type { Node } from 'jsonc-parser';
import type { ConditionEntry, Statement } from '../model';

export const TASK_POLICY_ARN_KEY = 'sts:TaskPolicyArn';
export const ASSUMED_ROOT_KEY = 'aws:AssumedRoot';
export const PRINCIPAL_ARN_KEY = 'aws:PrincipalArn';

/** An entry with an operator IAM knows (entries with another operator are RG005's). */
export interface ParsedEntry {
  entry: ConditionEntry;
  operator: ConditionOperator;
}

/**
 * Where a finding about how one entry's operator is used points: the operator, when it tests that key alone;
 * else the key, so that findings about two keys of one operator point apart, as each of Terraform's
 * condition blocks (one key each) is written apart.
 */
export function operatorUseNode(statement: Statement, entry: ConditionEntry): Node {
  const shared = statement.conditions.some((other) => other !== entry && other.operator.node === entry.operator.node);
  return shared ? entry.key.node : entry.operator.node;
}

/** The statement's entries on a key (compared case-insensitively, as IAM does), in document order. */
export function parsedEntriesForKey(statement: Statement, key: string): ParsedEntry[] {
  if (statement.conditions.length === 0) return [];
  const wanted = key.toLowerCase();
  const entries: ParsedEntry[] = [];
  for (const entry of statement.conditions) {
    if (entry.key.value.toLowerCase() !== wanted) continue;
    const operator = parseConditionOperator(entry.operator.value);
    if (operator) entries.push({ entry, operator });
  }
  return entries;
}
