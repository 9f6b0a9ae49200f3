import assert from 'node:assert/strict';
import type { AccountAuditResult, OrgAccount, OrgUnit } from '../../../../src/core/org/model';
import { renderCsv, renderJson, renderMarkdown, renderTable } from '../../../../src/core/report/formats';
import { buildPostureReport } from '../../../../src/core/report/posture';
import { parseCsv } from '../../../support/csv';

const account = (id: string, name: string, parentId: string, extra: Partial<OrgAccount> = {}): OrgAccount => ({
  id, arn: `arn:aws:organizations::111111111111:account/o-x/${id}`, name, email: `${name}@example.com`, state: 'ACTIVE', parentId, isManagement: false, isDelegatedAdmin: false, ...extra,
});
const units: OrgUnit[] = [
  { id: 'ou-a', arn: '', name: 'Workloads', parentId: 'r-1' },
  { id: 'ou-b', arn: '', name: 'Prod, "EU"', parentId: 'ou-a' },
];
const accounts = [
  account('111111111111', 'management', 'r-1', { isManagement: true }),
  account('222222222222', 'app', 'ou-b'),
  account('333333333333', 'blocked', 'ou-a'),
  account('444444444444', 'pending', 'ou-a'),
];
const results: AccountAuditResult[] = [
  { kind: 'skipped', accountId: '111111111111', auditedAt: '2026-01-01T00:00:00.000Z', reason: 'management-account', detail: 'management' },
  {
    kind: 'ok', accountId: '222222222222', auditedAt: '2026-01-01T00:00:01.000Z', sessionAccessKeyId: 'ASIAEXAMPLE',
    status: {
      password: { present: true, lastUsedAt: '2025-06-01T00:00:00.000Z' },
      accessKeys: [
        { id: 'AKIA1', status: 'Active', lastUsedAt: '2025-05-01T00:00:00.000Z' },
        { id: 'AKIA2', status: 'Inactive', lastUsedAt: '2025-07-01T00:00:00.000Z' },
      ],
      mfaDevices: [{ serialNumber: 'arn:aws:iam::222222222222:mfa/root', kind: 'virtual' }],
      signingCertificates: [],
      summary: { accountPasswordPresent: true, accountAccessKeysPresent: true, accountMfaEnabled: true, accountSigningCertificatesPresent: false },
    },
  },
  { kind: 'failed', accountId: '333333333333', auditedAt: '2026-01-01T00:00:02.000Z', code: 'AccessDenied', message: 'GetUser: denied | by SCP', likelyCause: 'an SCP' },
];
const report = buildPostureReport({ results, accounts, units, generatedAt: new Date('2026-01-02T00:00:00.000Z') });

describe('posture reports', () => {
  it('joins results with the listing and counts the totals', () => {
    assert.deepEqual(report.rows.map((r) => [r.accountId, r.outcome, r.ouPath]), [
      ['111111111111', 'skipped', ''],
      ['222222222222', 'ok', 'Workloads/Prod, "EU"'],
      ['333333333333', 'failed', 'Workloads'],
      ['444444444444', 'not-audited', 'Workloads'],
    ]);
    assert.deepEqual(
      { ...report.totals },
      { accounts: 4, audited: 1, skipped: 1, failed: 1, notAudited: 1, withRootCredentials: 1, withPassword: 1, withAccessKeys: 1, withActiveAccessKeys: 1, withSigningCertificates: 0, withMfa: 1 },
    );
    const app = report.rows[1];
    assert.deepEqual([app.activeAccessKeys, app.inactiveAccessKeys, app.accessKeyLastUsedAt, app.summary], [1, 1, '2025-07-01T00:00:00.000Z', 'password · 2 keys · MFA']);
  });

  it('writes CSV with the blog script columns first, quoting what needs it', () => {
    const rows = parseCsv(renderCsv(report));
    assert.equal(rows.length, 4);
    assert.deepEqual(Object.keys(rows[0]).slice(0, 6), ['AccountId', 'AccountName', 'AccountPasswordPresent', 'AccountAccessKeysPresent', 'AccountMFAEnabled', 'AccountSigningCertificatesPresent']);
    assert.deepEqual([rows[1].AccountPasswordPresent, rows[1].AccountSigningCertificatesPresent, rows[1].OuPath, rows[1].AuditedAt], ['Yes', 'No', 'Workloads/Prod, "EU"', '2026-01-01T00:00:01.000Z']);
    assert.equal(rows[2].LikelyCause, 'an SCP');
  });

  it('writes JSON that parses back to the report', () => {
    assert.deepEqual(JSON.parse(renderJson(report)), JSON.parse(JSON.stringify(report)));
  });

  it('writes Markdown with totals, escaped cells and a section for failures', () => {
    const md = renderMarkdown(report);
    assert.match(md, /\| With root credentials \| 1 \|/);
    assert.match(md, /## Could not be audited/);
    assert.match(md, /GetUser: denied \\\| by SCP/);
  });

  it('writes an aligned terminal table with the audit time of each account', () => {
    const lines = renderTable(report).split('\n');
    assert.match(lines[0], /^ACCOUNT\s+NAME\s+OU\s+ROOT CREDENTIALS\s+AUDITED AT\s+LAST ROOT SESSION\s+FLAGGED$/);
    assert.ok(lines.some((l) => l.startsWith('222222222222') && l.includes('password · 2 keys · MFA') && /2026-01-01T00:00:01Z\s+not read\s+not read$/.test(l)));
    assert.ok(lines.some((l) => /^4 accounts: 1 audited, 1 skipped, 1 failed, 1 not audited/.test(l)), 'the totals line');
  });

  it('neutralises names a spreadsheet would run as formulas, and never prints control characters in tables', () => {
    const hostile = ['=HYPERLINK("http://x.invalid","open")', '+1+1', '-2+3', '@SUM(A1)', '\tTabbed', 'plain-name'];
    const named = hostile.map((name, i) => account(`55555555555${i}`, name, 'ou-a'));
    const hostileReport = buildPostureReport({ results: [], accounts: named, units, generatedAt: new Date('2026-01-02T00:00:00.000Z') });
    // A tab is shown escaped, so no longer the start of a formula.
    assert.deepEqual(parseCsv(renderCsv(hostileReport)).map((r) => r.AccountName), [...hostile.slice(0, 4).map((n) => `'${n}`), '\\u{9}Tabbed', 'plain-name']);

    const escape = account('666666666666', 'prod\u001b[2J\u001b]0;owned\u0007\u202eevil\r\nx', 'ou-a');
    const escapeReport = buildPostureReport({ results: [], accounts: [escape], units, generatedAt: new Date('2026-01-02T00:00:00.000Z') });
    const shown: Array<[string, string]> = [
      [renderTable(escapeReport), 'prod\\u{1b}[2J'],
      // Markdown escapes the backslash of `\u{1b}` too, so that it renders as written.
      [renderMarkdown(escapeReport), 'prod\\\\u{1b}\\[2J'],
      [renderCsv(escapeReport), 'prod\\u{1b}[2J'],
    ];
    for (const [text, name] of shown) {
      const nameLine = text.split('\n').find((l) => l.includes('666666666666'))!;
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202e]/.test(nameLine), JSON.stringify(nameLine));
      assert.ok(nameLine.includes(name), nameLine);
    }
  });

  it('writes a name as text in Markdown: no link, image or HTML a wiki would render', () => {
    const phishing = account('777777777777', '[Open runbook](https://evil.example/x) <img src=x onerror=alert(1)> *bold*', 'ou-a');
    const md = renderMarkdown(buildPostureReport({ results: [], accounts: [phishing], units, generatedAt: new Date('2026-01-02T00:00:00.000Z') }));
    const line = md.split('\n').find((l) => l.startsWith('| 777777777777 |'))!;
    assert.ok(line.includes('\\[Open runbook\\](https\\://evil.example/x) &lt;img src=x onerror=alert(1)&gt; \\*bold\\*'), line);
  });
});
