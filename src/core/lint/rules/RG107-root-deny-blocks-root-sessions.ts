/**
 * RG107: an SCP or RCP Deny that also refuses centralized root access sessions. In the member account a
 * root session is the root principal (`aws:PrincipalArn` = `arn:<partition>:iam::<account>:root`) with
 * `aws:AssumedRoot` = `true`, so the classic "deny the root user" guardrail, or a deny that exempts some
 * roles, blocks the privileged tasks unless it exempts them with `"Null": {"aws:AssumedRoot": "true"}`.
 * Decided by evaluating the statement against each task's calls as a root session, in every partition
 * (`arn:*:`, `${AWS::Partition}`, `${PARTITION}` and unknown template parts included). A Deny written for
 * root sessions only (`Bool aws:AssumedRoot true`) is deliberate and left alone.
 */
import { type RootSessionDenial, TASK_CALLS, UNKNOWN_PART, UNKNOWN_VALUE, rootSessionDenials } from '../../policy';
import { enginePolicy, perDocument } from '../enginePolicy';
import type { Fix, PolicyDocument, Rule, Statement } from '../model';
import { listKeys, listNames } from '../semantics/describe';
import { ASSUMED_ROOT_KEY, PRINCIPAL_ARN_KEY, parsedEntriesForKey } from './conditionEntries';
import { exemptRootSessionsFix } from './rootFixes';
import { describeAccounts } from './rootGrant';
import { exemptSparedTasksFix, partlySparedTasks } from './sparedTasksFix';

/** The denials of a document by statement index, computed once per document. */
export const rootSessionDenialsOf = perDocument((document: PolicyDocument): Map<number, RootSessionDenial[]> => {
  const byStatement = new Map<number, RootSessionDenial[]>();
  const kind = document.type === 'rcp' ? 'rcp' : 'scp';
  for (const denial of rootSessionDenials(enginePolicy(document), kind)) {
    if (denial.rootSessionsOnly) continue;
    const list = byStatement.get(denial.statement.index) ?? [];
    list.push(denial);
    byStatement.set(denial.statement.index, list);
  }
  return byStatement;
});

export const rootDenyBlocksRootSessions: Rule = {
  meta: {
    id: 'RG107',
    name: 'root-deny-blocks-root-sessions',
    defaultSeverity: 'warning',
    description: 'An SCP/RCP Deny that also denies centralized root access sessions (no aws:AssumedRoot exemption).',
    appliesTo: ['scp', 'rcp'],
  },
  checkFile(context) {
    for (const document of context.documents) {
      const denials = rootSessionDenialsOf(document);
      for (const statement of document.statements) {
        const found = denials.get(statement.index);
        if (!found) continue;
        const principal = rootPrincipalEntry(statement);
        // Reported: a deny aimed at the root principal itself, and one that exempts some principals but
        // certainly still catches root sessions. A deny of an action for everyone, or one that catches
        // root sessions only for some values of other keys (a data perimeter, a region fence), is not
        // about who calls, and saying it blocks root sessions too would be noise.
        if (!principal && !(exemptsPrincipals(statement) && found.some((d) => d.certain))) continue;
        const fixes = exemptionFixes(document, statement, found);
        // An exemption whose value is known only at deployment (`!Ref Exempt`) may be "true": not certain.
        const exemption = found.some((d) => d.certain) ? undefined : unknownExemption(statement);
        const root = principal && `Denies the root principal (${principal.entry.operator.value} "${principal.value}")`;
        const what = exemption
          ? `${root ?? 'Denies'} with an aws:AssumedRoot exemption known only at deployment (${exemption}), so it also denies centralized root access sessions`
          : root
            ? `${root} without a "Null": {"aws:AssumedRoot": "true"} exemption, so it also denies centralized root access sessions`
            : 'Also denies centralized root access sessions (nothing exempts "aws:AssumedRoot")';
        context.report({
          document,
          node: principal?.entry.key.node ?? statement.effect?.node ?? statement.node,
          message: `${what}${where(found)}${exemption ? ', as far as values known only at deployment allow' : ''}: ${describeBlocked(found)}${condition(found, exemption !== undefined)}${partlyDepending(found)}.`,
          fixes,
        });
      }
    }
  },
};

/**
 * The Null exemption, preferred; but where the Deny means to spare some tasks only (on `sts:TaskPolicyArn`),
 * the exemption would let every task through: preferred then is the fix that spares those tasks alone, and
 * the exemption is offered under a title that says how far it reaches, never applied by "fix all".
 */
function exemptionFixes(document: PolicyDocument, statement: Statement, denials: readonly RootSessionDenial[]): Fix[] {
  const exemption = exemptRootSessionsFix(document, statement);
  if (!exemption) return [];
  const spared = partlySparedTasks(denials);
  if (spared.length === 0) return [{ ...exemption, preferred: true }];
  const kind = document.type === 'rcp' ? 'rcp' : 'scp';
  const sparing = exemptSparedTasksFix(document, statement, denials, spared, exemption, kind);
  const everyTask = { ...exemption, title: `${exemption.title} (lets every task's root sessions through, not only ${listNames(spared)})` };
  return sparing ? [{ ...sparing, preferred: true }, everyTask] : [everyTask];
}

/** The `aws:AssumedRoot` value known only at deployment the statement tests (`!Ref Exempt`), if any. */
function unknownExemption(statement: Statement): string | undefined {
  for (const { entry } of parsedEntriesForKey(statement, ASSUMED_ROOT_KEY)) {
    const value = entry.values.find((v) => v.value.includes(UNKNOWN_PART));
    if (value) return value.value;
  }
  return undefined;
}

/** The positive `aws:PrincipalArn` value naming root users, for the message and the range. */
function rootPrincipalEntry(statement: Statement) {
  for (const parsed of parsedEntriesForKey(statement, PRINCIPAL_ARN_KEY)) {
    if (parsed.operator.negated) continue;
    const value = parsed.entry.values.find((v) => /:root$/.test(v.value));
    if (value) return { entry: parsed.entry, value: value.value };
  }
  return undefined;
}

/**
 * True when a condition tells callers apart (`aws:PrincipalArn`, `aws:PrincipalTag/...`, `aws:userid`, ...),
 * `sts:TaskPolicyArn` included: a Deny "unless the task policy is the audit's" is meant to spare some root
 * sessions, yet spares none (their calls carry no STS key: it belongs to the sts:AssumeRoot request).
 */
function exemptsPrincipals(statement: Statement): boolean {
  return statement.conditions.some((c) => /^(aws:(principal|userid$|username$)|sts:taskpolicyarn$)/i.test(c.key.value));
}

/**
 * " in every partition" for every member account is the usual case and goes unsaid; otherwise the partitions
 * and the accounts (a deny that names `aws:userid` or an account's root only blocks root sessions there).
 */
function where(denials: readonly RootSessionDenial[]): string {
  const reach = denials.find((d) => !d.everyAccount || d.exceptAccounts.length > 0);
  if (reach) return ` for ${describeAccounts(reach)}`;
  return denials.some((d) => d.everyPartition) ? '' : ` in partition ${listNames([...new Set(denials.flatMap((d) => d.partitions))])}`;
}

/**
 * "blocks IAMAuditRootUserCredentials (all 7 calls); IAMDeleteRootUserCredentials: iam:DeleteLoginProfile, …".
 * Where some tasks are blocked for certain and others only depending on keys (a region fence blocks the IAM
 * tasks, whose calls carry their partition's home Region, and the S3 and SQS ones in some Regions), each of
 * the others says on which keys. A task blocked for certain lists the calls blocked for certain, and after
 * them those blocked only depending on keys, with the keys ("S3UnlockBucketPolicy: s3:ListAllMyBuckets (and
 * s3:DeleteBucketPolicy, … depending on which bucket)").
 */
export function describeBlocked(denials: readonly RootSessionDenial[]): string {
  const parts = denials.map((d) => {
    const total = TASK_CALLS[d.task].length;
    const hinge = ownHinge(d, denials);
    const listed = certainCalls(d);
    if (listed.length === total) return `${d.task} (all ${total} calls${hinge && `, ${hinge}`})`;
    const others = dependingCalls(d, (calls) => calls.join(', '));
    return `${d.task}: ${listed.join(', ')}${others ? ` (and ${others})` : hinge && ` (${hinge})`}`;
  });
  return `blocks ${parts.join('; ')}`;
}

/** The calls to list as blocked: of a task blocked for certain, those blocked for certain; else all it blocks. */
export function certainCalls(denial: RootSessionDenial): string[] {
  return denial.certain ? denial.calls.filter((c) => c.certain).map((c) => c.action) : denial.actions;
}

/**
 * Of a task blocked for certain, the calls it blocks only depending on keys, with them: "s3:DeleteBucketPolicy,
 * s3:PutBucketPolicy depending on which bucket"; empty when there are none (`list` writes the calls).
 */
export function dependingCalls(denial: RootSessionDenial, list: (calls: string[]) => string): string {
  if (!denial.certain) return '';
  const byKeys = new Map<string, string[]>();
  for (const call of denial.calls.filter((c) => !c.certain)) {
    const keys = listKeys(call.dependsOn);
    byKeys.set(keys, [...(byKeys.get(keys) ?? []), call.action]);
  }
  return [...byKeys].map(([keys, calls]) => `${list(calls)} depending on ${keys}`).join('; ');
}

/**
 * "depending on aws:RequestedRegion" for a task blocked only depending on keys, beside others blocked for
 * certain: no sentence-wide "depending on" then says it (one is said only when no task is certain).
 */
export function ownHinge(denial: RootSessionDenial, denials: readonly RootSessionDenial[]): string {
  return denials.some((d) => d.certain) && !denial.certain && denial.dependsOn.length > 0 ? `depending on ${listKeys(denial.dependsOn)}` : '';
}

/**
 * When no answer is certain, says on which keys they depend (a template's unknown part in words, unless the
 * message said so already: `unknownSaid`).
 */
function condition(denials: readonly RootSessionDenial[], unknownSaid: boolean): string {
  if (denials.some((d) => d.certain)) return '';
  const keys = [...new Set(denials.flatMap((d) => d.dependsOn))].filter((key) => !(unknownSaid && key === UNKNOWN_VALUE));
  return keys.length ? ` (depending on ${listKeys(keys)})` : '';
}

/**
 * "; in partition aws, depending on which bucket" where the answer is certain in some partitions only: a
 * NotResource written `arn:aws:` denies every bucket elsewhere, and only some in the partition it names.
 */
export function partlyDepending(all: readonly RootSessionDenial[]): string {
  // The tasks blocked only depending on keys name theirs (qualifiers).
  const denials = all.filter((d) => d.certain);
  const certainIn = new Set(denials.flatMap((d) => d.certainIn));
  const uncertainIn = [...new Set(denials.flatMap((d) => d.partitions))].filter((p) => !certainIn.has(p));
  const keys = [...new Set(denials.flatMap((d) => d.dependsOn))];
  return certainIn.size > 0 && uncertainIn.length > 0 && keys.length > 0 ? `; in partition ${listNames(uncertainIn)}, depending on ${listKeys(keys)}` : '';
}
