/**
 * The policy engine: IAM policy evaluation, one implementation for the linter, the preflight of root
 * tasks, the holders view and the editor's hovers.
 *
 * - `readPolicy` / `policyFromNode`: a document (text or parsed tree) to a `Policy` with source ranges;
 *   `asDeployed(policy)`: as AWS stores it, a template placeholder left in it read as text.
 * - `evaluate(request, policySet)`: the concrete decision (`allowed` / `explicitDeny` / `implicitDeny`), the
 *   statements that decided it and the context keys the answer depended on that the request did not give
 *   (a key tested by several entries decided over every value of it, joint.ts).
 * - `TASK_CALLS`, `taskPolicyDocument`, `rootSessionRequest`: the five root tasks as data;
 *   `rootSessionCallRequests`: a call's requests in a session of a known organization, one per way a call on no
 *   resource may carry its undocumented keys (absent, or the session's own).
 * - `rootSessionDenials(scpOrRcp, kind)`: which calls of which task a policy's Deny statements refuse a root
 *   session, where, and whether certainly or depending on keys the text cannot fix; `taskPoliciesSpared(statement)`:
 *   the tasks a Deny means to spare on `sts:TaskPolicyArn`; `holdsWithoutKeyIn(statement, key)`: whether its
 *   conditions on a key hold for every request without it; `assumedRootAnswerAlike(entry)`: whether an
 *   `aws:AssumedRoot` entry answers root sessions and every other request alike (it then tests nothing).
 * - `assumeRootGrant(identityPolicy)`: which task policies (and a future one) the whole policy lets its holder
 *   open root sessions with, for which partitions and accounts (its Deny statements narrow the Allow);
 *   `principalRootGrant(policies)` for all of a principal's identity policies within its permissions boundary;
 *   `reachesAccount(reach, account)`: whether such an answer holds for an account.
 * - `decideOrgFilters(request, paths)`: the SCP and RCP paths alone, `allowed` / `denied` / `depends` when the
 *   request leaves keys unknown (a prediction before the request exists).
 * - `actionCovered(statement, action)`: whether a statement's Action/NotAction may cover an action;
 *   `actionPatternCovers(pattern, action)`: the same of one Action value; `resourcePatternCovers(pattern,
 *   arn)`: whether a Resource value matches an ARN; `namesDeletedPrincipal(value)`: whether a Principal value is
 *   the unique id a deleted user or role leaves behind (it matches nobody); `actionValueCovers(value, action)`,
 *   `actionValueCoversService(value, service)`: whether one Action value covers an action or a whole service,
 *   surely or only maybe (a value known only in part may be `iam:*`).
 * - `resourceNamesToTry(call, policies, account)`: the bucket, queue or MFA device names a prediction asks
 *   about when the request names none; `whichResource(target)`, what the answer then depends on.
 *   `principalNamed(id)`: a caller written on a command line, typed as Principal names it.
 * - `evaluateAtRolePaths(request, policySet)`: `evaluate` for a role session at each role path the policies
 *   tell apart (its ARN does not say the path); `rolePathsToTry(principal, policies)`, those paths' ARNs.
 * - `strangerGetsIn(resourcePolicy, action, resource)`, `publicStatements(resourcePolicy)`: whether a principal
 *   of an account the policy does not name gets in (public access), whatever keys it sets itself;
 *   `outsiderGetsIn(resourcePolicy, action, resource, through, owner)`: whether one it names outside the
 *   owner's organization does (another organization's, an account not in it);
 *   `federatedStrangerGetsIn(trustPolicy, provider, role)`: whether any identity of a federated provider does.
 * - `UNKNOWN_PART`: how policy text marks a value part unknown until deployment (see unknown.ts).
 * - `fullAdminManagedPolicy(arn)`: the AWS managed policy an ARN attaches when it allows `*` on `*` (AdministratorAccess);
 *   `awsManagedPolicyName(arn)`, the AWS managed policy it attaches, whichever.
 */
export { UNKNOWN_PART, isWhollyUnknown } from './unknown';
export { awsManagedPolicyArn, awsManagedPolicyName, fullAdminManagedPolicy } from './awsManagedPolicies';
export type { ConditionEntry, Decision, DecidingStatement, DecisionKind, Policy, PolicySet, PolicyStatement, PrincipalElement, Request, RequestPrincipal, SourceRange, ValueList } from './model';
export { NOT_PLAIN_JSON, PolicyReadError, asDeployed, lineAt, policyFromNode, readPolicy } from './read';
export { statementName, statementNumber } from './statementName';
export { UNKNOWN_VALUE, evaluate } from './evaluate';
export { SHORT_ARN_PATTERN } from './patterns';
export { prepareRequest } from './prepare';
export { rcpsExempt, scpsExempt } from './orgExemptions';
export {
  ASSUME_ROOT_ABSENCE,
  TASK_CALLS,
  TASK_POLICY_NAMES,
  type RootSessionTarget,
  type TaskCall,
  type TaskPolicyName,
  callResource,
  rootSessionAbsence,
  rootSessionContext,
  rootSessionRequest,
  taskPolicyArn,
  taskPolicyDocument,
} from './taskPolicies';
export { resourceNamesToTry, whichResource } from './resourceNames';
export { rootSessionCallRequests } from './rootSessionRequests';
export { PARTITIONS } from './candidates';
export { type ConditionOperator, parseConditionOperator } from './operators';
export { conditionHolds } from './conditions';
export {
  FUTURE_TASK_POLICY,
  type CallDenial,
  type Certainty,
  type PrincipalPolicies,
  type Reach,
  type RootSessionDenial,
  type TaskGrant,
  assumeRootGrant,
  principalRootGrant,
  rootSessionDenials,
} from './rootSessions';
export { reachesAccount } from './reach';
export { holdsWithoutKeyIn, taskPoliciesSpared } from './sparedTasks';
export { assumedRootAnswerAlike } from './assumedRootKey';
export { type OrgFilterAnswer, type OrgFilterPaths, accountNeutral, decideOrgFilters } from './orgFilters';
export { actionCovered, actionPatternCovers, namesDeletedPrincipal, resourcePatternCovers } from './statement';
export { type ActionValueGrant, type ValueCoverage, actionServiceUnknown, actionValueCovers, actionValueCoversService, actionValueGrants } from './actionValues';
export { principalNamed } from './principalKeys';
export { evaluateAtRolePaths, rolePathsToTry } from './rolePaths';
export { RCP_ON_NO_RESOURCE, rcpServicesSource, rcpsGovern } from './rcpServices';
export { resourcePolicyRequired } from './resourceGrants';
export { type AdmittingRequest, type PublicAccess, type Undecided, isSetByCaller, outsiderGetsIn, publicStatements, strangerGetsIn, strangerGetsInThrough } from './strangers';
export type { ResourceOwner } from './strangerContexts';
export { federatedStrangerGetsIn } from './federatedStrangers';
export { bucketTakerStatements } from './bucketTakers';
