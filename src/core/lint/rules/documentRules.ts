/**
 * Rules about a document's form and whether AWS will accept it: parsing, grammar, version, size, known
 * actions and operators, plain JSON, Sid characters, RCP effects, placeholders, supported condition keys, keys given twice (RG0xx).
 */
import type { Rule } from '../model';
import { invalidJson } from './RG001-invalid-json';
import { invalidGrammar } from './RG002-invalid-grammar';
import { version } from './RG003-version';
import { duplicateSid } from './RG004-duplicate-sid';
import { unknownConditionOperator } from './RG005-unknown-condition-operator';
import { conditionValueType } from './RG006-condition-value-type';
import { policySize } from './RG007-policy-size';
import { unsupportedElement } from './RG008-unsupported-element';
import { unknownAction } from './RG009-unknown-action';
import { notChecked } from './RG010-not-checked';
import { notPlainJson } from './RG011-not-plain-json';
import { invalidSid } from './RG012-invalid-sid';
import { rcpAllow } from './RG013-rcp-allow';
import { unfilledPlaceholder } from './RG014-unfilled-placeholder';
import { unsupportedConditionKey } from './RG015-unsupported-condition-key';
import { duplicateKey } from './RG016-duplicate-key';

export const DOCUMENT_RULES: Rule[] = [
  invalidJson,
  invalidGrammar,
  version,
  duplicateSid,
  unknownConditionOperator,
  conditionValueType,
  policySize,
  unsupportedElement,
  unknownAction,
  notChecked,
  notPlainJson,
  invalidSid,
  rcpAllow,
  unfilledPlaceholder,
  unsupportedConditionKey,
  duplicateKey,
];
