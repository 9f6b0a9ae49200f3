/**
 * The preflight the explorer shows: which root tasks the organization's SCPs and RCPs let work in which
 * account, read once per connection (and again after a refresh) with the caller's own credentials, from the
 * organization listing the tree shares. The reading shows in the view's progress bar, and in a notification
 * with Cancel when it takes long; a connection change or a refresh aborts it. Nothing is persisted.
 */
import * as vscode from 'vscode';
import { isAbortError } from '../../core/aws/errors';
import { type OrgPolicies, type Preflight, type TaskPrediction, preflightOrganization } from '../../core/preflight';
import type { Log } from '../log';
import type { Connection } from './connection';
import type { OrgModel } from './orgModel';
import type { AccountPreflight } from './preflightPresentation';
import { withDelayedProgress } from './progress';
import { EXPLORER_VIEW_ID } from './viewId';

/** Reading policies is a few calls per policy: a notification only when it outlasts the view's progress bar. */
const NOTIFICATION_DELAY_MS = 1500;

type Status = { state: 'idle' | 'loading' | 'cancelled' } | { state: 'ready'; preflight: Preflight; policies: OrgPolicies } | { state: 'failed'; reason: string };

export class PreflightState implements vscode.Disposable {
  private status: Status = { state: 'idle' };
  private run: { controller: AbortController; done: Promise<Preflight | undefined> } | undefined;
  private byAccount = new Map<string, TaskPrediction[]>();
  private notPredicted = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a prediction starts, arrives, fails or is dropped: account rows repaint. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: Connection,
    private readonly model: OrgModel,
    private readonly log: Log,
  ) {
    this.subscription = connection.onDidChange(() => this.reset());
  }

  /** The prediction once read; undefined while loading, after a failure or a cancel. */
  get current(): Preflight | undefined {
    return this.status.state === 'ready' ? this.status.preflight : undefined;
  }

  /** The SCPs and RCPs the prediction was made from, with their text and targets; undefined without a prediction. */
  get policies(): OrgPolicies | undefined {
    return this.status.state === 'ready' ? this.status.policies : undefined;
  }

  /** Why there is no prediction: the failure, or that it was cancelled; undefined when there is one or it is loading. */
  get unavailableReason(): string | undefined {
    if (this.status.state === 'failed') return this.status.reason;
    if (this.status.state === 'cancelled') return 'reading the SCPs and RCPs was cancelled';
    return undefined;
  }

  /** The account's predictions, one per task (empty for an account that was not predicted). */
  predictions(accountId: string): readonly TaskPrediction[] {
    return this.byAccount.get(accountId) ?? [];
  }

  account(accountId: string): AccountPreflight {
    const { status } = this;
    if (status.state !== 'ready') return status;
    const { readAt, types } = status.preflight;
    return { state: 'ready', predictions: this.predictions(accountId), notPredicted: this.notPredicted.get(accountId), readAt, types };
  }

  /**
   * Reads the policies and predicts, once per connection or refresh: later calls share the run, and a run
   * that failed or was cancelled stays so until `reset`. Resolves undefined when no prediction came of it.
   */
  load(): Promise<Preflight | undefined> {
    if (this.run) return this.run.done;
    if (this.status.state !== 'idle') return Promise.resolve(this.current);
    const controller = new AbortController();
    const done = this.read(controller).then(
      ({ preflight, policies }) => {
        if (this.run?.controller !== controller) return undefined; // overtaken by a reset
        this.run = undefined;
        this.index(preflight);
        this.set({ state: 'ready', preflight, policies });
        const blocked = preflight.predictions.filter((p) => p.result === 'blocked').length;
        this.log.info(`preflight: ${preflight.predictions.length} predictions from the SCPs and RCPs read at ${preflight.readAt}, ${blocked} blocked`);
        return preflight;
      },
      (err: unknown) => {
        if (this.run?.controller !== controller) return undefined;
        this.run = undefined;
        if (isAbortError(err)) {
          this.set({ state: 'cancelled' });
          return undefined;
        }
        this.log.warn('preflight: the organization’s SCPs and RCPs could not be read:', err);
        this.set({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
        return undefined;
      },
    );
    this.run = { controller, done };
    this.set({ state: 'loading' });
    void vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () => done);
    return done;
  }

  /** Drops the prediction (a refresh, another connection); the next `load` reads again. */
  reset(): void {
    this.run?.controller.abort();
    this.run = undefined;
    this.byAccount = new Map();
    this.notPredicted = new Map();
    if (this.status.state !== 'idle') this.set({ state: 'idle' });
  }

  dispose(): void {
    this.run?.controller.abort();
    this.run = undefined;
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async read(controller: AbortController): Promise<{ preflight: Preflight; policies: OrgPolicies }> {
    const active = this.connection.active;
    if (!active) throw new Error('Not connected');
    const { preflight, policies } = await withDelayedProgress(
      { title: 'RootGuard: predicting root tasks from the organization’s SCPs and RCPs', signal: controller.signal, delayMs: NOTIFICATION_DELAY_MS },
      (_progress, signal) => preflightOrganization(active.clients, { signal, listOrganization: (s) => untilAborted(this.model.snapshot(), s) }),
    );
    return { preflight, policies };
  }

  private index(preflight: Preflight): void {
    for (const p of preflight.predictions) {
      const list = this.byAccount.get(p.accountId);
      if (list) list.push(p);
      else this.byAccount.set(p.accountId, [p]);
    }
    for (const n of preflight.notPredicted) this.notPredicted.set(n.accountId, n.reason);
  }

  private set(status: Status): void {
    this.status = status;
    this.changed.fire();
  }
}

/**
 * The tree's shared listing, given up on (not aborted: the tree and the audits use it too) when the
 * preflight is cancelled.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
