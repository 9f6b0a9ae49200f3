/**
 * The organization path of an account (root, each OU, the account) and the policies attached at each level,
 * from the organization snapshot and the policies' targets: no call per account or level.
 */
import type { OrgSnapshot } from '../org/model';
import type { Policy } from '../policy';
import type { OrgPolicies, OrgPolicy, OrgPolicyKind } from './model';

export interface AccountPath {
  /** Target ids root first: `r-…`, each `ou-…`, the account id. */
  targets: string[];
  /** `aws:PrincipalOrgPaths` / `aws:ResourceOrgPaths`: `o-…/r-…/ou-…/…/` (the account's OU path). */
  orgPath: string;
  /** Readable documents per level for each enabled kind; absent for a kind not enabled. */
  levels: Partial<Record<OrgPolicyKind, Policy[][]>>;
  /** Policies on the path whose text could not be read. */
  unreadable: OrgPolicy[];
}

/** Paths of accounts; parents' prefixes are shared, so 5,000 accounts under a few OUs cost a few walks. */
export class OrgPaths {
  private readonly parentOf = new Map<string, string>();
  private readonly attached = new Map<string, OrgPolicy[]>();
  private readonly prefixes = new Map<string, string[]>();

  constructor(
    private readonly snapshot: Pick<OrgSnapshot, 'organization' | 'root' | 'units' | 'accounts'>,
    private readonly policies: OrgPolicies,
  ) {
    for (const unit of snapshot.units) this.parentOf.set(unit.id, unit.parentId);
    for (const policy of policies.policies) {
      for (const target of policy.targets) {
        const list = this.attached.get(target.id) ?? [];
        list.push(policy);
        this.attached.set(target.id, list);
      }
    }
  }

  /** Root first, down to `parentId`; undefined when the chain does not reach the root (a missing OU). */
  private prefix(parentId: string): string[] | undefined {
    const known = this.prefixes.get(parentId);
    if (known) return known;
    if (parentId === this.snapshot.root.id) return [parentId];
    const up = this.parentOf.get(parentId);
    const above = up === undefined || up === parentId ? undefined : this.prefix(up);
    if (!above) return undefined;
    const chain = [...above, parentId];
    this.prefixes.set(parentId, chain);
    return chain;
  }

  /** The path of an account directly under `parentId`; undefined when its parent is not in the snapshot. */
  of(accountId: string, parentId: string): AccountPath | undefined {
    const prefix = this.prefix(parentId);
    if (!prefix) return undefined;
    const targets = [...prefix, accountId];
    const unreadable: OrgPolicy[] = [];
    const levels: AccountPath['levels'] = {};
    for (const kind of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const) {
      if (this.policies.types[kind] !== 'ENABLED') continue;
      levels[kind] = targets.map((target) =>
        (this.attached.get(target) ?? [])
          .filter((p) => p.kind === kind)
          .flatMap((p) => {
            if (!p.document) unreadable.push(p);
            return p.document ? [p.document] : [];
          }),
      );
    }
    return { targets, orgPath: `${this.snapshot.organization.id}/${prefix.join('/')}/`, levels, unreadable };
  }
}
