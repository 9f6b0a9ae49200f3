/**
 * What tells apart the instances a loop makes of one written statement (a template's `Fn::ForEach`, a
 * Terraform resource's `for_each` or `dynamic "statement"`), so that a hover can say what each one does.
 * Each instance is a document of its own origin (`Resources.RootAudit...`, `aws_iam_policy.p["a"].policy`),
 * or a statement of its own in one document (a dynamic statement, one per value).
 */
import type { PolicyDocument } from '../lint/model';
import { UNKNOWN_PART, statementName } from '../policy';

/**
 * A label per reading (in order), naming its instance; all empty when the readings are of one instance
 * (a statement read once per side of its template conditions is one).
 */
export function instanceLabels(readings: readonly { document: PolicyDocument; statement: number }[]): string[] {
  const origins = originLabels(readings.map(({ document }) => document.origin));
  // A document holding several of the readings' statements holds one per value of a dynamic statement.
  const perDocument = new Set(readings.map(({ document, statement }) => `${documentKey(document)}\u0000${statement}`));
  const statementsApart = perDocument.size > new Set(readings.map(({ document }) => documentKey(document))).size;
  return readings.map(({ document, statement }, i) => {
    const own = statementsApart ? statementLabel(document, statement) : '';
    return [origins[i], own].filter(Boolean).join(' ');
  });
}

/** The readings of one side of the template conditions share a document's origin and reading. */
function documentKey(document: PolicyDocument): string {
  return `${document.origin}\u0000${document.reading?.key ?? ''}`;
}

/**
 * The origins without the path they share at their end (`Resources.RootAudit` of
 * `Resources.RootAudit.Properties.PolicyDocument`); all empty when there is one origin.
 */
function originLabels(origins: readonly string[]): string[] {
  const distinct = [...new Set(origins)];
  if (distinct.length < 2) return origins.map(() => '');
  const parts = distinct.map((origin) => origin.split('.'));
  let shared = 0;
  while (shared < Math.min(...parts.map((p) => p.length)) - 1 && parts.every((p) => p[p.length - 1 - shared] === parts[0][parts[0].length - 1 - shared])) shared++;
  return origins.map((origin) => {
    const own = origin.split('.');
    return own.slice(0, own.length - shared).join('.');
  });
}

/** A statement by its Sid where it has one known here, else by its place (`statement 2`). */
function statementLabel(document: PolicyDocument, index: number): string {
  const sid = document.statements.find((s) => s.index === index)?.sid?.value;
  return sid && !sid.includes(UNKNOWN_PART) ? `statement ${sid}` : statementName(index);
}
