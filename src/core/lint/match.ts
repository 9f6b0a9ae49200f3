/** IAM's wildcard matching lives in the policy engine; re-exported for the linter's own action index. */
export { actionMatches, arnLike, globMatches, hasWildcard, stringLike } from '../policy/wildcards';
