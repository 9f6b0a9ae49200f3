/**
 * The organization as the explorer has loaded it so far, for the active connection: the overview, the
 * children of each expanded root or OU, and (once a filter, an audit or a report needed it) the whole
 * snapshot. Loads are shared promises, so a tree that asks twice makes one set of calls; a failed load is
 * forgotten so a retry calls again. Everything is dropped on refresh and on a connection change.
 */
import { loadOrganization, listChildren, openOrganization, type OrgOverview } from '../../core/org/loadOrganization';
import type { OrgAccount, OrgChildren, OrgSnapshot, OrgUnit } from '../../core/org/model';
import { accountsUnder } from '../../core/org/selectAccounts';
import type { Log } from '../log';
import type { ActiveConnection, Connection } from './connection';

export class OrgModel {
  private overviewLoad: Promise<OrgOverview> | undefined;
  private readonly childLoads = new Map<string, Promise<OrgChildren>>();
  private snapshotLoad: Promise<OrgSnapshot> | undefined;
  /** Every account seen in any listing, for lookups by id (commands called with an account id). */
  private readonly accounts = new Map<string, OrgAccount>();
  private snapshotValue: OrgSnapshot | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly log: Log,
    /** The audit's concurrency setting: listing the organization keeps to the same limit of calls in flight. */
    private readonly concurrency: () => number,
  ) {}

  /** Drops everything loaded; the next request lists the organization again. */
  reset(): void {
    this.overviewLoad = undefined;
    this.childLoads.clear();
    this.snapshotLoad = undefined;
    this.snapshotValue = undefined;
    this.accounts.clear();
  }

  overview(): Promise<OrgOverview> {
    const clients = this.requireConnection().clients;
    return (this.overviewLoad ??= this.forgetOnFailure(openOrganization(clients), () => (this.overviewLoad = undefined)));
  }

  /** The OUs and accounts directly under a root or OU, sorted by name. */
  children(parentId: string): Promise<OrgChildren> {
    const existing = this.childLoads.get(parentId);
    if (existing) return existing;
    const load = (async () => {
      const connection = this.requireConnection();
      const children = await listChildren(connection.clients, parentId, await this.overview());
      return this.remember(children);
    })();
    this.childLoads.set(parentId, this.forgetOnFailure(load, () => this.childLoads.delete(parentId)));
    return this.childLoads.get(parentId) as Promise<OrgChildren>;
  }

  /** The whole organization (every OU level); also fills the per-parent listings the tree uses. */
  snapshot(signal?: AbortSignal): Promise<OrgSnapshot> {
    if (this.snapshotLoad) return this.snapshotLoad;
    const load = (async () => {
      const started = Date.now();
      const snapshot = await loadOrganization(this.requireConnection().clients, { signal, concurrency: this.concurrency() });
      this.log.info(`organization ${snapshot.organization.id} loaded: ${snapshot.units.length} OUs, ${snapshot.accounts.length} accounts in ${Date.now() - started} ms`);
      const unlisted = new Set(snapshot.unlisted?.map((u) => u.parentId));
      for (const u of snapshot.unlisted ?? []) this.log.warn(`could not list the ${u.listing} of ${u.parentId}: ${u.code}; the tree lists them when the node is expanded`);
      // A parent whose listing failed is left to the tree's own lazy listing rather than remembered as empty.
      for (const parentId of [snapshot.root.id, ...snapshot.units.map((u) => u.id)].filter((id) => !unlisted.has(id))) {
        const children = this.remember({
          parentId,
          units: snapshot.units.filter((u) => u.parentId === parentId),
          accounts: snapshot.accounts.filter((a) => a.parentId === parentId),
        });
        if (!this.childLoads.has(parentId)) this.childLoads.set(parentId, Promise.resolve(children));
      }
      this.snapshotValue = snapshot;
      return snapshot;
    })();
    this.snapshotLoad = this.forgetOnFailure(load, () => (this.snapshotLoad = undefined));
    return this.snapshotLoad;
  }

  /** The snapshot if it has been loaded already, without loading it. */
  loadedSnapshot(): OrgSnapshot | undefined {
    return this.snapshotValue;
  }

  /** An account seen in any listing so far. */
  account(accountId: string): OrgAccount | undefined {
    return this.accounts.get(accountId);
  }

  /** Every account under a root or OU, at any depth, from the snapshot. */
  static accountsUnder(snapshot: OrgSnapshot, parentId: string): OrgAccount[] {
    return accountsUnder(snapshot, parentId);
  }

  private remember(children: OrgChildren): OrgChildren {
    const byName = <T extends OrgUnit | OrgAccount>(a: T, b: T) => a.name.localeCompare(b.name);
    for (const account of children.accounts) this.accounts.set(account.id, account);
    return { parentId: children.parentId, units: [...children.units].sort(byName), accounts: [...children.accounts].sort(byName) };
  }

  private requireConnection(): ActiveConnection {
    const active = this.connection.active;
    if (!active) throw new Error('Not connected: choose an AWS profile or the sandbox organization first');
    return active;
  }

  private forgetOnFailure<T>(load: Promise<T>, forget: () => void): Promise<T> {
    load.catch(() => forget());
    return load;
  }
}
