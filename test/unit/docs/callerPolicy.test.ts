// docs/caller-policy.json is the policy the README tells people to give RootGuard's caller: it must pass
// RootGuard's own linter, and grant every Organizations/IAM call the explorer makes as that caller.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { lintText } from '../../../src/core/lint/linter';

const root = path.resolve(__dirname, '..', '..', '..');
const policyText = fs.readFileSync(path.join(root, 'docs', 'caller-policy.json'), 'utf8');
const policy = JSON.parse(policyText) as { Statement: { Effect: string; Action: string | string[] }[] };

/** `new XCommand(` in the org-loading code, as IAM actions (Organizations or IAM by the client module). */
function callerActions(): string[] {
  const actions: string[] = [];
  // The management account's own root user is read with IAM calls as the caller (core/root/managementRoot.ts).
  for (const file of ['org/loadOrganization.ts', 'org/features.ts', 'root/managementRoot.ts']) {
    const source = fs.readFileSync(path.join(root, 'src', 'core', file), 'utf8');
    for (const [, name] of source.matchAll(/new (\w+)Command\(/g)) {
      if (name === 'GetCallerIdentity') continue; // STS answers it whatever the policy says
      const service = /OrganizationsFeatures|OrganizationsRoot/.test(name) || file.startsWith('root/') ? 'iam' : 'organizations';
      actions.push(`${service}:${name}`);
    }
  }
  return [...new Set(actions)];
}

/** The calls the holders view makes as the caller, as IAM actions by the client module each command comes from. */
function holdersActions(): string[] {
  const prefixes: Record<string, string> = { iam: 'iam', 'sso-admin': 'sso', organizations: 'organizations' };
  const dir = path.join(root, 'src', 'core', 'holders');
  const actions = fs.readdirSync(dir).flatMap((file) => {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    return [...source.matchAll(/import \{([^}]*)\} from '@aws-sdk\/client-([\w-]+)'/g)].flatMap(([, names, client]) =>
      [...names.matchAll(/\b(\w+)Command\b(?!Output)/g)].map(([, name]) => `${prefixes[client] ?? client}:${name}`),
    );
  });
  return [...new Set(actions)].filter((action) => action !== 'sts:GetCallerIdentity').sort();
}

describe('docs/caller-policy.json', () => {
  it('passes the linter with no finding at all', () => {
    assert.deepEqual(lintText({ path: 'docs/caller-policy.json', text: policyText }), []);
  });

  it('allows every Organizations and IAM call the explorer makes', () => {
    const allowed = new Set(policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat()));
    const called = callerActions();
    assert.ok(called.length >= 5, `found only ${called.join(', ')}`);
    assert.deepEqual(called.filter((action) => !allowed.has(action)), []);
  });

  it('grants the holders view exactly the reads it makes', () => {
    const statement = policy.Statement.find((s) => (s as { Sid?: string }).Sid === 'ReadWhoCanOpenRootSessions')!;
    const called = holdersActions();
    assert.ok(called.length >= 10, `found only ${called.join(', ')}`);
    assert.deepEqual([statement.Action].flat().sort(), called);
  });
});
