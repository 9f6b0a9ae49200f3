// A VS Code window for one e2e suite: a fresh copy of a fixtures folder opened in the shared code-server,
// with RootGuard loaded from the development path, and the clicks a user makes, as helpers.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { workbenchUrl } from '../../harness/workbench';
import { copyFixtureWorkspace, type WorkspaceCopy } from '../../harness/workspaceCopy';
import { describeWorkbench } from './diagnose';
import { Editor } from './editor';
import { Problems } from './problems';
import { screenshotFile } from './screenshots';
import { shared } from './shared';

/** Long enough for a cold extension host on a busy 2-core CI machine. */
export const UI_TIMEOUT_MS = 30_000;

/** RootGuard's entry in the activity bar. */
export const ROOTGUARD_ACTIVITY = '.activitybar .action-item a[aria-label^="RootGuard"]';

export interface WorkbenchOptions {
  /** Folder under test/fixtures to open (copied first). Default: "workspace". */
  fixture?: string;
}

export class Workbench {
  readonly editor: Editor;
  readonly problems: Problems;

  constructor(
    readonly page: Page,
    private readonly workspace: WorkspaceCopy,
  ) {
    this.editor = new Editor(page);
    this.problems = new Problems(page);
  }

  /** The workspace copy on disk, to check what a fix or a save wrote. */
  get workspaceDir(): string {
    return this.workspace.dir;
  }

  readWorkspaceFile(relativePath: string): string {
    return fs.readFileSync(path.join(this.workspace.dir, relativePath), 'utf8');
  }

  /** Opens a workspace file the way a user does: Quick Open (Ctrl+P), type the path, Enter. */
  async openFile(relativePath: string): Promise<void> {
    await this.quickInput('Control+P', relativePath);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) }).first();
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: path.basename(relativePath) }).waitFor({ timeout: UI_TIMEOUT_MS });
    await this.editor.focus();
  }

  /**
   * Runs a command from the Command Palette (F1) by its title, e.g. "RootGuard: Show Log"; `asks` for one
   * that opens a quick pick of its own, which the caller waits for.
   * The palette lists the commands registered when it opens and never refreshes that list. In a window
   * that just loaded, RootGuard's activity bar icon is drawn from the previous window's cached state before
   * the extension host has registered RootGuard's commands; a palette opened then shows only "similar
   * commands" for as long as it stays open. So, as a user would, close it and open it again until it lists
   * the command.
   */
  async runCommand(title: string, then: 'closes' | 'asks' = 'closes'): Promise<void> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    // Enter runs the focused row, and the list moves focus to the first match only after it filters.
    const focused = this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first();
    const notListed = this.page.locator('.quick-input-list .monaco-list-row', { hasText: 'similar commands' }).or(this.page.locator('.quick-input-message', { hasText: /no matching/i }));
    for (;;) {
      await this.quickInput('F1', `>${title}`);
      await focused.or(notListed).first().waitFor({ timeout: Math.max(1, deadline - Date.now()) });
      if (await focused.isVisible()) break;
      if (Date.now() >= deadline) throw new Error(`the Command Palette does not list "${title}"`);
      await this.page.keyboard.press('Escape');
      await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    }
    await this.page.keyboard.press('Enter');
    // A command that asks may open its own quick input before the palette's is seen hidden: its caller
    // waits for that one instead.
    if (then === 'closes') await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /** The notification toast containing `text`, once it is shown. */
  async waitForNotification(text: string | RegExp): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.waitFor({ timeout: UI_TIMEOUT_MS });
    return toast;
  }

  /**
   * Saves a PNG of the whole window as <name>.png in this run's screenshot folder (printed at the start,
   * test-results/screenshots/<time>-<target>-…/) and prints its path.
   * CSS animations (hover fade-in, toast slide-in) are finished first, so nothing is caught half-drawn.
   */
  async screenshot(name: string): Promise<string> {
    const file = screenshotFile(name);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    return file;
  }

  async close(): Promise<void> {
    await this.page.close();
    this.workspace.remove();
  }

  private async quickInput(key: string, text: string): Promise<void> {
    await this.page.keyboard.press(key);
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill(text);
  }
}

/**
 * Opens a workbench for the enclosing `describe`: a fresh workspace copy and a new page before its
 * tests, closed after them (a screenshot named after the failing test is kept when one fails).
 *
 *   describe('lint in the editor', () => {
 *     const workbench = useWorkbench();
 *     it('…', async () => { await workbench().openFile('unscoped-assume-root.json'); … });
 *   });
 */
export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let current: Workbench | undefined;

  before(async function () {
    // Each step below waits on its own state for up to UI_TIMEOUT_MS; the hook's bound only catches a hang.
    this.timeout(6 * UI_TIMEOUT_MS);
    const { session, browser, extensionDevelopmentPath } = shared();
    const workspace = copyFixtureWorkspace(options.fixture);
    const page = await browser.context.newPage();
    page.on('pageerror', (err) => process.env.VERBOSE && console.log(`[workbench pageerror] ${err.message}`));
    // Not the page's load event (every script, font and image of the workbench, slow on a busy machine):
    // the workbench's own parts, waited for below, are the state the tests need.
    await page.goto(workbenchUrl(session.server, { folder: workspace.dir, extensionDevelopmentPath }), { waitUntil: 'commit', timeout: UI_TIMEOUT_MS });
    current = new Workbench(page, workspace);
    await waitForWorkbench(page);
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && current) {
      // Mocha prints failures after the run, so the workbench's state still reaches the report.
      const seen = await describeWorkbench(current.page).catch((err: Error) => `(could not read the workbench: ${err.message})`);
      const err = (test as Mocha.Test & { err?: Error }).err;
      if (err) err.message = `${err.message}\n\nThe workbench showed:\n${seen}`;
      await current.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await current?.close();
    current = undefined;
  });

  return () => {
    if (!current) throw new Error('the workbench is not open yet: call it inside it()/before(), not while defining the suite');
    return current;
  };
}

/**
 * The workbench is usable once the explorer shows the workspace folder (the remote connection is up),
 * RootGuard's activity bar entry is drawn, and the workbench has created its Restored-phase contributions.
 *
 * That last step matters and comes seconds after the Restored phase itself on a busy machine: VS Code
 * creates those contributions in idle callbacks, a few per idle period. One of them registers extensions'
 * log output channels, and until it exists the workbench knows no extension's log; a test that runs
 * RootGuard's commands before then sees a different workbench from a user's. The workbench's lifecycle marks
 * it in the page's performance timeline: "code/didCreateWorkbenchContributions/3" (3 = Restored), in both
 * VS Code versions under test.
 */
async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('treeitem').first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator(ROOTGUARD_ACTIVITY).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.waitForFunction(() => performance.getEntriesByName('code/didCreateWorkbenchContributions/3', 'mark').length > 0, undefined, { timeout: UI_TIMEOUT_MS });
}
