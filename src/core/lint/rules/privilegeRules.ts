/** Rules about broad and escalating grants (RG2xx). */
import type { Rule } from '../model';
import { fullAdmin } from './RG201-full-admin';
import { sensitiveServiceWildcard } from './RG202-sensitive-service-wildcard';
import { allowNotAction } from './RG203-allow-not-action';
import { allowNotResource } from './RG204-allow-not-resource';
import { passRoleWildcard } from './RG205-pass-role-wildcard';
import { privilegeEscalation } from './RG206-privilege-escalation';
import { setOperatorOnSingleValuedKey } from './RG207-set-operator-on-single-valued-key';
import { publicPrincipal } from './RG208-public-principal';

export const PRIVILEGE_RULES: Rule[] = [
  fullAdmin,
  sensitiveServiceWildcard,
  allowNotAction,
  allowNotResource,
  passRoleWildcard,
  privilegeEscalation,
  setOperatorOnSingleValuedKey,
  publicPrincipal,
];
