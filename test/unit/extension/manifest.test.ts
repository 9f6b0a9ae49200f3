import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../../../src/core/lint/rules';
import { COMMANDS, INTERNAL_COMMANDS } from '../../../src/extension/commands';
import { DEFAULT_LINT_INCLUDE, LINTED_DOCUMENTS } from '../../../src/extension/lint/selection';

// package.json is hand-written (fewer than 40 commands); these checks keep it in step with the code.
const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

describe('extension manifest', () => {
  it('declares exactly the commands the command table registers', () => {
    const declared = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, Object.keys(COMMANDS).sort());
  });

  it('hides internal commands from the palette, and only those', () => {
    const hidden = contributes.menus.commandPalette
      .filter((m: { when?: string }) => m.when === 'false')
      .map((m: { command: string }) => m.command)
      .sort();
    assert.deepEqual(hidden, [...INTERNAL_COMMANDS].sort());
  });

  it('names commands rootguard.<verb> and settings rootguard.<area>.<name>', () => {
    for (const id of Object.keys(COMMANDS)) assert.match(id, /^rootguard\.([a-z]+\.)?[a-z][A-Za-z0-9]+$/);
    // `rootguard.protectedAccounts` is named by the privileged-tasks issue (#6) and guards every task, hence top level.
    const topLevel = new Set(['rootguard.protectedAccounts']);
    for (const key of Object.keys(contributes.configuration.properties)) if (!topLevel.has(key)) assert.match(key, /^rootguard\.[a-z]+\.[a-z][A-Za-z0-9]+$/);
  });

  it('scopes the connection settings, the audit log path, the protected accounts and the root session length to the application, so a workspace cannot redirect or weaken them', () => {
    const properties = contributes.configuration.properties as Record<string, { scope?: string }>;
    const connection = Object.keys(properties).filter((key) => key.startsWith('rootguard.connection.'));
    assert.deepEqual(connection.sort(), ['rootguard.connection.endpoint', 'rootguard.connection.profile', 'rootguard.connection.region']);
    for (const key of [...connection, 'rootguard.tasks.auditLogPath', 'rootguard.protectedAccounts', 'rootguard.tasks.sessionSeconds', 'rootguard.audit.cacheMinutes', 'rootguard.audit.concurrency']) {
      assert.equal(properties[key].scope, 'application', key);
    }
  });

  it('declares the include default the code falls back to', () => {
    assert.deepEqual(contributes.configuration.properties['rootguard.lint.include'].default, DEFAULT_LINT_INCLUDE);
  });

  it('activates on every language the linter reads (plain text for .tf files without a Terraform extension), and supports untrusted workspaces', () => {
    const languages = [...new Set(LINTED_DOCUMENTS.map((filter) => filter.language))];
    assert.deepEqual(languages.filter((language) => !manifest.activationEvents.includes(`onLanguage:${language}`)), []);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  });

  it('points jsonValidation at schemas that exist and parse', () => {
    for (const { url } of contributes.jsonValidation) {
      const schema = JSON.parse(fs.readFileSync(path.join(root, url), 'utf8'));
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', url);
    }
  });

  it('has a documentation page for every rule', () => {
    const missing = RULES.map((r) => r.meta.id).filter((id) => !fs.existsSync(path.join(root, 'docs', 'rules', `${id}.md`)));
    assert.deepEqual(missing, []);
  });
});
