// `npm run demo` as a new user runs it: started the way the README says, it prints a URL; that workbench
// shows the sandbox organization in the Root Access view (screenshot); Ctrl+C (SIGINT to its process
// group, as a terminal sends it) stops it, and no process it started is left, nor its temp folder.
import { spawn, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { vscodeTarget } from '../harness/vscodeTarget';
import { screenshotFile } from './framework/screenshots';
import { shared } from './framework/shared';
import { widenSidebar } from './framework/sidebar';
import { expandRow, treeRow } from './framework/tree';
import { waitForText } from './framework/text';
import { ROOTGUARD_ACTIVITY, UI_TIMEOUT_MS } from './framework/workbench';

/** Build, sandbox and code-server start; code-server is already installed by the root hooks. */
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
/** Wide enough for an account's status (`password · 2 keys · 1 cert · MFA`) without an ellipsis. */
const SIDEBAR_WIDTH = 600;

// `npm run demo` always serves the minimum VS Code (scripts/demo.ts), so it is tested in that target's run only.
const describeDemo = vscodeTarget().name === 'minimum' ? describe : describe.skip;

describeDemo('npm run demo', function () {
  this.timeout(READY_TIMEOUT_MS + 2 * 60_000);
  let demo: ChildProcess;
  let url: string;
  let output = '';
  let page: Page;

  before(async () => {
    // --web: the browser workbench even where a desktop `code` exists, so this test can drive it.
    demo = spawn('npm', ['run', 'demo', '--', '--web'], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    demo.stderr!.on('data', (chunk) => (output += chunk));
    url = await readyUrl(demo, (line) => (output += `${line}\n`));
    page = await shared().browser.context.newPage();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page && !page.isClosed()) {
      await page.screenshot({ path: screenshotFile(`FAILED-demo-${this.currentTest.title}`) }).catch(() => undefined);
    }
  });

  after(async () => {
    await page?.close();
    if (demo.exitCode === null && demo.signalCode === null) process.kill(-demo.pid!, 'SIGKILL'); // a failed test must not leave it running
  });

  it('prints the workbench URL on 127.0.0.1 and what to do next', () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
    assert.match(output, /sandbox organization at http:\/\/127\.0\.0\.1:\d+: 60 accounts/);
    assert.match(output, /Root Access icon/);
  });

  it('serves a workbench whose Root Access view shows the sandbox organization', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url);
    await page.locator(ROOTGUARD_ACTIVITY).click({ timeout: UI_TIMEOUT_MS });
    await treeRow(page, /^Organization o-/).waitFor({ timeout: UI_TIMEOUT_MS });
    await treeRow(page, 'management').waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForText(page.locator('.statusbar'), /rootguard-sandbox/);
    await widenSidebar(page, SIDEBAR_WIDTH);
    // Audit everything so that the screenshot shows the credential states, not "not audited".
    await page.locator('.part.sidebar .title-actions .action-label[aria-label="Audit Root Credentials in Organization"], .part.sidebar .pane-header .action-label[aria-label="Audit Root Credentials in Organization"]').first().click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /audited \d+ accounts/ }).waitFor({ timeout: 2 * UI_TIMEOUT_MS });
    await expandRow(page, 'Workloads');
    const tree = page.locator('.part.sidebar');
    await waitForText(tree, /member-\d{4}[\s\S]*\d{12} · (password|no root credentials)/);
    await page.keyboard.press('Escape'); // dismiss the notification
    await page.mouse.move(1, 450);
    const file = screenshotFile('demo-explorer');
    await page.screenshot({ path: file, animations: 'disabled' });
    console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
  });

  it('stops on Ctrl+C and leaves no process or temp folder behind', async () => {
    const started = descendants(demo.pid!);
    assert.ok(started.length >= 4, `expected npm, the demo and code-server's processes; saw ${started.length}`);
    const workspace = new URL(url).searchParams.get('folder')!;
    assert.ok(fs.existsSync(workspace));
    await page.close();

    const exited = new Promise<void>((resolve) => demo.once('exit', () => resolve()));
    process.kill(-demo.pid!, 'SIGINT');
    await withTimeout(exited, STOP_TIMEOUT_MS, 'the demo did not exit after SIGINT');
    assert.deepEqual(started.filter(isAlive).map((p) => `${p.pid} ${p.command}`), []);
    assert.ok(!fs.existsSync(path.dirname(workspace)), `${path.dirname(workspace)} was not removed`);
    await assert.rejects(fetch(new URL(url).origin), 'the workbench still answers');
  });
});

/** Reads the demo's stdout until "DEMO_READY <url>"; rejects with its output when it exits first. */
function readyUrl(demo: ChildProcess, onLine: (line: string) => void): Promise<string> {
  return withTimeout(
    new Promise<string>((resolve, reject) => {
      createInterface({ input: demo.stdout! }).on('line', (line) => {
        onLine(line);
        const ready = /^DEMO_READY (\S+)/.exec(line);
        if (ready) resolve(ready[1]);
      });
      demo.once('exit', (code) => reject(new Error(`npm run demo exited (${code}) before it was ready`)));
    }),
    READY_TIMEOUT_MS,
    'npm run demo did not print DEMO_READY',
  );
}

interface ProcessInfo {
  pid: number;
  /** Start time in clock ticks since boot: tells a live process from a new one that reused its pid. */
  startTime: string;
  command: string;
}

/** `root` and every process below it, from /proc (ppid links survive setsid, so detached groups are included). */
function descendants(root: number): ProcessInfo[] {
  const all = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((name) => {
    const info = readStat(Number(name));
    return info ? [info] : [];
  });
  const found = new Map<number, ProcessInfo & { ppid: number }>();
  const rootInfo = all.find((p) => p.pid === root);
  if (rootInfo) found.set(root, rootInfo);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...found.values()];
}

function readStat(pid: number): (ProcessInfo & { ppid: number; state: string }) | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may contain spaces; the fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim().slice(0, 120);
    return { pid, ppid: Number(fields[1]), state: fields[0], startTime: fields[19], command };
  } catch {
    return undefined; // it exited while we read
  }
}

function isAlive(p: ProcessInfo): boolean {
  const now = readStat(p.pid);
  return now !== undefined && now.startTime === p.startTime && now.state !== 'Z';
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
