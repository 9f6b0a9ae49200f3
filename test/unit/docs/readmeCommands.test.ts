// The README's Commands table names every command package.json contributes, and nothing else.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The command ids in the table under "## Commands". */
function documentedCommands(): string[] {
  const section = /^## Commands\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  return [...section.matchAll(/`(rootguard\.[\w.]+)`/g)].map((m) => m[1]);
}

describe('README: Commands', () => {
  it('lists every command the extension contributes, and only those', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual([...new Set(documentedCommands())].sort(), contributed);
  });
});
