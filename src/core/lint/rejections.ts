/**
 * Whether AWS rejects a statement, and why: the one place that decides it, for the editor's hover,
 * `simulate` and the preflight (which refuse such a policy), and the rules that interpret statements (which
 * skip such a statement: what it would do, were it accepted, is no finding). It is rejected for the grammar
 * RG002 reports, or, failing that, for what the engine refuses to read (an unknown condition operator, a
 * Condition that is no object of operators), and for a principal element in an SCP or identity policy (RG008).
 */
import { enginePolicy, perDocument } from './enginePolicy';
import type { PolicyDocument, Statement } from './model';
import { statementGrammar } from './rules/RG002-invalid-grammar';
import { unsupportedPrincipal } from './rules/RG008-unsupported-element';

/** Why AWS rejects a statement of the document. */
export interface Rejection {
  /** Whatever the policy's type. */
  certain: readonly string[];
  /** Only as the type the linter assumed where the file does not say it (see `statementGrammar`). */
  assumedOnly: readonly string[];
}

/** Why AWS rejects statement `index` of the document. */
export function statementRejection(document: PolicyDocument, index: number): Rejection {
  const statement = document.statements.find((s) => s.index === index);
  return statement ? rejectionOf(document, statement) : { certain: enginePolicy(document).rejected?.[index] ?? [], assumedOnly: [] };
}

/** The indices of the document's statements AWS rejects whatever the policy's type. */
const rejectedStatements = perDocument((document): ReadonlySet<number> => {
  const rejected = document.statements.filter((statement) => rejectionOf(document, statement).certain.length > 0);
  return new Set(rejected.map((s) => s.index));
});

/**
 * The document as the rules that interpret statements read it: without the statements AWS rejects (RG002
 * reports them; what they would do, were they accepted, is noise), the same document when it has none.
 */
export const withoutRejectedStatements = perDocument((document): PolicyDocument => {
  const skipped = rejectedStatements(document);
  if (skipped.size === 0) return document;
  return { ...document, statements: document.statements.filter((s) => !skipped.has(s.index)), skippedStatements: skipped };
});

function rejectionOf(document: PolicyDocument, statement: Statement): Rejection {
  const grammar = statementGrammar(document, statement.node);
  const certain = grammar.certain.length ? grammar.certain.map((p) => p.message) : (enginePolicy(document).rejected?.[statement.index] ?? []);
  // A principal element where the file does not say the type speaks against the assumed type, not the statement.
  const principal = document.typeAssumed ? undefined : unsupportedPrincipal(document, statement);
  return { certain: principal ? [...certain, principal] : certain, assumedOnly: grammar.assumedOnly.map((p) => p.message) };
}
