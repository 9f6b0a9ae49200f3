/** RG004 duplicate-sid: IAM rejects a policy whose statements share a `Sid`, and people refer to statements by it. */
import { UNKNOWN_PART, statementName } from '../../policy';
import type { Rule } from '../model';

export const duplicateSid: Rule = {
  meta: {
    id: 'RG004',
    name: 'duplicate-sid',
    defaultSeverity: 'error',
    description: 'Two statements of one policy have the same Sid.',
  },
  checkFile(context) {
    for (const document of context.documents) {
      const seen = new Map<string, number>();
      for (const statement of document.statements) {
        const sid = statement.sid;
        // An empty Sid is the same as none; two Sids known only at deployment (`!Ref`) are not known to collide.
        if (!sid || sid.value === '' || sid.value.includes(UNKNOWN_PART)) continue;
        const first = seen.get(sid.value);
        if (first === undefined) {
          seen.set(sid.value, statement.index);
          continue;
        }
        context.report({
          document,
          node: sid.node,
          message: `Sid "${sid.value}" is already used by ${statementName(first)}; every statement needs its own Sid. Rename this one.`,
        });
      }
    }
  },
};
