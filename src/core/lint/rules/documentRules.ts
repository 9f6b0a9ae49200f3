/** Rules about a document's form: parsing, grammar, version, size, known actions and operators (RG0xx). */
import type { Rule } from '../model';
import { invalidJson } from './RG001-invalid-json';
import { invalidGrammar } from './RG002-invalid-grammar';
import { version } from './RG003-version';
import { duplicateSid } from './RG004-duplicate-sid';

export const DOCUMENT_RULES: Rule[] = [invalidJson, invalidGrammar, version, duplicateSid];
