/** Iteration helpers shared by the statement-level rules. */
import type { FileContext, PolicyDocument, Statement } from '../model';

/** Calls `check` for every statement of every document the rule sees (already filtered by `appliesTo`). */
export function forEachStatement(context: FileContext, check: (document: PolicyDocument, statement: Statement) => void): void {
  for (const document of context.documents) {
    for (const statement of document.statements) check(document, statement);
  }
}

/** Calls `check` for every `Allow` statement. */
export function forEachAllow(context: FileContext, check: (document: PolicyDocument, statement: Statement) => void): void {
  forEachStatement(context, (document, statement) => {
    if (statement.effect?.value === 'Allow') check(document, statement);
  });
}
