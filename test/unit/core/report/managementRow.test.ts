import assert from 'node:assert/strict';
import type { AccountAuditResult, OrgAccount } from '../../../../src/core/org/model';
import { failOnFindings, FAIL_ON_KINDS } from '../../../../src/core/report/failOn';
import { renderJson, renderMarkdown, renderTable } from '../../../../src/core/report/formats';
import { buildPostureReport } from '../../../../src/core/report/posture';
import type { ManagementRootRead } from '../../../../src/core/root/managementRoot';

const MANAGEMENT = '111111111111';
const management: OrgAccount = {
  id: MANAGEMENT, arn: '', name: 'management', email: 'm@example.com', state: 'ACTIVE', parentId: 'r-1', isManagement: true, isDelegatedAdmin: false,
};
const skipped: AccountAuditResult = { kind: 'skipped', accountId: MANAGEMENT, auditedAt: '2026-12-07T00:00:00.000Z', reason: 'management-account', detail: 'management' };
/** Its root user has a password, an access key used today, a certificate and MFA; `report` whether the credential report was read. */
const read = (report: boolean): ManagementRootRead => ({
  accountId: MANAGEMENT,
  readAt: '2026-12-07T00:00:00.000Z',
  summary: { passwordPresent: true, accessKeysPresent: true, mfaEnabled: true, signingCertificatesPresent: true },
  ...(report
    ? { report: { passwordLastUsedAt: undefined, mfaActive: true, accessKeys: [{ active: true, lastUsedAt: '2026-12-06T23:00:00.000Z' }], certificates: [{ active: true }] } }
    : { reportUnavailable: 'ServiceFailure' }),
});
const generatedAt = new Date('2026-12-07T01:00:00.000Z');

describe('posture reports: the management account read with the caller\'s credentials', () => {
  for (const withReport of [true, false]) {
    it(`${withReport ? 'with' : 'without'} the credential report: --fail-on keys and certificates name it, and the totals count it`, () => {
      const report = buildPostureReport({ results: [skipped], accounts: [management], managementRoot: read(withReport), generatedAt });
      // Its password and MFA stay by design: only keys and certificates count for it.
      assert.deepEqual(failOnFindings(report, FAIL_ON_KINDS).map((f) => [f.kind, f.accountIds]), [['keys', [MANAGEMENT]], ['certificates', [MANAGEMENT]]]);
      const { withRootCredentials, withPassword, withAccessKeys, withActiveAccessKeys, withSigningCertificates, withMfa } = report.totals;
      assert.deepEqual({ withRootCredentials, withPassword, withAccessKeys, withActiveAccessKeys, withSigningCertificates, withMfa }, {
        withRootCredentials: 1, withPassword: 1, withAccessKeys: 1, withActiveAccessKeys: 1, withSigningCertificates: 1, withMfa: 1,
      });
    });
  }

  it('CIS 2.7 is not evaluated when only GetAccountSummary answered: when the root user was last used is not known', () => {
    const [row] = buildPostureReport({ results: [skipped], accounts: [management], managementRoot: read(false), generatedAt }).rows;
    assert.equal(row.controls['CIS-2.7'].status, 'not-evaluated');
    const [withReport] = buildPostureReport({ results: [skipped], accounts: [management], managementRoot: read(true), generatedAt }).rows;
    assert.equal(withReport.controls['CIS-2.7'].status, 'fail');
  });

  it('a read that failed makes the row a failure (the report is then incomplete), not a skip', () => {
    const report = buildPostureReport({ results: [skipped], accounts: [management], managementRootUnread: { accountId: MANAGEMENT, code: 'ServiceFailure' }, generatedAt });
    assert.deepEqual([report.rows[0].outcome, report.rows[0].summary, report.totals.failed], ['failed', 'failed: ServiceFailure', 1]);
    assert.equal(report.rows[0].controls['CIS-2.4'].status, 'not-evaluated');
  });
});

describe('posture reports: what a report lacks is in its body', () => {
  const gaps = { unlisted: [{ parentId: 'ou-sand-5', listing: 'accounts' as const, code: 'ServiceException' }], cancelled: true as const };
  const report = buildPostureReport({ results: [], accounts: [management], gaps, generatedAt });

  it('in JSON, Markdown and the table', () => {
    assert.deepEqual(JSON.parse(renderJson(report)).gaps, gaps);
    const line = 'the accounts of ou-sand-5 could not be listed (ServiceException): what is under it is not in this report';
    assert.ok(renderMarkdown(report).includes(`**Incomplete:** ${line}`));
    assert.ok(renderTable(report).includes(`INCOMPLETE: ${line}`));
    assert.ok(renderTable(report).includes('INCOMPLETE: the audit was cancelled: the accounts marked "not audited" were not read'));
  });

  it('a whole report has no gaps field', () => {
    assert.equal('gaps' in buildPostureReport({ results: [], accounts: [management], gaps: { unlisted: [] }, generatedAt }), false);
  });
});
