/**
 * Memoisation of the analyses several rules make of the same statement (which task policies it
 * permits, whether it covers every resource): the rules run one after another over the same statements,
 * and each asked again. The model is read once per lint and never changed, so an answer holds as long as
 * the statement object lives; a WeakMap keyed by that object lets the answer go with it.
 * Answers are shared between the rules: callers must not modify them.
 */
import type { Statement } from '../model';

/** Wraps an analysis (whose answer is never undefined, so that one lookup tells whether it is known). */
export function perStatement<T extends object | boolean>(analyse: (statement: Statement) => T): (statement: Statement) => T {
  const answers = new WeakMap<Statement, T>();
  return (statement) => {
    let answer = answers.get(statement);
    if (answer === undefined) {
      answer = analyse(statement);
      answers.set(statement, answer);
    }
    return answer;
  };
}
