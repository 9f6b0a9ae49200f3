/**
 * Who can open root sessions, as the explorer shows it: read on demand (expanding the "Root session holders"
 * node, or its refresh command) for the active connection, with a cancellable progress notification when the
 * read takes a while, and kept in memory with the policy texts it was evaluated from (so a grant opens on the
 * exact text the engine read) until the connection changes or the user refreshes. Policies hold no secret;
 * nothing here is persisted.
 */
import * as vscode from 'vscode';
import { analyzeHolders } from '../../core/holders/analyze';
import { readHolderSources } from '../../core/holders/index';
import type { HolderSources, HoldersReport, PolicyText, PrincipalKind, PrincipalSource } from '../../core/holders/model';
import type { Connection } from './connection';
import { ConnectionScopedRead } from './connectionScopedRead';
import { withDelayedProgress } from './progress';

export interface LoadedHolders {
  report: HoldersReport;
  sources: HolderSources;
}

export class HoldersState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when holders were read or dropped. */
  readonly onDidChange = this.changed.event;
  private readonly holders: ConnectionScopedRead<LoadedHolders>;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: Connection) {
    this.holders = new ConnectionScopedRead({ read: (signal) => this.read(signal), onChange: () => this.changed.fire() });
    this.subscription = connection.onDidChange(() => this.reset());
  }

  get current(): HoldersReport | undefined {
    return this.holders.current?.report;
  }

  /** What was read about a principal (its policies' texts), once the holders have been read. */
  principal(kind: PrincipalKind, arn: string): PrincipalSource | undefined {
    return this.holders.current?.sources.principals.find((p) => p.kind === kind && p.arn === arn);
  }

  /** The text of the policy a principal's grant names (by its label, as the report's statements do). */
  policy(kind: PrincipalKind, arn: string, label: string): PolicyText | undefined {
    const principal = this.principal(kind, arn);
    return [...(principal?.policies ?? []), ...(principal?.boundary ? [principal.boundary] : [])].find((p) => p.label === label);
  }

  /** Reads and evaluates the holders (once per connection; `reset` reads them again next time). */
  load(): Promise<LoadedHolders> {
    return this.holders.load();
  }

  /** Drops what was read and stops a read in flight; the next `load` reads again. */
  reset(): void {
    this.holders.reset();
  }

  dispose(): void {
    this.holders.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async read(signal: AbortSignal): Promise<LoadedHolders> {
    const active = this.connection.active;
    if (!active) throw new Error('Not connected');
    return withDelayedProgress({ title: 'RootGuard: who can open root sessions', signal }, async (progress, cancellable) => {
      progress.report({ message: `reading the IAM and IAM Identity Center of ${active.label}` });
      const sources = await readHolderSources(active.clients, { signal: cancellable });
      progress.report({ message: `evaluating ${sources.principals.length} principals` });
      return { sources, report: analyzeHolders(sources) };
    });
  }
}
