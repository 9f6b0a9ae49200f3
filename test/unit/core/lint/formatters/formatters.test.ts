import assert from 'node:assert/strict';
import path from 'node:path';
import { formatJson } from '../../../../../src/core/lint/formatters/json';
import { formatSarif, SARIF_SCHEMA } from '../../../../../src/core/lint/formatters/sarif';
import { formatStylish } from '../../../../../src/core/lint/formatters/stylish';
import { shownMessage } from '../../../../../src/core/lint/formatters/summary';
import { type LintResult, lintFiles } from '../../../../../src/core/lint/linter';
import { RULES } from '../../../../../src/core/lint/rules';
import { DOCUMENT_RULES } from '../../../../../src/core/lint/rules/documentRules';

const rootDir = path.resolve('/repo');
const policy = '{\n  "Statement": [\n    { "Effect": "allow", "Action": "s3:GetObjet", "Resource": "*" }\n  ]\n}';
const results: LintResult[] = lintFiles(
  [
    { path: path.join(rootDir, 'policies/my policy.json'), text: policy, type: 'identity' },
    { path: path.join(rootDir, 'clean.json'), text: '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}', type: 'identity' },
  ],
  // Only the document rules, so that rules added later cannot change the counts pinned here.
  { severities: { RG009: 'info' }, rules: DOCUMENT_RULES },
);

describe('formatters', () => {
  it('the results under test have an error, a warning and an info', () => {
    assert.deepEqual(results[0].findings.map((f) => `${f.ruleId}:${f.severity}`), ['RG003:warning', 'RG002:error', 'RG009:info']);
    assert.deepEqual(results[1].findings, []);
  });

  describe('stylish', () => {
    it('groups by file with aligned positions and ends with the counts', () => {
      const lines = formatStylish(results, { rootDir }).split('\n');
      assert.equal(lines[0], 'policies/my policy.json');
      assert.match(lines[1], /^ {2}1:1 {3}warning {2}The policy has no Version.* {2}RG003$/);
      assert.match(lines[2], /^ {2}3:17 {2}error {4}Effect is case-sensitive.* {2}RG002$/);
      assert.match(lines[3], /^ {2}3:36 {2}info {5}Action "s3:GetObjet".* {2}RG009$/);
      assert.ok(!lines.some((l) => l.includes('clean.json')), 'clean files are not listed');
      assert.equal(lines.at(-2), '✖ 3 problems (1 error, 1 warning, 1 info)');
    });

    it('prints nothing for clean results', () => {
      assert.equal(formatStylish([results[1]], { rootDir }), '');
    });
  });

  describe('json', () => {
    it('lists each file with counts and 1-based positions', () => {
      const [file, clean] = JSON.parse(formatJson(results, { rootDir }));
      assert.equal(file.filePath, 'policies/my policy.json');
      assert.deepEqual([file.errorCount, file.warningCount, file.infoCount], [1, 1, 1]);
      assert.deepEqual(file.messages[1], {
        ruleId: 'RG002',
        severity: 'error',
        message: 'Effect is case-sensitive: write "Allow".',
        line: 3,
        column: 17,
        endLine: 3,
        endColumn: 24,
        fixes: ['Write "Allow"'],
      });
      assert.deepEqual(clean.messages, []);
    });
  });

  describe('sarif', () => {
    const sarif = JSON.parse(
      formatSarif(results, {
        rules: RULES,
        version: '1.2.3',
        rootDir,
        docsBaseUri: 'https://example.com/rootguard/blob/main/',
        informationUri: 'https://example.com/rootguard',
        notifications: [
          { path: path.join(rootDir, 'unreadable.json'), message: 'EACCES: permission denied', level: 'error' },
          { path: path.join(rootDir, 'package.json'), message: 'skipped, not a policy', level: 'note' },
        ],
      }),
    );
    const run = sarif.runs[0];

    it('is a 2.1.0 log with one run and the tool', () => {
      assert.equal(sarif.$schema, SARIF_SCHEMA);
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs.length, 1);
      assert.deepEqual([run.tool.driver.name, run.tool.driver.version, run.tool.driver.informationUri], ['RootGuard', '1.2.3', 'https://example.com/rootguard']);
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${new URL(`file://${rootDir.split(path.sep).join('/')}`).href}/`);
    });

    it('describes every rule with a valid help URI and default level', () => {
      const rules = run.tool.driver.rules;
      assert.equal(rules.length, RULES.length);
      for (const rule of rules) {
        assert.match(rule.id, /^RG\d{3}$/);
        assert.ok(rule.name && rule.shortDescription.text && rule.fullDescription.text, rule.id);
        assert.equal(new URL(rule.helpUri).href, `https://example.com/rootguard/blob/main/docs/rules/${rule.id}.md`);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
    });

    it('gives each finding its rule index, level, relative URI and 1-based region', () => {
      assert.equal(run.results.length, 3);
      const [first, second, third] = run.results;
      assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'RG003');
      assert.deepEqual([first.level, second.level, third.level], ['warning', 'error', 'note']);
      const location = second.locations[0].physicalLocation;
      assert.deepEqual(location.artifactLocation, { uri: 'policies/my%20policy.json', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(location.region, { startLine: 3, startColumn: 17, endLine: 3, endColumn: 24 });
      assert.equal(second.message.text, 'Effect is case-sensitive: write "Allow".');
    });

    it('writes a rule page as help, and no link without a base', () => {
      const page = '# RG003 version\n\n**Default severity:** warning\n\nWrite `"Version": "2012-10-17"`.\n\n```json\n{}\n```\n';
      const log = JSON.parse(formatSarif(results, { rules: RULES, version: '1', rootDir, ruleHelp: (id) => (id === 'RG003' ? page : undefined) }));
      const [rule] = log.runs[0].tool.driver.rules.filter((r: { id: string }) => r.id === 'RG003');
      assert.deepEqual(rule.help, { markdown: page, text: 'RG003 version\n\nDefault severity: warning\n\nWrite "Version": "2012-10-17".\n\n{}\n' });
      assert.equal(rule.helpUri, undefined);
      assert.equal(log.runs[0].tool.driver.informationUri, undefined);
      assert.equal(log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'RG001').help, undefined);
    });

    it('reports unreadable files as error notifications of an unsuccessful run, skipped ones as notes', () => {
      const [invocation] = run.invocations;
      assert.equal(invocation.executionSuccessful, false);
      const described = invocation.toolExecutionNotifications.map((n: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [n.level, n.locations[0].physicalLocation.artifactLocation.uri]);
      assert.deepEqual(described, [['error', 'unreadable.json'], ['note', 'package.json']]);
      assert.equal(run.columnKind, 'utf16CodeUnits');
    });

    it('reports a configuration that cannot be used as a configuration notification of an unsuccessful run', () => {
      const log = JSON.parse(
        formatSarif(results, {
          rules: RULES,
          version: '1',
          rootDir,
          notifications: [{ path: path.join(rootDir, 'package.json'), message: 'skipped', level: 'note' }],
          configurationNotifications: [{ path: path.join(rootDir, '.rootguard.json'), message: 'invalid configuration: invalid JSON', level: 'error' }],
        }),
      );
      const [invocation] = log.runs[0].invocations;
      assert.equal(invocation.executionSuccessful, false);
      assert.deepEqual(invocation.toolConfigurationNotifications, [
        { level: 'error', message: { text: 'invalid configuration: invalid JSON' }, locations: [{ physicalLocation: { artifactLocation: { uri: '.rootguard.json', uriBaseId: '%SRCROOT%' } } }] },
      ]);
      assert.deepEqual(invocation.toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text), ['skipped']);
    });

    describe("places paths by the platform's rules", () => {
      /** Where each file lands, as its notification's artifact location, and the %SRCROOT% the run gives. */
      const placed = (paths: typeof path, root: string, files: string[]) => {
        const notifications = files.map((file) => ({ path: file, message: 'skipped', level: 'note' as const }));
        const [log] = JSON.parse(formatSarif([], { rules: RULES, version: '1', rootDir: root, notifications, paths })).runs;
        const locations = log.invocations[0].toolExecutionNotifications.map((n: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => n.locations[0].physicalLocation.artifactLocation);
        return { root: log.originalUriBaseIds['%SRCROOT%'].uri, locations };
      };

      it('on Linux and macOS, a name with a letter and a colon is a file, not a drive, and a backslash a character', () => {
        assert.deepEqual(placed(path.posix, '/re\\po', ['/re\\po/c:x/p.json', '/re\\po/d:p.json', '/c:/p.json', '/elsewhere/a\\b.json']), {
          root: 'file:///re%5Cpo/',
          locations: [
            { uri: 'c%3Ax/p.json', uriBaseId: '%SRCROOT%' },
            { uri: 'd%3Ap.json', uriBaseId: '%SRCROOT%' },
            { uri: 'file:///c%3A/p.json' },
            { uri: 'file:///elsewhere/a%5Cb.json' },
          ],
        });
      });

      it("on Linux and macOS, a finding in folder c:x is at its line and column in the file relative to the root", () => {
        const linted = lintFiles([{ path: '/repo/c:x/p.json', text: policy, type: 'identity' }], { rules: DOCUMENT_RULES });
        const [log] = JSON.parse(formatSarif(linted, { rules: RULES, version: '1', rootDir: '/repo', paths: path.posix })).runs;
        const effect = log.results.find((r: { ruleId: string }) => r.ruleId === 'RG002');
        assert.deepEqual(effect.locations[0].physicalLocation, {
          artifactLocation: { uri: 'c%3Ax/p.json', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 17, endLine: 3, endColumn: 24 },
        });
      });

      it('on Windows, a path inside the root is relative to it, one on another drive a file: URI with its drive', () => {
        assert.deepEqual(placed(path.win32, 'C:\\repo', ['C:\\repo\\infra\\p.json', 'D:\\other dir\\p.json']), {
          root: 'file:///C:/repo/',
          locations: [{ uri: 'infra/p.json', uriBaseId: '%SRCROOT%' }, { uri: 'file:///D:/other%20dir/p.json' }],
        });
      });
    });

    it('a run that only skipped files that hold no policy is successful', () => {
      const skippedOnly = JSON.parse(formatSarif(results, { rules: RULES, version: '1', rootDir, notifications: [{ path: path.join(rootDir, 'package.json'), message: 'skipped', level: 'note' }] }));
      assert.equal(skippedOnly.runs[0].invocations[0].executionSuccessful, true);
    });
  });

  describe('text from the policy file in messages', () => {
    // A Sid holding a right-to-left override reverses the rest of the message wherever it is shown (a GitHub alert).
    const hostile = lintFiles([{ path: path.join(rootDir, 'bidi.json'), text: '{"Version": "2012-10-17", "Statement": {"Sid": "Deny\\u202eyrev Café東京", "Effect": "Deny", "Action": "*", "Resource": "*"}}', type: 'identity' }], {
      rules: DOCUMENT_RULES,
    });
    const shown = 'Sid "Deny\\u{202e}yrev Café東京" has "\\u{202e}", spaces, "é", "東" and "京"; IAM policies accept only letters A-Z, a-z and digits 0-9 in a Sid, and AWS rejects the policy. Write "DenyYrevCaf".';

    it('SARIF and JSON show controls and bidirectional characters as the terminal does, other text as written', () => {
      const sarif = JSON.parse(formatSarif(hostile, { rules: RULES, version: '1', rootDir }));
      assert.deepEqual(sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text), [shown]);
      const [file] = JSON.parse(formatJson(hostile, { rootDir }));
      assert.deepEqual(file.messages.map((m: { message: string }) => m.message), [shown]);
    });

    it("the editor's Problems panel (shownMessage, as toDiagnostic uses it) shows them as the CLI does, construct names too", () => {
      const [finding] = hostile[0].findings;
      assert.equal(shownMessage(finding), shown);
      assert.equal(shownMessage({ ...finding, definedIn: 'Resources.Rôle\u202eeloR.Policies[0]' }), `Resources.Rôle\\u{202e}eloR.Policies[0]: ${shown}`);
    });
  });
});
