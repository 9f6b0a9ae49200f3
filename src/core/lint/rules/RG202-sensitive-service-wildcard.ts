/**
 * RG202: every action of a service that controls identity or the organization (`iam:*`, `sts:*`,
 * `organizations:*`, `account:*`) on every resource. `*` without condition is RG201's; with a condition
 * it is reported here, since the condition does not narrow which sensitive actions are granted.
 */
import type { Rule } from '../model';
import { listNames } from '../semantics/describe';
import { serviceDeniedInPolicy } from '../semantics/deniedInPolicy';
import { coversEveryAction, coversWholeService } from '../semantics/grants';
import { coversAllResources, coversEveryResource, hasCondition } from '../semantics/resources';
import { forEachAllow } from './visit';

export const SENSITIVE_SERVICES = ['iam', 'sts', 'organizations', 'account'] as const;

/** The service in the ARNs of a service's resources, where it differs: STS acts on IAM's roles and users. */
const RESOURCE_SERVICE: Record<string, string> = { sts: 'iam' };

export const sensitiveServiceWildcard: Rule = {
  meta: {
    id: 'RG202',
    name: 'sensitive-service-wildcard',
    defaultSeverity: 'warning',
    description: 'Allow iam:*, sts:*, organizations:* or account:* on *.',
    appliesTo: ['identity'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      if (statement.action?.negated) return;
      for (const pattern of statement.action?.values ?? []) {
        // Only a pattern with a `*` covers a whole service, or every action; in a broad Allow most are plain names.
        if (!pattern.value.includes('*')) continue;
        if (coversEveryAction(pattern.value) && !hasCondition(statement) && coversEveryResource(statement)) continue;
        const services = servicesCoveredBy(pattern.value).filter((service) => coversAllResources(statement, RESOURCE_SERVICE[service] ?? service) && !serviceDeniedInPolicy(document, service));
        if (services.length === 0) continue;
        context.report({
          document,
          node: pattern.node,
          message: `"${pattern.value}" allows every action of ${listNames(services.map((s) => `${s}:*`))} on every resource. List the actions needed.`,
        });
      }
    });
  },
};

/** The sensitive services a pattern covers whole; outside the loop so that it closes over no loop variable. */
function servicesCoveredBy(pattern: string): string[] {
  return SENSITIVE_SERVICES.filter((service) => coversWholeService(pattern, service));
}
