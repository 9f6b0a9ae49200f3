/** Rules about a document's form: parsing, grammar, version, size, known actions and operators (RG0xx). */
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
];
