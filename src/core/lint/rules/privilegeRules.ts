/** Rules about broad and escalating grants (RG2xx). */
import type { Rule } from '../model';

export const PRIVILEGE_RULES: Rule[] = [];
