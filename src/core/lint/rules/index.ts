/** The rule registry: every rule the linter knows, in id order. */
import { type Rule, compareRuleIds } from '../model';
import { DOCUMENT_RULES } from './documentRules';
import { PRIVILEGE_RULES } from './privilegeRules';
import { ROOT_ACCESS_RULES } from './rootAccessRules';

export const RULES: readonly Rule[] = [...DOCUMENT_RULES, ...ROOT_ACCESS_RULES, ...PRIVILEGE_RULES].sort((a, b) => compareRuleIds(a.meta.id, b.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

/**
 * Whether the rule interprets what statements do (RG1xx, RG2xx), rather than checking a document's form and
 * whether AWS will accept it: such a rule does not read a statement AWS rejects.
 */
export function interpretsStatements(rule: Rule): boolean {
  return ROOT_ACCESS_RULES.includes(rule) || PRIVILEGE_RULES.includes(rule);
}
