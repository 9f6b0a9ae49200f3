/**
 * RG203: an `Allow` with `NotAction` grants everything except the listed actions, including every action
 * AWS adds later; reviewers routinely misread it as a deny. sts:AssumeRoot is named where the engine finds
 * the statement granting root sessions: an identity policy's, on a resource a member account's root can be.
 */
import type { Rule } from '../model';
import { count } from '../semantics/describe';
import { effectiveGrant } from './rootGrant';
import { forEachAllow } from './visit';

export const allowNotAction: Rule = {
  meta: {
    id: 'RG203',
    name: 'allow-not-action',
    defaultSeverity: 'warning',
    description: 'Allow with NotAction.',
    appliesTo: ['identity', 'resource'],
  },
  checkFile(context) {
    forEachAllow(context, (document, statement) => {
      if (!statement.action?.negated) return;
      const grantsRootSessions = document.type === 'identity' && effectiveGrant(document).some((grant) => grant.allowedBy.includes(statement.index));
      const assumeRoot = grantsRootSessions ? ', sts:AssumeRoot included' : '';
      context.report({
        document,
        node: statement.action.keyNode,
        message: `Allow with NotAction grants every action but the ${count(statement.action.values.length, 'listed one')}, future actions${assumeRoot}. List the allowed actions instead.`,
      });
    });
  },
};
