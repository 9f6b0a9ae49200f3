import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runLint } from '../../../src/cli/lintCommand';
import { realPageUrl, ruleHelpReader } from '../../../src/cli/ruleHelp';
import { RULES } from '../../../src/core/lint/rules';

const FIXTURES = path.resolve(__dirname, '../../fixtures/policies');
const RULE_PAGES = path.resolve(__dirname, '../../../docs/rules');

describe('rule help in SARIF', () => {
  it('puts every rule page into the log as help (Markdown and text), so code scanning needs no link', async () => {
    let stdout = '';
    await runLint(['--format', 'sarif', '.'], { cwd: FIXTURES, stdout: (t) => (stdout += t), stderr: () => undefined });
    const driver = JSON.parse(stdout).runs[0].tool.driver;
    assert.equal(driver.rules.length, RULES.length);
    for (const rule of driver.rules as Array<{ id: string; help?: { text: string; markdown: string }; helpUri?: string }>) {
      assert.equal(rule.help?.markdown, fs.readFileSync(path.join(RULE_PAGES, `${rule.id}.md`), 'utf8'), rule.id);
      assert.ok(rule.help.text.startsWith(`${rule.id} `), `${rule.id}: the text drops the heading mark`);
      assert.match(rule.help.text, /^Default severity: /m, `${rule.id}: emphasis dropped`);
      assert.doesNotMatch(rule.help.text, /^```/m, `${rule.id}: code fences dropped`);
    }
    assert.doesNotMatch(stdout, /example\.invalid/, 'no link to the placeholder host of package.json');
  });

  it('reads pages from beside the bundle and from the sources, and nothing for other names', () => {
    const fromBundle = ruleHelpReader(path.resolve(__dirname, '../../../dist'));
    const fromSources = ruleHelpReader(path.resolve(__dirname, '../../../src/cli'));
    assert.match(fromBundle('RG007') ?? '', /^# RG007 policy-size/);
    assert.equal(fromSources('RG007'), fromBundle('RG007'));
    assert.equal(fromSources('../README'), undefined);
    assert.equal(fromSources('RG999'), undefined);
  });

  it('links only to pages on a real host', () => {
    assert.equal(realPageUrl('https://github.com/acme/rootguard'), 'https://github.com/acme/rootguard');
    for (const placeholder of ['https://example.invalid/rootguard', 'https://example.com/x', 'http://docs.test/', 'https://localhost/a', 'file:///tmp/x', 'not a url', undefined]) {
      assert.equal(realPageUrl(placeholder), undefined, String(placeholder));
    }
  });
});
