/**
 * The requests a root session makes, as the question "which calls does this Deny refuse a root session"
 * (rootSessions.ts) enumerates them: which keys the session fixes, which are the statement's to vary
 * (valuations), and each call's request under each valuation, prepared once per bucket or queue name and
 * Region.
 */
import { BoundedMemo } from '../boundedMemo';
import { type MoreCandidates, type Valuation, valuations, variableKeys } from './candidates';
import { type ContextOverlay, contextOverlay, prepareRequest, withContext } from './prepare';
import { FRESH_VALUE } from './keyClasses';
import type { PolicyStatement, Request } from './model';
import type { PreparedRequest } from './statement';
import { ALWAYS_CARRIED_KEYS, type RootSessionTarget, type TaskCall, rootSessionCallLacks, rootSessionRequest } from './taskPolicies';

/** The keys a root session fixes: the text's conditions on them are decided, not enumerated. */
const ROOT_SESSION_KEYS = ['aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:userid', 'aws:assumedroot', 'aws:resourceaccount'];

const PRINCIPAL_ORG = 'aws:principalorgid';
const PRINCIPAL_ORG_PATHS = 'aws:principalorgpaths';
const RESOURCE_ORG = 'aws:resourceorgid';
const RESOURCE_ACCOUNT = 'aws:resourceaccount';
const REGION = 'aws:requestedregion';

/**
 * What a call on no resource (ListAllMyBuckets, ListQueues, GetAccountSummary) carries as `aws:ResourceOrgID`
 * and `aws:ResourceAccount` is not documented. Neither certain absence nor another organization's or account's
 * fits AWS's own resource perimeter SCP (Deny `*` with `StringNotEqualsIfExists` `aws:ResourceOrgID`), which
 * would then refuse every such call to every principal of the organization. So each key is taken to be absent
 * or the session's own, and both are tried: one more dimension of the valuations per key the statement reads,
 * named apart from the key (the organization itself may be enumerated under `aws:ResourceOrgID`) and
 * reported as the key (reportedKey). A Deny that hinges on it then depends on the key, never holds for certain.
 */
const ON_NO_RESOURCE = ' on a call on no resource';
const CARRIED = 'carried';

/** The valuations to ask a statement about a task's calls with, and the key (as valuations name it) standing for the session's organization. */
export interface SessionValuations {
  list: Valuation[];
  keys: string[];
  capped: boolean;
  organizationKey?: string;
}

/**
 * The valuations of the statement's keys that a root session does not fix. A root session carries no
 * principal tags and no STS key, and no call of it a key its action does not support: a condition on one
 * is decided with the key absent, not enumerated as the caller's to choose. Two keys follow others rather
 * than vary on their own: the session's organization (see organizationCandidates) and, for a queue, its
 * ARN's Region (see queueRegionCandidates).
 */
export function sessionValuations(statement: PolicyStatement, calls: readonly TaskCall[]): SessionValuations {
  // They depend on the calls only through these: one statement's tasks mostly share them.
  const absent = absentKeysNamed(statement, calls);
  const reading = JSON.stringify([absent, calls.some((call) => call.target === 'queue'), calls.some((call) => call.target === 'none')]);
  let byReading = valuationsByStatement.get(statement);
  if (!byReading) valuationsByStatement.set(statement, (byReading = new Map()));
  let found = byReading.get(reading);
  if (!found) byReading.set(reading, (found = enumerateSessionValuations(statement, calls, absent)));
  return found;
}

/** Per statement, its session valuations by what the calls asked about change in them (see sessionValuations). */
const valuationsByStatement = new WeakMap<PolicyStatement, Map<string, SessionValuations>>();

function enumerateSessionValuations(statement: PolicyStatement, calls: readonly TaskCall[], absent: readonly string[]): SessionValuations {
  const organization = organizationCandidates(statement);
  const fixed = new Set([...ROOT_SESSION_KEYS, ...absent, ...(organization?.fixed ?? [])]);
  const more = [...(organization ? [organization.candidates] : []), ...queueRegionCandidates(statement, calls)];
  const { list, keys, capped } = valuations([statement], fixed, more, ALWAYS_CARRIED_KEYS);
  // Past the cap every answer depends on every key already, and the untried requests leave these keys out.
  const unsure = capped ? [] : resourceKeysUnsure(statement, calls);
  const either = unsure.reduce((all, dimension) => all.flatMap((valuation) => [valuation, { ...valuation, [dimension]: CARRIED }]), list);
  return { list: either, keys: [...keys, ...unsure], capped, organizationKey: organization?.candidates.key };
}

/** The keys a call on no resource may carry (the session's own value) or not: see ON_NO_RESOURCE. */
const UNSURE_ON_NO_RESOURCE = ['aws:ResourceOrgID', 'aws:ResourceAccount'];

/**
 * `aws:ResourceOrgPaths` is as undocumented there, and read the same way where the session's own path is
 * known (the preflight's `aws:PrincipalOrgPaths`): absent, or the account's own path. Where it is not known
 * (RG107 asks about any account), the key stays the statement's to vary.
 */
const RESOURCE_ORG_PATHS = 'aws:ResourceOrgPaths';

/** Of `unsureKeys`, the keys the statements read, in a condition or a policy variable, when one of the calls acts on no resource. */
function unsureKeysRead(statements: readonly PolicyStatement[], calls: readonly TaskCall[], unsureKeys: readonly string[] = UNSURE_ON_NO_RESOURCE): string[] {
  if (!calls.some((call) => call.target === 'none')) return [];
  const read = new Set([...statements.flatMap((s) => s.conditions.map((entry) => entry.key.toLowerCase())), ...variableKeys(statements)]);
  return unsureKeys.filter((key) => read.has(key.toLowerCase()));
}

/** The dimensions (see ON_NO_RESOURCE) of the keys the statement reads when one of the calls acts on no resource. */
function resourceKeysUnsure(statement: PolicyStatement, calls: readonly TaskCall[]): string[] {
  return unsureKeysRead([statement], calls).map((key) => key + ON_NO_RESOURCE);
}

/**
 * A root session's requests for one call, in a session whose organization `extraContext` gives as
 * `aws:PrincipalOrgID` (the preflight's): one request, or for a call on no resource one per way it may carry
 * the keys the statements read of those AWS leaves undocumented there (ON_NO_RESOURCE): each absent, or the
 * session's own account, organization and (given as `aws:PrincipalOrgPaths`) path, never another's. `unsure`
 * names those keys: answers that differ between the requests depend on them. The same reading as the questions about root sessions (sessionValuations).
 */
export function rootSessionCallRequests(
  call: TaskCall,
  target: RootSessionTarget,
  extraContext: Record<string, string | readonly string[]>,
  statements: readonly PolicyStatement[],
): { requests: Request[]; unsure: string[] } {
  const given = (name: string) => Object.entries(extraContext).find(([key]) => key.toLowerCase() === name)?.[1];
  const organization = given(PRINCIPAL_ORG);
  const orgPaths = given(PRINCIPAL_ORG_PATHS);
  const unsure = unsureKeysRead(statements, [call], orgPaths === undefined ? UNSURE_ON_NO_RESOURCE : [...UNSURE_ON_NO_RESOURCE, RESOURCE_ORG_PATHS]);
  const carryings = unsure.reduce<string[][]>((all, key) => all.flatMap((carried) => [carried, [...carried, key.toLowerCase()]]), [[]]);
  const requests = carryings.map((carried) => {
    const absent = unsure.map((key) => key.toLowerCase()).filter((key) => !carried.includes(key));
    const ownCarried: Record<string, string | readonly string[]> = {
      ...(carried.includes(RESOURCE_ORG) && organization !== undefined ? { 'aws:ResourceOrgID': organization } : {}),
      ...(carried.includes(RESOURCE_ORG_PATHS.toLowerCase()) && orgPaths !== undefined ? { [RESOURCE_ORG_PATHS]: orgPaths } : {}),
    };
    const request = rootSessionRequest(call, target, { ...extraContext, ...ownCarried }, carried.includes(RESOURCE_ACCOUNT));
    return absent.length === 0 ? request : { ...request, absentKeys: [...(request.absentKeys ?? []), ...absent] };
  });
  return { requests, unsure };
}

/** Whether a call on no resource carries the key (lower case) under the valuation: absent unless its dimension says so. */
function carriedOnNoResource(valuation: Valuation, key: string): boolean {
  return Object.entries(valuation).some(([name, value]) => value === CARRIED && name.toLowerCase() === key + ON_NO_RESOURCE);
}

/** The key an answer depends on, as the statement names it: a dimension of ON_NO_RESOURCE is its key's. */
export function reportedKey(key: string): string {
  return key.endsWith(ON_NO_RESOURCE) ? key.slice(0, -ON_NO_RESOURCE.length) : key;
}

/**
 * The keys every one of the calls certainly lacks (`aws:principaltag/team`, lower case) that the statement's
 * conditions name. A key only some calls lack (`aws:ResourceTag/team`: a bucket's calls carry it, ListAllMyBuckets
 * does not) is enumerated, and left out of those calls' requests (SessionCallRequests).
 */
function absentKeysNamed(statement: PolicyStatement, calls: readonly TaskCall[]): string[] {
  return statement.conditions.map((entry) => entry.key.toLowerCase()).filter((key) => calls.every((call) => rootSessionCallLacks(call, key)));
}

/**
 * A member account's root session carries its organization's id as `aws:PrincipalOrgID`, and the account's
 * own bucket or queue the same `aws:ResourceOrgID`: one value, enumerated once (the ids the statement names
 * on either key, and a fresh one; never absent) under the key the statement tests, the other key fixed to
 * follow it. Nothing to enumerate when the statement reads neither key, in a condition or a policy variable.
 */
function organizationCandidates(statement: PolicyStatement): { candidates: MoreCandidates; fixed: string[] } | undefined {
  const named = statement.conditions.filter((entry) => [PRINCIPAL_ORG, RESOURCE_ORG].includes(entry.key.toLowerCase()));
  const variables = variableKeys([statement]);
  if (named.length === 0 && !variables.has(PRINCIPAL_ORG) && !variables.has(RESOURCE_ORG)) return undefined;
  const key = named.find((entry) => entry.key.toLowerCase() === PRINCIPAL_ORG)?.key ?? named[0]?.key ?? 'aws:PrincipalOrgID';
  const other = key.toLowerCase() === PRINCIPAL_ORG ? RESOURCE_ORG : PRINCIPAL_ORG;
  const values = named.filter((entry) => entry.key.toLowerCase() === other).flatMap((entry) => entry.values);
  return { candidates: { key, values, present: true }, fixed: [other] };
}

/**
 * A queue's ARN names its Region, the Region its requests go to: the one the session requests. The Regions
 * the statement's queue ARNs name (a fresh one comes with them) are candidates of `aws:RequestedRegion`,
 * so that a Deny of one Region's queues is found depending on it, even when no condition names the key.
 */
function queueRegionCandidates(statement: PolicyStatement, calls: readonly TaskCall[]): MoreCandidates[] {
  if (!calls.some((call) => call.target === 'queue')) return [];
  const regions = (statement.resource?.values ?? []).flatMap((value) => {
    const region = /^arn:[^:]*:sqs:([^:]*):/i.exec(value)?.[1];
    return region && region !== '*' ? [region] : [];
  });
  return regions.length === 0 ? [] : [{ key: 'aws:RequestedRegion', values: regions }];
}

/**
 * The valuation as a call's context. The session's organization is its `aws:PrincipalOrgID` and, on a call
 * on the account's own bucket or queue, that resource's `aws:ResourceOrgID`; on a call on no resource, as
 * the valuation says (ON_NO_RESOURCE): the same, or absent.
 */
function sessionContext(valuation: Valuation, call: TaskCall, organizationKey: string | undefined): Valuation {
  const keys = Object.fromEntries(Object.entries(valuation).filter(([key]) => !key.endsWith(ON_NO_RESOURCE)));
  if (organizationKey === undefined) return keys;
  const { [organizationKey]: organization, ...rest } = keys;
  if (organization === undefined) return rest;
  const resourceOrg = call.target !== 'none' || carriedOnNoResource(valuation, RESOURCE_ORG);
  return { ...rest, 'aws:PrincipalOrgID': organization, ...(resourceOrg ? { 'aws:ResourceOrgID': organization } : {}) };
}

/** Whether the call, on no resource, carries the session's own account as `aws:ResourceAccount` under the valuation (ON_NO_RESOURCE). */
function accountOnNoResource(valuation: Valuation, call: TaskCall): boolean {
  return call.target === 'none' && carriedOnNoResource(valuation, RESOURCE_ACCOUNT);
}

/** The Region a queue's ARN names under the valuation: the requested one, or one no statement names. */
function queueRegion(valuation: Valuation): string {
  const entry = Object.entries(valuation).find(([key]) => key.toLowerCase() === REGION)?.[1];
  const region = typeof entry === 'string' ? entry : entry?.[0];
  return region ?? FRESH_VALUE;
}

/**
 * One call's requests under each valuation, in every partition (`inPartition`). A valuation's keys are laid
 * over the call's own request as an overlay, without the keys that request already gives or certainly lacks;
 * those are the same keys in most partitions, so the overlays are made once per set of keys given.
 */
export class SessionCall {
  private readonly overlaysByGiven = new Map<string, Overlays>();

  constructor(
    private readonly call: TaskCall,
    private readonly list: readonly Valuation[],
    private readonly organizationKey: string | undefined,
  ) {}

  inPartition(partition: string): SessionCallRequests {
    const given = preparedSessionRequest(this.call, { partition, account: '' }, false).context;
    const givenKeys = [...given.keys()].join('\u0000');
    let overlays = this.overlaysByGiven.get(givenKeys);
    if (!overlays) this.overlaysByGiven.set(givenKeys, (overlays = this.overlays(given)));
    return new SessionCallRequests(this.call, partition, this.list, this.organizationKey, overlays);
  }

  /**
   * Each valuation's overlay, without the keys the call's request gives or lacks, and the first valuation whose
   * requests are the same: an IAM call's under valuations that differ only in `aws:RequestedRegion`.
   */
  private overlays(given: ReadonlyMap<string, unknown>): Overlays {
    const firstWith = new Map<string, number>();
    const firstAlike: number[] = [];
    const list = this.list.map((valuation, index) => {
      const context = sessionContext(valuation, this.call, this.organizationKey);
      const overlay = contextOverlay(Object.fromEntries(Object.entries(context).filter(([key]) => !given.has(key.toLowerCase()) && !rootSessionCallLacks(this.call, key))));
      const region = this.call.target === 'queue' ? queueRegion(valuation) : '';
      const requests = JSON.stringify([overlay, region, accountOnNoResource(valuation, this.call)]);
      const first = firstWith.get(requests) ?? firstWith.set(requests, index).get(requests)!;
      firstAlike.push(first);
      return overlay;
    });
    return { list, firstAlike };
  }
}

/** The valuations' overlays of one call (SessionCall), and per valuation the first one with the same requests. */
interface Overlays {
  list: readonly ContextOverlay[];
  firstAlike: readonly number[];
}

/**
 * One call's requests in one partition, under each valuation: the call's own request to each account, bucket
 * or queue name and Region (preparedSessionRequest), and each valuation's overlay laid over it (SessionCall). An
 * IAM call carries its partition's home Region, so valuations that differ only in `aws:RequestedRegion`
 * answer it alike, and ListAllMyBuckets no `aws:ResourceTag/...` a bucket's calls may.
 */
export class SessionCallRequests {
  private readonly prepared = new Map<string, PreparedRequest>();

  constructor(
    private readonly call: TaskCall,
    private readonly partition: string,
    private readonly list: readonly Valuation[],
    private readonly organizationKey: string | undefined,
    private readonly overlays: Overlays,
  ) {}

  /** The first valuation whose requests are those of valuation `index`: its answers are the same. */
  firstAlike(index: number): number {
    return this.overlays.firstAlike[index];
  }

  /** The requests under valuation `index` for each name (undefined: the unnamed one), with their targets. */
  under(index: number, account: string, names: readonly (string | undefined)[]): { target: RootSessionTarget; prepared: PreparedRequest }[] {
    const region = this.call.target === 'queue' ? queueRegion(this.list[index]) : undefined;
    const ownAccount = accountOnNoResource(this.list[index], this.call);
    return names.map((name) => {
      const target: RootSessionTarget = { partition: this.partition, account, ...(region === undefined ? {} : { region }), ...(name === undefined ? {} : { [this.call.target]: name }) };
      // Asked per valuation: found by a short key here before the shared memo's full one.
      const key = `${account}\u0000${name === undefined ? '\u0001' : name}\u0000${region ?? ''}\u0000${ownAccount}`;
      let base = this.prepared.get(key);
      if (!base) this.prepared.set(key, (base = preparedSessionRequest(this.call, target, ownAccount)));
      return { target, prepared: withContext(base, this.overlays.list[index]) };
    });
  }

  /** The request to `target` under valuation `index`, unprepared (to change it before asking). */
  request(index: number, target: RootSessionTarget): Request {
    const valuation = this.list[index];
    return rootSessionRequest(this.call, target, sessionContext(valuation, this.call, this.organizationKey), accountOnNoResource(valuation, this.call));
  }
}

/**
 * A call's own request to a target, prepared. Every statement's questions ask the same few (a task's calls in
 * three partitions, for the fresh account and the default names), each under many valuations: they are
 * prepared once per target, not per question. Prepared requests are never changed (withContext copies).
 */
function preparedSessionRequest(call: TaskCall, target: RootSessionTarget, ownAccountOnNoResource: boolean): PreparedRequest {
  // The request depends on the call's action and target kind alone, whatever else its task says of it.
  const key = JSON.stringify([call.action, call.target, target.partition, target.account, target.region, target.bucket, target.queue, target.mfaDevice, ownAccountOnNoResource]);
  return preparedRequests.get(key) ?? preparedRequests.set(key, prepareRequest(rootSessionRequest(call, target, {}, ownAccountOnNoResource)));
}

/** Policies name accounts and buckets: bounded, for a process that reads many. */
const preparedRequests = new BoundedMemo<string, PreparedRequest>(10_000);
