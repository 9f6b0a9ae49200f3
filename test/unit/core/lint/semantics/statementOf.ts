/** Builds a model Statement from a plain object, through the real parser, for the semantics tables. */
import { parseJson } from '../../../../../src/core/lint/parse';
import { readStatements } from '../../../../../src/core/lint/statements';
import type { Statement } from '../../../../../src/core/lint/model';

export function statementOf(statement: object): Statement {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
  return readStatements(parseJson(text).root!)[0];
}

/** An `Allow` of `sts:AssumeRoot` on every account with the given condition. */
export function assumeRootWith(condition?: object, resource: unknown = '*'): Statement {
  return statementOf({ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: resource, ...(condition ? { Condition: condition } : {}) });
}
