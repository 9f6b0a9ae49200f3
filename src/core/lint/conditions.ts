/** Condition operators are read by the policy engine; re-exported for the rules that check their spelling. */
export { BASE_OPERATOR_NAMES, type ConditionOperator, type OperatorFamily, holdsWithoutKey, parseConditionOperator } from '../policy/operators';
