import assert from 'node:assert/strict';
import type { AccountAuditResult } from '../../../../src/core/org/model';
import { AuditCache } from '../../../../src/core/root/auditCache';

const ok = (accountId: string, auditedAt: string): AccountAuditResult => ({
  kind: 'ok',
  accountId,
  auditedAt,
  sessionAccessKeyId: 'ASIAEXAMPLE',
  status: {
    password: { present: true, lastUsedAt: '2025-01-01T00:00:00.000Z' },
    accessKeys: [{ id: 'AKIAEXAMPLE', status: 'Active' }],
    mfaDevices: [{ serialNumber: 'arn:aws:iam::123456789012:mfa/root', kind: 'virtual' }],
    signingCertificates: [],
    summary: { accountPasswordPresent: true },
  },
});
const failed = (accountId: string, auditedAt: string): AccountAuditResult => ({ kind: 'failed', accountId, auditedAt, code: 'AccessDenied', message: 'denied' });

describe('AuditCache', () => {
  it('keeps the newest result per account and the last good one behind a failure', () => {
    const cache = new AuditCache();
    cache.put(ok('123456789012', '2026-01-01T00:00:00.000Z'));
    cache.put(failed('123456789012', '2026-01-02T00:00:00.000Z'));
    cache.put(ok('123456789012', '2025-12-01T00:00:00.000Z'));
    const entry = cache.get('123456789012');
    assert.equal(entry?.latest.kind, 'failed');
    assert.equal(entry?.lastOk?.auditedAt, '2026-01-01T00:00:00.000Z');
  });

  it('measures age and staleness from the result time', () => {
    const cache = new AuditCache();
    cache.put(ok('123456789012', '2026-01-01T00:00:00.000Z'));
    const now = new Date('2026-01-01T02:00:00.000Z');
    assert.equal(cache.ageMs('123456789012', now), 2 * 3600_000);
    assert.equal(cache.isStale('123456789012', 3 * 3600_000, now), false);
    assert.equal(cache.isStale('123456789012', 3600_000, now), true);
    assert.equal(cache.isStale('210987654321', 3600_000, now), true);
  });

  it('round-trips through JSON and drops anything it does not know, secrets included', () => {
    const cache = new AuditCache();
    cache.putAll([ok('123456789012', '2026-01-01T00:00:00.000Z'), failed('210987654321', '2026-01-01T00:00:00.000Z')]);
    const persisted = JSON.parse(JSON.stringify(cache));
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
    assert.deepEqual(plain(AuditCache.fromJSON(persisted)), plain(cache));

    persisted.entries[0].latest.secretAccessKey = 'wJalrXUtnFEMI';
    persisted.entries[0].latest.status.accessKeys[0].secret = 'wJalrXUtnFEMI';
    persisted.entries.push({ latest: { kind: 'ok', accountId: 'x' } }, { latest: 'junk' });
    const loaded = AuditCache.fromJSON(persisted);
    assert.ok(!JSON.stringify(loaded).includes('wJalrXUtnFEMI'));
    assert.deepEqual(loaded.latestResults().map((r) => r.accountId).sort(), ['123456789012', '210987654321']);
    assert.equal(AuditCache.fromJSON({ version: 2, entries: [] }).latestResults().length, 0);
  });
});
