/**
 * What the restore picker says above the policies the audit log keeps, decided without VS Code so it can be
 * tested alone. Lines of the log that are no whole record (a torn or edited line) were skipped by the read: a
 * policy only they kept is not offered, so the picker says how many, in the history node's words.
 */
import { skippedLinesLabel } from '../../core/root/auditLog';

export function keptPolicyPlaceholder(offered: number, skippedLines: number): string {
  const ask = offered ? 'Pick the policy to put back' : 'The audit log keeps no removed policy';
  if (!skippedLines) return ask;
  return `${ask} · ${skippedLinesLabel(skippedLines)} (not a whole record): a policy only ${skippedLines === 1 ? 'it keeps' : 'they keep'} is not offered`;
}
