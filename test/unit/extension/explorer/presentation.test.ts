import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { AccountAuditResult, OrgAccount, RootCredentialStatus } from '../../../../src/core/org/model';
import { buildPostureReport } from '../../../../src/core/report/posture';
import { AuditCache } from '../../../../src/core/root/auditCache';
import type { ManagementRootRead } from '../../../../src/core/root/managementRoot';
import type { ManagementRootView } from '../../../../src/extension/explorer/auditStore';
import { describeFilter, matchesFilter } from '../../../../src/extension/explorer/filter';
import { accountContextValue, countPosture, describeCounts, featureRows, formatAge, presentAccount, presentUnit, riskOfStatus, shortFailure } from '../../../../src/extension/explorer/presentation';

const NOW = new Date('2026-01-10T12:00:00Z');
const HOUR = 3_600_000;

const account = (over: Partial<OrgAccount> = {}): OrgAccount => ({
  id: '123456789012', arn: 'arn', name: 'prod-app', email: 'a@example.com', state: 'ACTIVE', parentId: 'ou-1', isManagement: false, isDelegatedAdmin: false, ...over,
});

const status = (over: Partial<RootCredentialStatus> = {}): RootCredentialStatus => ({
  password: { present: false }, accessKeys: [], mfaDevices: [], signingCertificates: [], summary: {}, ...over,
});

const ok = (s: RootCredentialStatus, hoursAgo = 1): AccountAuditResult => ({
  kind: 'ok', accountId: '123456789012', auditedAt: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString(), status: s, sessionAccessKeyId: 'ASIA',
});

function entryOf(...results: AccountAuditResult[]) {
  const cache = new AuditCache();
  cache.putAll(results);
  return cache.get('123456789012');
}

const view = (entry = entryOf(), over: Partial<OrgAccount> = {}, auditing = false) =>
  presentAccount({ account: account(over), entry, auditing, maxAgeMs: 24 * HOUR, now: NOW });

const withKeys = status({ password: { present: true }, accessKeys: [{ id: 'AKIA1', status: 'Active' }, { id: 'AKIA2', status: 'Inactive' }], mfaDevices: [{ serialNumber: 'arn:aws:iam::123456789012:mfa/x', kind: 'virtual' }] });

describe('explorer presentation', () => {
  it('rates any root credential (password, keys, certificates) as credentials, MFA only as attention, nothing as clean', () => {
    assert.equal(riskOfStatus(withKeys), 'credentials');
    assert.equal(riskOfStatus(status({ accessKeys: [{ id: 'AKIA', status: 'Inactive' }] })), 'credentials');
    assert.equal(riskOfStatus(status({ signingCertificates: [{ id: 'C', status: 'Active' }] })), 'credentials');
    assert.equal(riskOfStatus(status({ mfaDevices: [{ serialNumber: 'GAHT1', kind: 'hardware' }] })), 'attention');
    assert.equal(riskOfStatus(status()), 'clean');
  });

  it('describes an audited account with its id and short status, an error-coloured key icon and flags', () => {
    const v = view(entryOf(ok(withKeys)));
    assert.equal(v.label, 'prod-app');
    assert.equal(v.description, '123456789012 · password · 2 keys · MFA');
    assert.deepEqual(v.icon, { icon: 'key', color: 'problemsErrorIcon.foreground' });
    assert.equal(v.contextValue, 'account;member;active;audited;hasPassword;hasKeys;hasMfa;hasRootCredentials');
    assert.match(v.tooltip, /\| Access key `AKIA2` \| Inactive, last used never \|/);
  });

  it('shows a clean account as passing and a never-audited one as such', () => {
    assert.deepEqual(view(entryOf(ok(status()))).icon, { icon: 'pass', color: 'testing.iconPassed' });
    const never = view();
    assert.equal(never.description, '123456789012 · not audited');
    assert.equal(never.contextValue, 'account;member;active;notAudited');
  });

  it('marks an old result stale, and a running audit with a spinner', () => {
    assert.equal(view(entryOf(ok(status(), 50))).description, '123456789012 · no root credentials · stale, 2 d ago');
    assert.match(view(entryOf(ok(status(), 50))).contextValue, /;stale$/);
    const running = view(undefined, {}, true);
    assert.equal(running.description, '123456789012 · auditing…');
    assert.equal(running.icon.icon, 'loading~spin');
  });

  it('marks the management account and excludes it, and shows suspended accounts as such', () => {
    const management = view(undefined, { isManagement: true });
    assert.equal(management.description, '123456789012 · management account');
    assert.equal(management.risk, 'excluded');
    assert.match(management.contextValue, /^account;management;active\b/);
    assert.equal(view(undefined, { state: 'PENDING_CLOSURE' }).description, '123456789012 · pending closure');
    assert.match(view(undefined, { state: 'SUSPENDED' }).contextValue, /^account;member;inactive\b/);
  });

  it('shows the management account\'s own root user once read with the caller\'s credentials, marked as read that way', () => {
    const management = account({ isManagement: true });
    const read = (summary: Partial<ManagementRootRead['summary']>, report?: ManagementRootRead['report']): ManagementRootRead => ({
      accountId: management.id, readAt: NOW.toISOString(), report,
      summary: { passwordPresent: false, accessKeysPresent: false, mfaEnabled: false, signingCertificatesPresent: false, ...summary },
    });
    const present = (managementRoot?: ManagementRootView) => presentAccount({ account: management, auditing: false, maxAgeMs: HOUR, now: NOW, managementRoot });

    const keys = present({ read: read({ passwordPresent: true, mfaEnabled: true, accessKeysPresent: true }, { mfaActive: true, passwordLastUsedAt: '2026-01-02T03:04:00.000Z', accessKeys: [{ active: true, lastUsedAt: '2026-01-05T00:00:00.000Z' }], certificates: [] }) });
    assert.equal(keys.description, "123456789012 · management account · password · 1 key · MFA · read with the caller's credentials");
    assert.equal(keys.risk, 'credentials');
    assert.deepEqual(keys.icon, { icon: 'home', color: 'problemsErrorIcon.foreground' });
    assert.match(keys.tooltip, /\*\*Read with the caller's own credentials\*\* \(`iam:GetAccountSummary` and the credential report\) 2026-01-10 12:00 UTC/);
    assert.match(keys.tooltip, /\| Password \| present, last used 2026-01-02 03:04 UTC \|/);
    assert.match(keys.tooltip, /\| Access key 1 \| Active, last used 2026-01-05 00:00 UTC \|/);
    assert.match(keys.contextValue, /^account;management;active\b/, 'still no task targets it');

    // Password and MFA are expected on the management account: not red. A password without MFA is.
    assert.equal(present({ read: read({ passwordPresent: true, mfaEnabled: true }) }).risk, 'clean');
    const noMfa = present({ read: read({ passwordPresent: true }) });
    assert.equal(noMfa.risk, 'attention');
    assert.equal(noMfa.description, "123456789012 · management account · password · read with the caller's credentials");
    assert.match(noMfa.tooltip, /\(`iam:GetAccountSummary`\)/);

    const denied = present({ failed: 'AccessDenied' });
    assert.equal(denied.description, '123456789012 · management account · own root user not read: AccessDenied');
    assert.equal(denied.risk, 'excluded');
    assert.equal(present().description, '123456789012 · management account');
  });

  it('names an SCP denial and throttling, keeping the likely cause and the last known status in the tooltip', () => {
    const denied: AccountAuditResult = { kind: 'failed', accountId: '123456789012', auditedAt: NOW.toISOString(), code: 'AccessDenied', message: 'explicit deny', likelyCause: 'AccessDenied with an explicit deny in a service control policy' };
    const v = view(entryOf(ok(withKeys, 2), denied));
    assert.equal(v.description, '123456789012 · access denied (SCP)');
    assert.deepEqual(v.icon, { icon: 'lock', color: 'problemsErrorIcon.foreground' });
    assert.match(v.tooltip, /Likely cause: .*service control policy/);
    assert.match(v.tooltip, /Last known status .*password · 2 keys · MFA/);
    assert.equal(shortFailure('Throttling'), 'throttled: audit again');
    assert.equal(shortFailure('AccessDenied', 'the root session was denied'), 'access denied');
  });

  it('counts a certificate-only account "with root credentials" in the summary exactly as the exported report does', () => {
    const certificateOnly = ok(status({ signingCertificates: [{ id: 'C', status: 'Active' }] }));
    const mfaOnly = { ...ok(status({ mfaDevices: [{ serialNumber: 'GAHT1', kind: 'hardware' }] })), accountId: '210987654321' };
    const report = buildPostureReport({ results: [certificateOnly, mfaOnly] });
    const summary = countPosture([view(entryOf(certificateOnly)).risk, presentAccount({ account: account({ id: '210987654321' }), entry: { latest: mfaOnly }, auditing: false, maxAgeMs: 24 * HOUR, now: NOW }).risk]);
    assert.equal(report.totals.withRootCredentials, 1);
    assert.equal(summary.withCredentials, report.totals.withRootCredentials);
    assert.equal(describeCounts(summary), '1 with root credentials · 1 to review');
  });

  it('tells suspended and closed accounts they cannot be audited, without pointing at a menu entry they lack', () => {
    for (const state of ['SUSPENDED', 'CLOSED', 'PENDING_CLOSURE'] as const) {
      const tooltip = view(undefined, { state }).tooltip;
      assert.doesNotMatch(tooltip, /context menu|Audit Root Credentials/, state);
      assert.match(tooltip, new RegExp(`The account is ${state.toLowerCase().replace('_', ' ')}: root sessions cannot be opened in it`));
    }
    const known = view(entryOf(ok(withKeys, 30)), { state: 'SUSPENDED' }).tooltip;
    assert.match(known, /Last known status \(2026-01-09 06:00 UTC, 30 h ago\): password · 2 keys · MFA\./);
  });

  it('marks protected and delegated-administrator accounts on their rows, tooltips and flags', () => {
    const marked = presentAccount({ account: account({ isDelegatedAdmin: true }), entry: entryOf(ok(status())), auditing: false, maxAgeMs: 24 * HOUR, now: NOW, protected: true });
    assert.equal(marked.description, '123456789012 · protected · delegated admin · no root credentials');
    assert.match(marked.tooltip, /: IAM delegated administrator, protected \(`rootguard.protectedAccounts`/);
    assert.equal(marked.contextValue, 'account;member;active;delegatedAdmin;protected;audited');
    assert.equal(view(entryOf(ok(status()))).description, '123456789012 · no root credentials');
  });

  it('shows account and OU names on their rows with control, bidirectional and zero-width characters escaped, as tooltips do', () => {
    // `prod` with a zero-width space reads as `prod`; an override turns `ppa-dorp` into `prod-app` on screen.
    assert.equal(view(undefined, { name: 'pro\u200bd' }).label, 'pro\\u{200b}d');
    assert.equal(view(undefined, { name: '\u202eppa-dorp' }).label, '\\u{202e}ppa-dorp');
    assert.equal(view(undefined, { name: 'prod\nstaging\u0007' }).label, 'prod\\u{a}staging\\u{7}');
    const skipped: AccountAuditResult = { kind: 'skipped', accountId: '123456789012', auditedAt: NOW.toISOString(), reason: 'not-active', detail: 'state \u2066SUSPENDED\u2069' };
    assert.equal(view(entryOf(skipped)).description, '123456789012 · state \\u{2066}SUSPENDED\\u{2069}');
    assert.deepEqual(presentUnit({ name: 'Sandbox\u200d\u202eskrowteN', id: 'ou-ab12-cdef3456' }), {
      label: 'Sandbox\\u{200d}\\u{202e}skrowteN',
      description: 'ou-ab12-cdef3456',
      tooltip: 'Organizational unit Sandbox\\u{200d}\\u{202e}skrowteN (ou-ab12-cdef3456)',
    });
    assert.equal(view(undefined, { name: 'prod-app' }).label, 'prod-app', 'a plain name is shown as it is');
  });

  it('escapes Markdown in names from AWS', () => {
    assert.match(view(undefined, { name: 'team_[prod]*' }).tooltip, /team\\_\\\[prod\\\]\\\*/);
  });

  it('shows an email or a name written as Markdown as written: no link, heading, code block, and line breaks shown', () => {
    const md = new MarkdownIt({ html: false, linkify: true });
    const email = 'a`[Re-verify root MFA](https://attacker.example/mfa)`@x.io';
    const name = 'Prod\n====\nSee https://attacker.example/runbook\n\n    indented code';
    const html = md.render(view(undefined, { email, name }).tooltip);
    assert.doesNotMatch(html, /<(a|h\d|pre)\b/, html);
    assert.ok(html.includes(`<code>${email}</code>`), html);
    assert.ok(html.includes('<strong>Prod\\u{a}====\\u{a}See https://attacker.example/runbook\\u{a}\\u{a} indented code</strong>'), html);
  });

  it('counts and summarises postures, leaving out zeros', () => {
    assert.equal(describeCounts(countPosture(['credentials', 'credentials', 'clean', 'failed'])), '2 with root credentials · 1 clean · 1 failed');
    assert.equal(formatAge(90 * 60_000), '1 h ago');
  });

  it('shows the IAM features as off, not unknown, when IAM refuses them because trusted access is off', () => {
    const off = { trustedAccess: false, delegatedAdmins: [], rootCredentialsManagement: false, rootSessions: false };
    const withoutTrust = featureRows({ ...off, errors: { features: { code: 'TrustedAccessOff', message: 'Trusted access for iam.amazonaws.com is not enabled' } } });
    assert.deepEqual(withoutTrust.map((r) => r.error), [undefined, undefined, undefined, undefined]);
    const denied = featureRows({ ...off, errors: { features: { code: 'AccessDenied', message: 'denied' } } });
    assert.deepEqual(denied.filter((r) => r.error).map((r) => r.id), ['rootCredentialsManagement', 'rootSessions']);
  });

  it('builds the account flags the task menus match on', () => {
    assert.equal(accountContextValue(account({ isDelegatedAdmin: true }), undefined), 'account;member;active;delegatedAdmin;notAudited');
  });

  it('flags an account where password recovery was allowed, in the description, the tooltip and the flags', () => {
    const flagged = presentAccount({ account: account(), entry: entryOf(ok(status({ password: { present: true } }))), auditing: false, maxAgeMs: 24 * HOUR, now: NOW, recoveryAllowedAt: '2026-01-10T11:30:00Z' });
    assert.equal(flagged.description, '123456789012 · password · password recovery allowed');
    assert.match(flagged.tooltip, /\*\*Password recovery allowed\*\* 2026-01-10 11:30 UTC: .*Delete Root Credentials/);
    assert.match(flagged.contextValue, /;hasPassword;hasRootCredentials;recoveryAllowed$/);
    assert.doesNotMatch(view(entryOf(ok(status({ password: { present: true } })))).contextValue, /recoveryAllowed/);
  });
});

describe('explorer filter', () => {
  const entry = entryOf(ok(withKeys));
  it('matches name or id fragments case-insensitively', () => {
    assert.ok(matchesFilter({ withRootCredentials: false, rootTaskBlocked: false, text: 'PROD' }, account(), undefined));
    assert.ok(matchesFilter({ withRootCredentials: false, rootTaskBlocked: false, text: '6789' }, account(), undefined));
    assert.ok(!matchesFilter({ withRootCredentials: false, rootTaskBlocked: false, text: 'dev' }, account(), undefined));
  });

  it('keeps only accounts whose latest audit found root credentials', () => {
    const only = { withRootCredentials: true, rootTaskBlocked: false, text: '' };
    assert.ok(matchesFilter(only, account(), entry));
    assert.ok(!matchesFilter(only, account(), undefined), 'never audited: not known to have any');
    assert.ok(!matchesFilter(only, account(), entryOf(ok(status()))));
  });

  it('keeps only accounts where a root task is predicted blocked, with the other conditions too', () => {
    const blocked = { withRootCredentials: false, rootTaskBlocked: true, text: '' };
    assert.ok(matchesFilter(blocked, account(), undefined, true));
    assert.ok(!matchesFilter(blocked, account(), undefined, false), 'nothing predicted blocked');
    assert.ok(!matchesFilter(blocked, account(), undefined), 'no prediction: not known blocked');
    assert.ok(!matchesFilter({ ...blocked, text: 'dev' }, account(), undefined, true));
    assert.ok(!matchesFilter({ ...blocked, withRootCredentials: true }, account(), undefined, true), 'never audited');
    assert.equal(describeFilter({ ...blocked, text: 'prod' }), 'accounts where a root task is blocked matching "prod"');
  });
});
