/** RG001 invalid-json: the file, or a policy written as a JSON string inside it, does not parse. */
import type { ParseProblem, PolicyDocument, Rule } from '../model';
import { MAX_PARSE_ERRORS } from '../parse';

export const invalidJson: Rule = {
  meta: {
    id: 'RG001',
    name: 'invalid-json',
    defaultSeverity: 'error',
    description: 'The file, or a policy written as a JSON string inside it, is not valid JSON.',
  },
  checkFile(context) {
    const [first] = context.parseErrors;
    if (first) context.report({ range: first.range, message: describe(first, context.parseErrors.length, undefined, syntaxOf(context.path)) });
    for (const document of context.documents) {
      const [firstInDocument] = document.parseErrors ?? [];
      if (!firstInDocument) continue;
      context.report({ document, range: firstInDocument.range, message: describe(firstInDocument, document.parseErrors!.length, document, 'JSON') });
    }
  },
};

/** Only the first error is reported: after it the parser's recovery makes the rest guesswork. */
function describe(error: ParseProblem, count: number, document: PolicyDocument | undefined, syntax: string): string {
  const where = document ? ` in the policy string at ${document.origin}` : '';
  const atLeast = count >= MAX_PARSE_ERRORS ? 'at least ' : '';
  const more = count > 1 ? ` (${atLeast}${count - 1} more error${count > 2 ? 's' : ''} may follow from it)` : '';
  return `Invalid ${syntax}${where}: ${error.message}${more}. Fix the syntax here; nothing after it can be checked reliably.`;
}

/** The syntax a file is read in, by its name (the linter reads `.yaml`/`.yml` as YAML and `.tf` as HCL). */
function syntaxOf(path: string): string {
  if (/\.ya?ml$/i.test(path)) return 'YAML';
  if (/\.tf$/i.test(path)) return 'HCL';
  return 'JSON';
}
