import assert from 'node:assert/strict';
import { type TaskPrediction, contradiction } from '../../../../src/core/preflight';
import type { AccountTaskResult } from '../../../../src/core/root/taskRun';

const ACCOUNT = '111111111111';
const READS = ['iam:GetLoginProfile', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed', 'iam:ListMFADevices', 'iam:ListSigningCertificates', 'iam:GetUser'];
const DELETES = ['iam:DeleteAccessKey', 'iam:DeleteSigningCertificate', 'iam:DeleteLoginProfile', 'iam:DeactivateMFADevice', 'iam:DeleteVirtualMFADevice'];

const predicted = (result: TaskPrediction['result'], blockedCalls: string[] = [], summary = `delete-credentials ${result}`): TaskPrediction => ({
  accountId: ACCOUNT, task: 'IAMDeleteRootUserCredentials', result, blockedCalls, dependingCalls: [], dependsOn: result === 'depends' ? ['aws:SourceIp'] : [], statements: [], missingAllows: [], summary,
});

const scpDenied: AccountTaskResult = {
  status: 'failed', accountId: ACCOUNT, sessionAccessKeyId: 'ASIAEXAMPLE', changed: [], notChanged: [], code: 'AccessDenied',
  message: `GetLoginProfile: User: arn:aws:sts::${ACCOUNT}:assumed-root/AssumeRoot is not authorized to perform: iam:GetLoginProfile with an explicit deny in a service control policy`,
};
const done = (operations: string[]): AccountTaskResult => ({
  status: 'done', accountId: ACCOUNT, sessionAccessKeyId: 'ASIAEXAMPLE', changes: operations.map((operation) => ({ operation, target: 't', description: 'd', result: 'changed' as const })),
});

describe('preflight: a real outcome against its prediction', () => {
  it('a task predicted to work that an SCP refused contradicts it, without the error text', () => {
    const sentence = contradiction(predicted('works'), scpDenied);
    assert.equal(sentence, `delete-credentials in ${ACCOUNT} was predicted to work, but a service control policy refused it (AccessDenied)`);
    assert.doesNotMatch(sentence!, /ASIA|assumed-root/);
  });

  it('a blocked prediction is contradicted by a blocked change that went through, or by any success when every call was blocked', () => {
    const deletesBlocked = predicted('blocked', ['iam:DeleteLoginProfile'], 'delete-credentials blocked by SCP NoPasswordDeletes (p-1), statement 1');
    assert.equal(contradiction(deletesBlocked, done(['DeleteLoginProfile'])), `delete-credentials blocked by SCP NoPasswordDeletes (p-1), statement 1, but iam:DeleteLoginProfile went through in ${ACCOUNT} (done)`);
    assert.equal(contradiction(deletesBlocked, done(['DeleteAccessKey'])), undefined, 'the blocked call was not needed');
    assert.equal(contradiction(deletesBlocked, { status: 'dry-run', accountId: ACCOUNT, sessionAccessKeyId: 'ASIA', plan: { changes: [] } }), undefined, 'a dry run sends no change');

    const allBlocked = predicted('blocked', [...DELETES, ...READS], 'delete-credentials blocked by SCP DenyRoot (p-2), statement 1');
    assert.match(contradiction(allBlocked, { status: 'dry-run', accountId: ACCOUNT, sessionAccessKeyId: 'ASIA', plan: { changes: [] } }) ?? '', /, but its calls went through in 111111111111 \(dry-run\)$/);
    const sessionBlocked = predicted('blocked', ['sts:AssumeRoot'], "delete-credentials blocked by SCP CallerDeny (p-3), statement 1");
    assert.match(contradiction(sessionBlocked, done([])) ?? '', /but sts:AssumeRoot went through/);
  });

  it('agreement, a dependent prediction and failures for other reasons are no contradiction', () => {
    assert.equal(contradiction(predicted('blocked', [...DELETES, ...READS]), scpDenied), undefined);
    assert.equal(contradiction(predicted('works'), done(['DeleteAccessKey'])), undefined);
    assert.equal(contradiction(predicted('depends'), scpDenied), undefined);
    assert.equal(contradiction(predicted('depends'), done(['DeleteAccessKey'])), undefined);
    const throttled: AccountTaskResult = { ...scpDenied, code: 'Throttling', message: 'Rate exceeded' };
    assert.equal(contradiction(predicted('works'), throttled), undefined);
    const taskPolicyDenial: AccountTaskResult = { ...scpDenied, message: 'GetUser: ... with an explicit deny in a session policy' };
    assert.equal(contradiction(predicted('works'), taskPolicyDenial), undefined, 'the task policy, not an SCP');
    assert.equal(contradiction(predicted('blocked', READS), { status: 'skipped', accountId: ACCOUNT, reason: 'protected', detail: 'protected' }), undefined);
  });

  it('refuses to compare a prediction with another account\'s result', () => {
    assert.throws(() => contradiction(predicted('works'), { ...scpDenied, accountId: '222222222222' }), /the prediction is for 111111111111/);
  });
});
