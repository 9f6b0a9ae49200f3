/**
 * A resource policy as deployed: the parts of its resources and actions known only at deployment read as the
 * values they stand for, so that the stranger's questions (strangers.ts) have an answer to give.
 */
import { actionServiceUnknown, actionValueCoversService } from './actionValues';
import type { Policy, PolicyStatement } from './model';
import { actionApplies, actionPatternCovers } from './statement';
import { MAYBE, YES } from './tri';
import { UNKNOWN_PART } from './unknown';
import { globWitness } from './wildcards';

/**
 * The policy with each part of a resource known only at deployment (`!Sub ${Bucket.Arn}/*`) read as one
 * account-shaped name, the same everywhere. A resource policy names only the resource it is attached to, so
 * the unknown parts of its statements stand for that one resource: its Deny statements on
 * `${Bucket.Arn}/*` apply to the objects its Allow statements open. Without this, a template's bucket policy
 * open to everyone was never probed, and not reported.
 */
export function deployedResources(policy: Policy, accounts: readonly string[]): Policy {
  const deployed = accounts[1];
  if (deployed === undefined || !policy.statements.some((statement) => statement.resource?.values.some((value) => value.includes(UNKNOWN_PART)))) return policy;
  const statements = policy.statements.map((statement) => {
    const resource = statement.resource;
    if (!resource?.values.some((value) => value.includes(UNKNOWN_PART))) return statement;
    return { ...statement, resource: { ...resource, values: resource.values.map((value) => value.split(UNKNOWN_PART).join(deployed)) } };
  });
  return { ...policy, statements };
}

/**
 * The policy with each part of an Allow's action known only at deployment (`lambda:${var.action}`,
 * `!Sub s3:${Operation}`) read as one action name no written pattern means: the statement opens whichever
 * action it turns out to be, and `Principal "*"` with no condition lets strangers in to that one whatever it
 * is. Only a known service is read so (an unknown service is RG010's). An Allow's NotAction is read the same
 * way, its service unknown too: whatever it lists, it leaves the other actions of the service in, unless it
 * may list all of them (`s3:${x}` may be `s3:*`, a service may be unknown: notActionMayListService), which
 * publicStatements then calls undecided. A Deny keeps its unknown parts, so
 * a Deny that may apply still leaves no answer claimed. Without this, a public grant of such an action, or of
 * every action but such a one, was never probed, and not reported.
 */
export function deployedActions(policy: Policy): Policy {
  if (!policy.statements.some(hasDeployedAction)) return policy;
  const statements = policy.statements.map((statement) => {
    if (!hasDeployedAction(statement)) return statement;
    const action = statement.action!;
    const deployed = (value: string) => (action.negated || ofKnownService(value) ? value.split(UNKNOWN_PART).join(DEPLOYED_ACTION) : value);
    return { ...statement, action: { ...action, values: action.values.map(deployed) } };
  });
  return { ...policy, statements };
}

/** What an unknown part of an Allow's action is read as: no real action's name holds it. */
export const DEPLOYED_ACTION = 'RootGuardDeployed';

function hasDeployedAction(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Allow' || statement.action === undefined) return false;
  return statement.action.negated ? statement.action.values.some((value) => value.includes(UNKNOWN_PART)) : statement.action.values.some(ofKnownService);
}

/**
 * An Allow whose NotAction may list every action of a service, so that what it leaves in is not known: one
 * naming a service known only at deployment (`NotAction: !Ref Excluded`, `${var.service}:*`), or one whose
 * unknown part may be `*` (`s3:${var.action}` may be `s3:*`). One that lists some actions whatever its
 * unknown part holds (`s3:Get${var.action}`) leaves the rest of its service in.
 */
export function notActionMayListService(statement: PolicyStatement): boolean {
  return statement.effect === 'Allow' && statement.action?.negated === true && statement.action.values.some((value) => value.includes(UNKNOWN_PART) && (!ofKnownService(value) || mayCoverService(value)));
}

/** Whether the NotAction's service is known, where notActionMayListService holds: said so to the reader. */
export function notActionServiceKnown(statement: PolicyStatement): boolean {
  return statement.action!.values.every((value) => !value.includes(UNKNOWN_PART) || ofKnownService(value));
}

/** A value of a known service whose unknown parts may make it cover every action of the service (`s3:${x}`). */
function mayCoverService(value: string): boolean {
  return actionValueCoversService(value, value.slice(0, value.indexOf(':'))) !== 'no';
}

/**
 * A Deny that may or may not cover a request for `action` once deployed: one whose action is known only at
 * deployment (`Action = var.denied`, `s3:${var.denied}`), or a NotAction of the service of an action an
 * Allow's unknown part stands for (`NotAction: s3:GetObject` beside `s3:${var.action}`, which may be
 * s3:GetObject).
 */
export function unsettledDeny(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== 'Deny' || statement.action === undefined) return false;
  const applies = actionApplies(statement, action);
  if (applies === MAYBE) return true;
  const service = (value: string) => value.slice(0, value.indexOf(':'));
  return statement.action.negated && applies === YES && action.includes(DEPLOYED_ACTION) && statement.action.values.some((value) => value.includes(':') && actionPatternCovers(`${service(value)}:*`, action));
}

/**
 * A Deny whose Action names none of a probe's action, but may name the action an Allow's unknown part stands
 * for (`Deny s3:Get*` beside `Allow s3:${var.action}`, which may be s3:GetObject): the probe's action with
 * its deployed part read as `*` (`s3:*`) and one of the Deny's patterns match some action in common.
 */
export function denyMayCoverDeployed(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== 'Deny' || statement.action === undefined || statement.action.negated || !action.includes(DEPLOYED_ACTION)) return false;
  const deployed = action.split(DEPLOYED_ACTION).join('*').toLowerCase();
  return statement.action.values.some((value) => globWitness(deployed, value.toLowerCase()) !== undefined);
}

/** An action value with unknown parts after a known, named service (`s3:\uE000`, `lambda:Invoke\uE000`; not `:\uE000`). */
function ofKnownService(value: string): boolean {
  return value.indexOf(':') > 0 && value.includes(UNKNOWN_PART) && !actionServiceUnknown(value);
}
