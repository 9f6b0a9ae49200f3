/**
 * RG202: every action of a service that controls identity or the organization (`iam:*`, `sts:*`,
 * `organizations:*`, `account:*`) on every resource. `*` without condition is RG201's; with a condition
 * it is reported here, since the condition does not narrow which sensitive actions are granted. Whether a
 * value covers a whole service asks the engine: one known only in part (`iam:${var.action}`) may be `iam:*`,
 * and is reported as such; one whose service is known only at deployment is RG010's.
 */
import { UNKNOWN_PART, type ValueCoverage, actionServiceUnknown, actionValueCoversService } from '../../policy';
import type { Rule } from '../model';
import { listNames } from '../semantics/describe';
import { serviceDeniedInPolicy } from '../semantics/deniedInPolicy';
import { coversEveryAction } from '../semantics/grants';
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
        // Only a pattern with a `*`, or a part that may be one, covers a whole service: in a broad Allow most are plain names.
        if (!pattern.value.includes('*') && !pattern.value.includes(UNKNOWN_PART)) continue;
        if (coversEveryAction(pattern.value) && !hasCondition(statement) && coversEveryResource(statement)) continue;
        if (actionServiceUnknown(pattern.value)) continue;
        const open = (service: string) => coversAllResources(statement, RESOURCE_SERVICE[service] ?? service) && !serviceDeniedInPolicy(document, service);
        const surely = servicesCoveredBy(pattern.value, 'surely').filter(open);
        const maybe = surely.length ? [] : servicesCoveredBy(pattern.value, 'maybe').filter(open);
        if (surely.length === 0 && maybe.length === 0) continue;
        const every = (services: string[]) => `every action of ${listNames(services.map((s) => `${s}:*`))} on every resource`;
        context.report({
          document,
          node: pattern.node,
          message: surely.length
            ? `"${pattern.value}" allows ${every(surely)}. List the actions needed.`
            : `"${pattern.value}" is known only in part before deployment: it may allow ${every(maybe)}. List the actions needed.`,
        });
      }
    });
  },
};

/** The sensitive services a pattern covers whole, surely or maybe; outside the loop so that it closes over no loop variable. */
function servicesCoveredBy(pattern: string, coverage: ValueCoverage): string[] {
  return SENSITIVE_SERVICES.filter((service) => actionValueCoversService(pattern, service) === coverage);
}
