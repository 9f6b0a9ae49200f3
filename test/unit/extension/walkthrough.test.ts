// The Getting Started walkthrough is hand-written JSON in package.json; these checks keep its buttons and
// completion events pointing at commands, views and settings that exist, and its media shipped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const contributes = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes;

interface Step {
  id: string;
  description: string;
  media: { markdown?: string; image?: string; svg?: string };
  completionEvents?: string[];
}

const steps: Step[] = contributes.walkthroughs.flatMap((w: { steps: Step[] }) => w.steps);
const commands = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));
const views = new Set<string>(Object.values(contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id));
const containers = new Set<string>(contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id));
const settings = new Set<string>(Object.keys(contributes.configuration.properties));
/** Context keys the extension sets: `setContext('rootguard.x', …)` or a `setContext` helper called with the key. */
const contextKeysSet = new Set<string>(
  fs
    .readdirSync(path.join(root, 'src', 'extension'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...fs.readFileSync(path.join(root, 'src', 'extension', file), 'utf8').matchAll(/(?:setContext|once)\(\s*'(rootguard\.[\w.]+)'/g)].map((m) => m[1])),
);

describe('Getting Started walkthrough', () => {
  it('walks through connect, the tree, an audit, linting and the safety settings', () => {
    assert.deepEqual(steps.map((s) => s.id), ['connect', 'readTree', 'audit', 'lint', 'safety']);
  });

  it('has buttons only for commands RootGuard declares, or workbench commands', () => {
    for (const step of steps) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${step.id} has no button`);
      for (const id of links) {
        if (id === 'workbench.view.extension.rootguard') assert.ok(containers.has('rootguard'));
        else assert.ok(commands.has(id) || id.startsWith('workbench.action.'), `${step.id}: unknown command ${id}`);
      }
    }
  });

  it('completes on events about things that exist', () => {
    for (const step of steps) {
      for (const event of step.completionEvents ?? []) {
        const [kind, target] = event.split(':');
        if (kind === 'onCommand') assert.ok(commands.has(target), `${step.id}: ${event}`);
        else if (kind === 'onView') assert.ok(views.has(target), `${step.id}: ${event}`);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(target), `${step.id}: ${event}`);
        else if (kind === 'onContext') assert.ok(contextKeysSet.has(target), `${step.id}: ${event} is a context key RootGuard never sets`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it('completes connect, the tree and the audit however the user did them: from the view too, not only from its links', () => {
    const events = (id: string) => steps.find((s) => s.id === id)?.completionEvents ?? [];
    assert.ok(events('connect').includes('onContext:rootguard.connected'), 'connecting from the view or a restored profile');
    assert.ok(events('readTree').includes('onContext:rootguard.explorer.expanded'), 'expanding a node of the tree');
    assert.ok(events('audit').includes('onContext:rootguard.audited'), 'an audit from a row or the title bar');
  });

  it('has media files that exist and mention only declared settings', () => {
    for (const step of steps) {
      const file = step.media.markdown ?? step.media.image ?? step.media.svg;
      assert.ok(file && fs.existsSync(path.join(root, file)), `${step.id}: missing media ${file}`);
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      // `rootguard.x.y` in backticks is a setting (or a whole group, `rootguard.connection.*`).
      for (const [, setting, group] of text.matchAll(/`(rootguard\.[\w.]+?)(\.\*)?`/g)) {
        const declared = group ? [...settings].some((name) => name.startsWith(`${setting}.`)) : settings.has(setting) || commands.has(setting);
        assert.ok(declared, `${step.id}: ${file} mentions ${setting}${group ?? ''}, which package.json does not declare`);
      }
    }
  });
});
