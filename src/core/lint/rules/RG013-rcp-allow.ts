/**
 * RG013 rcp-allow: Organizations supports the `Allow` effect in an RCP only for the AWS-managed
 * `RCPFullAWSAccess` policy (Organizations User Guide, "RCP syntax"); a customer RCP must deny. A copy of
 * RCPFullAWSAccess itself (Allow of `*` to `*` on `*`, no condition) is not reported.
 */
import type { Node } from 'jsonc-parser';
import type { ElementList, Rule, Statement } from '../model';

export const rcpAllow: Rule = {
  meta: {
    id: 'RG013',
    name: 'rcp-allow',
    defaultSeverity: 'error',
    description: 'An Allow statement in an RCP: Organizations accepts Allow only in the AWS-managed RCPFullAWSAccess policy.',
    appliesTo: ['rcp'],
  },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        const effect = statement.effect;
        if (effect?.value !== 'Allow' || isFullAccess(statement)) continue;
        context.report({
          document,
          node: effect.node,
          message:
            'RCPs may only deny: Organizations accepts "Allow" only in the AWS-managed RCPFullAWSAccess policy, which is already attached everywhere. Write this control as a Deny whose condition exempts what should stay allowed.',
        });
      }
    }
  },
};

/** RCPFullAWSAccess's one statement: `Principal`, `Action` and `Resource` all `*`, no condition. */
function isFullAccess(statement: Statement): boolean {
  return (
    everything(statement.action) &&
    everything(statement.resource) &&
    !!statement.principal &&
    !statement.principal.negated &&
    isStar(statement.principal.node) &&
    !statement.conditionNode
  );
}

function everything(element: ElementList | undefined): boolean {
  return !!element && !element.negated && element.values.length === 1 && element.values[0].value === '*';
}

function isStar(node: Node): boolean {
  return node.type === 'string' && node.value === '*';
}
