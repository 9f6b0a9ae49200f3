/**
 * RG110 (opt-in): none of the SCPs linted in one run denies `iam:CreateLoginProfile` in root sessions.
 * IAMCreateRootUserPassword lets a root session set a console password, which with the root mailbox
 * becomes persistent root access; an SCP Deny of that action when `aws:AssumedRoot` is true closes the
 * path for every member account whatever identity policies say. Opt-in because the run must include all
 * of the organization's SCPs for "none" to mean anything.
 */
import { rootSessionDenials } from '../../policy';
import { enginePolicy } from '../enginePolicy';
import type { PolicyDocument, Rule, RunContext } from '../model';

export const missingRootPasswordGuardrail: Rule = {
  meta: {
    id: 'RG110',
    name: 'missing-root-password-guardrail',
    defaultSeverity: 'info',
    description: 'Across all SCPs linted in one run, none denies iam:CreateLoginProfile when aws:AssumedRoot is true.',
    optIn: true,
    appliesTo: ['scp'],
  },
  checkRun(context) {
    const scps = scpDocuments(context);
    if (scps.length === 0 || scps.some(({ document }) => deniesRootPasswordCreation(document))) return;
    // On the first SCP whose configuration turns the rule on (it is opt-in): the run weighs them all.
    const target = scps.find(({ path }) => context.reportsOn(path));
    if (!target) return;
    const { path, document } = target;
    context.report(path, {
      document,
      range: { start: document.root.offset, end: document.root.offset + 1 },
      message:
        `None of the ${scps.length} SCP document(s) linted denies iam:CreateLoginProfile in root sessions; consider ` +
        `{"Effect": "Deny", "Action": "iam:CreateLoginProfile", "Resource": "*", "Condition": {"Bool": {"aws:AssumedRoot": "true"}}}.`,
    });
  },
};

function scpDocuments(context: RunContext): { path: string; document: PolicyDocument }[] {
  return context.files.flatMap((file) => file.documents.filter((d) => d.type === 'scp').map((document) => ({ path: file.path, document })));
}

/**
 * A Deny that certainly refuses iam:CreateLoginProfile to a root session of every account (engine-decided).
 * The call's own certainty, not the task's: a Deny certain for the task may be so for iam:GetLoginProfile
 * alone, and refuse the password's creation only for some values (an Action known only at deployment).
 */
function deniesRootPasswordCreation(document: PolicyDocument): boolean {
  return rootSessionDenials(enginePolicy(document), 'scp').some(
    (d) => d.task === 'IAMCreateRootUserPassword' && d.everyAccount && d.calls.some((call) => call.action === 'iam:CreateLoginProfile' && call.certain),
  );
}
