/** The rule registry: every rule the linter knows, in id order. */
import { type Rule, compareRuleIds } from '../model';
import { DOCUMENT_RULES } from './documentRules';
import { PRIVILEGE_RULES } from './privilegeRules';
import { ROOT_ACCESS_RULES } from './rootAccessRules';

export const RULES: readonly Rule[] = [...DOCUMENT_RULES, ...ROOT_ACCESS_RULES, ...PRIVILEGE_RULES].sort((a, b) => compareRuleIds(a.meta.id, b.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
