import assert from 'node:assert/strict';
import { UNKNOWN_PART, readPolicy } from '../../../../src/core/policy';
import { type OrgPolicies, ProposalError, type ProposedPolicy, changedPredictions, describeRefused, predictOrganization, refusedAttachments, renderWhatIf, withProposals } from '../../../../src/core/preflight';
import { IN_SBOX, IN_TEAM, PROD, SBOX, fullAccess, orgPolicy, policies, snapshot } from './fixture';

const CT_ROOT_DENY = { Sid: 'GRRESTRICTROOTUSER', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } } };
const CT_EXEMPT = { ...CT_ROOT_DENY, Condition: { ...CT_ROOT_DENY.Condition, Null: { 'aws:AssumedRoot': 'true' } } };

function proposal(statements: object[], where: { attachTo?: string[]; replaces?: string }, kind: ProposedPolicy['kind'] = 'SERVICE_CONTROL_POLICY'): ProposedPolicy {
  const content = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  return { kind, label: 'guardrail.json', document: readPolicy(content, 'guardrail.json'), content, attachTo: where.attachTo ?? [], replaces: where.replaces };
}

/** Each account's delete-credentials result and deciding policy under the policies with the proposals. */
function deleteResults(org: OrgPolicies, proposals: ProposedPolicy[]) {
  const preflight = predictOrganization(snapshot(), withProposals(org, snapshot(), proposals), { region: 'us-east-1', partition: 'aws', tasks: ['IAMDeleteRootUserCredentials'] });
  return Object.fromEntries(preflight.predictions.map((p) => [p.accountId, `${p.result}${p.statements[0] ? ` by ${p.statements[0].policyId} (${p.statements[0].policyName})` : ''}`]));
}

describe('preflight what-if: proposed policies predicted as if deployed', () => {
  const org = policies([fullAccess(), orgPolicy('p-guard0001', 'RootGuardrails', [CT_EXEMPT], [PROD])]);

  it('a new SCP attached to an OU blocks the accounts below it, named as proposed', () => {
    assert.deepEqual(deleteResults(org, []), { [IN_TEAM]: 'works', [IN_SBOX]: 'works', '444444444444': 'works' });
    assert.deepEqual(deleteResults(org, [proposal([CT_ROOT_DENY], { attachTo: [SBOX] })]), {
      [IN_TEAM]: 'works',
      [IN_SBOX]: 'blocked by proposed-1 (guardrail.json)',
      '444444444444': 'works',
    });
  });

  it('the word "root" attaches at the organization\'s root, whose id it stands for', () => {
    const blocked = 'blocked by proposed-1 (guardrail.json)';
    assert.deepEqual(deleteResults(org, [proposal([CT_ROOT_DENY], { attachTo: ['root'] })]), { [IN_TEAM]: blocked, [IN_SBOX]: blocked, '444444444444': blocked });
    const attached = withProposals(org, snapshot(), [proposal([CT_ROOT_DENY], { attachTo: ['Root'] })]).policies.at(-1)!;
    assert.deepEqual(attached.targets, [{ id: snapshot().root.id, name: snapshot().root.name, type: 'ROOT' }]);
  });

  it('the new text of an existing policy replaces its old one, under its own id', () => {
    assert.deepEqual(deleteResults(org, [proposal([CT_ROOT_DENY], { replaces: 'p-guard0001' })]), {
      [IN_TEAM]: 'blocked by p-guard0001 (RootGuardrails as in guardrail.json)',
      [IN_SBOX]: 'works',
      '444444444444': 'blocked by p-guard0001 (RootGuardrails as in guardrail.json)',
    });
  });

  it('a proposed guardrail whose Effect is a Terraform variable makes the accounts below it depend, not work', () => {
    const guard = proposal([{ ...CT_ROOT_DENY, Effect: UNKNOWN_PART }], { attachTo: [SBOX] });
    assert.deepEqual(deleteResults(org, [guard]), { [IN_TEAM]: 'works', [IN_SBOX]: 'depends by proposed-1 (guardrail.json)', '444444444444': 'works' });
  });

  it('refuses what the organization does not have, or cannot change', () => {
    const refusals: Array<[ProposedPolicy, RegExp]> = [
      [proposal([CT_ROOT_DENY], { attachTo: ['ou-ab12-none0000'] }), /^no root, OU or account ou-ab12-none0000 in this organization: its root is r-ab12 \(Root\), with OUs ou-ab12-prod1111 \(Prod\), ou-ab12-sbox3333 \(Sandbox\), ou-ab12-team2222 \(Team\), or give a member account's 12-digit id$/],
      [proposal([CT_ROOT_DENY], { replaces: 'p-missing01' }), /no policy p-missing01 in this organization's SCPs/],
      [proposal([CT_ROOT_DENY], { replaces: 'p-guard0001' }, 'RESOURCE_CONTROL_POLICY'), /RCPs are NOT_ENABLED in this organization/],
      [proposal([CT_ROOT_DENY], { replaces: 'p-FullAWSAccess' }), /p-FullAWSAccess \(FullAWSAccess\) is managed by AWS: its text cannot change/],
    ];
    for (const [proposed, message] of refusals) assert.throws(() => withProposals(org, snapshot(), [proposed]), (err: Error) => err instanceof ProposalError && message.test(err.message));
  });

  it('names the attachments Organizations would refuse: a target that already holds ten SCPs', () => {
    // Sandbox holds FullAWSAccess and eight more: a ninth of its own is allowed, a tenth beside it is not.
    const eight = Array.from({ length: 8 }, (_, i) => orgPolicy(`p-sbox000${i}`, `Sandbox${i}`, [CT_EXEMPT], [SBOX]));
    const full = policies([fullAccess(), ...eight]);
    const refusedWith = (proposals: ProposedPolicy[]) => refusedAttachments(withProposals(full, snapshot(), proposals)).map(describeRefused);
    assert.deepEqual(refusedWith([proposal([CT_ROOT_DENY], { attachTo: [SBOX, PROD] })]), []);
    // Proposals count in their order: the second fills Sandbox's tenth place, the third and fourth are refused.
    const four = [[PROD], [SBOX], [SBOX], [SBOX, PROD]].map((attachTo) => proposal([CT_ROOT_DENY], { attachTo }));
    assert.deepEqual(refusedWith(four), [
      `proposed-3 cannot be attached to Sandbox (${SBOX}): it would be its 11th SCP, and Organizations allows 10 per root, OU or account; detach one first.`,
      `proposed-4 cannot be attached to Sandbox (${SBOX}): it would be its 12th SCP, and Organizations allows 10 per root, OU or account; detach one first.`,
    ]);
    // A policy's new text takes no attachment of its own.
    assert.deepEqual(refusedWith([proposal([CT_ROOT_DENY], { replaces: 'p-sbox0000' })]), []);
  });

  it('leaves the policies as read untouched', () => {
    withProposals(org, snapshot(), [proposal([CT_ROOT_DENY], { replaces: 'p-guard0001' })]);
    assert.equal(org.policies[1].name, 'RootGuardrails');
    assert.equal(org.policies.length, 2);
  });
});

describe('preflight what-if: the changes, in Markdown', () => {
  const org = policies([fullAccess(), orgPolicy('p-guard0001', 'RootGuardrails', [CT_EXEMPT], [PROD])]);
  const predict = (proposals: ProposedPolicy[]) =>
    predictOrganization(snapshot(), withProposals(org, snapshot(), proposals), { region: 'us-east-1', partition: 'aws', tasks: ['IAMAuditRootUserCredentials', 'IAMDeleteRootUserCredentials'] });

  it('lists only the predictions the proposal changes, with what decides them now', () => {
    const before = predict([]);
    const after = predict([proposal([CT_ROOT_DENY], { attachTo: [SBOX] })]);
    const changes = changedPredictions(before, after);
    assert.deepEqual(changes.map((c) => `${c.after.accountId} ${c.after.task} ${c.before.result}->${c.after.result}`), [
      `${IN_SBOX} IAMAuditRootUserCredentials works->blocked`,
      `${IN_SBOX} IAMDeleteRootUserCredentials works->blocked`,
    ]);
    const markdown = renderWhatIf('SCP guardrail.json attached to Sandbox (ou-ab12-sbox3333)', changes, after.predictions.length, snapshot());
    assert.equal(
      markdown.split('\n').slice(0, 8).join('\n'),
      [
        '# What-if: SCP guardrail.json attached to Sandbox (ou-ab12-sbox3333)',
        '',
        'Predicted as if deployed, from the SCPs and RCPs the explorer read; nothing was changed in the organization.',
        '',
        '2 of 6 predictions change: 2 newly blocked (in 1 account), 0 newly working, the rest decided otherwise.',
        '',
        '| Account | Name | Task | Before | After | Decided by |',
        '| --- | --- | --- | --- | --- | --- |',
      ].join('\n'),
    );
    assert.match(markdown, new RegExp(`\\| ${IN_SBOX} \\| [^|]+ \\| delete-credentials \\| works \\| \\*\\*blocked\\*\\* \\| blocked by SCP guardrail\\.json \\(proposed-1\\), statement 1 \\(GRRESTRICTROOTUSER\\) \\|`));
  });

  it('says first that Organizations would refuse the proposal, when it would', () => {
    const markdown = renderWhatIf('x', [], 6, snapshot(), ['proposed-1 cannot be attached to Sandbox (ou-ab12-sbox3333): it would be its 11th SCP.']);
    assert.deepEqual(markdown.split('\n').slice(2, 6), [
      'Predicted as if deployed, from the SCPs and RCPs the explorer read; nothing was changed in the organization.',
      '',
      '**Organizations would refuse this:** proposed-1 cannot be attached to Sandbox (ou-ab12-sbox3333): it would be its 11th SCP.',
      '',
    ]);
  });

  it('shows hostile account and policy names as text, in the heading, the refusal and the table', () => {
    const name = '![p](https://evil.example/pixel.png) <img src=https://evil.example/x.png> [Verified by AWS](https://evil.example) | x';
    const after = predict([proposal([CT_ROOT_DENY], { attachTo: [SBOX] })]);
    const [change] = changedPredictions(predict([]), after);
    const hostile = { before: change.before, after: { ...change.after, summary: 'audit blocked by SCP <img src=https://evil.example/scp.png> (p-abc12345), statement 1' } };
    const accounts = snapshot().accounts.map((a) => (a.id === IN_SBOX ? { ...a, name } : a));
    const markdown = renderWhatIf(`SCP ${name} (p-abc12345) with the text of deny.json`, [hostile], 6, { accounts }, [`${name} would be its 11th SCP.`]).split('\n');
    const shown = '\\!\\[p\\](https\\://evil.example/pixel.png) \\<img src=https\\://evil.example/x.png\\> \\[Verified by AWS\\](https\\://evil.example) \\| x';
    assert.equal(markdown[0], `# What-if: SCP ${shown} (p-abc12345) with the text of deny.json`);
    assert.equal(markdown[4], `**Organizations would refuse this:** ${shown} would be its 11th SCP.`);
    assert.equal(
      markdown.at(-2),
      `| ${IN_SBOX} | \\!\\[p\\](https\\://evil.example/pixel.png) &lt;img src=https\\://evil.example/x.png&gt; \\[Verified by AWS\\](https\\://evil.example) \\| x | audit | works | **blocked** | blocked by SCP &lt;img src=https\\://evil.example/scp.png&gt; (p-abc12345), statement 1 |`,
    );
  });

  it('says so when nothing changes', () => {
    const after = predict([proposal([CT_EXEMPT], { attachTo: [SBOX] })]);
    assert.equal(changedPredictions(predict([]), after).length, 0);
    assert.match(renderWhatIf('x', [], after.predictions.length, snapshot()), /No prediction changes: all 6 stay as they are\./);
  });
});
