/**
 * A status-bar countdown while any root session is open: the time left of the one that ends first and how
 * many are open. Hidden otherwise. Knows only access key ids and expiry times, never credentials.
 */
import * as vscode from 'vscode';
import type { SessionEvent } from '../../core/root/taskRun';

const TICK_MS = 1000;

export class SessionCountdown implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rootguard.rootSession', vscode.StatusBarAlignment.Left, 49);
  private readonly open = new Map<string, SessionEvent>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {
    this.item.name = 'RootGuard Root Session';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  /** Feed it every `onSession` event of a task run. */
  readonly onSession = (event: SessionEvent): void => {
    if (event.open) this.open.set(event.sessionAccessKeyId, event);
    else this.open.delete(event.sessionAccessKeyId);
    this.render();
  };

  /** The sessions open now, for the integration tests. */
  openSessions(): SessionEvent[] {
    return [...this.open.values()];
  }

  /** The status bar text, or undefined while no session is open. */
  get text(): string | undefined {
    return this.open.size ? this.item.text : undefined;
  }

  private render(): void {
    if (this.open.size === 0) {
      this.stopTicking();
      this.item.hide();
      return;
    }
    const ends = [...this.open.values()].map((e) => e.expiresAt?.getTime()).filter((t): t is number => t !== undefined);
    const left = ends.length ? Math.max(0, Math.min(...ends) - this.now()) : undefined;
    const count = this.open.size > 1 ? ` · ${this.open.size} open` : '';
    this.item.text = `$(watch) Root session ${left === undefined ? 'open' : formatClock(left)}${count}`;
    this.item.tooltip = `Root sessions open in ${[...this.open.values()].map((e) => e.accountId).join(', ')}; each ends when its task does, or at its expiry.`;
    this.item.show();
    this.timer ??= setInterval(() => this.render(), TICK_MS);
  }

  private stopTicking(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stopTicking();
    this.item.dispose();
  }
}

/** `4:05` for 245 s. */
export function formatClock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
