/** Rules about a document's form: parsing, grammar, version, size, known actions and operators (RG0xx). */
import type { Rule } from '../model';

export const DOCUMENT_RULES: Rule[] = [];
