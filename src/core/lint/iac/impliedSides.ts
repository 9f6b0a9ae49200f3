/**
 * What the decided sides of a factor too large to enumerate (conditionLogic.ts) still say about its
 * conditions. Read as independent, a policy's `NotAllOn` would be read true inside the resource that exists
 * only where `AllOn` holds, and a finding of that impossible reading reported. The sides decided are taken
 * down into their parts (`AllOn` true: each part of its `Fn::And` true, each parameter it compares equal to
 * its value), then each formula built from those parts is evaluated where they decide it. This never
 * enumerates anything: it is linear in the formulas, and it only ever rules out what cannot hold.
 */
import type { Formula } from './conditionLogic';

/** Whether a formula holds wherever the decided sides do: true or false, or undefined where that depends. */
export type ImpliedSide = (formula: Formula) => boolean | undefined;

/**
 * The sides the `decided` ones imply, over `formulas` (each once, after its parts, as conditionLogic.ts
 * orders them); undefined when the decided sides contradict each other, and so never hold together.
 */
export function impliedSides(decided: readonly { formula: Formula; holds: boolean }[], formulas: readonly Formula[]): ImpliedSide | undefined {
  const facts = decidedFacts(decided);
  if (!facts) return undefined;
  const { known, subjectIs, subjectIsNot } = facts;
  const implied = new Map<Formula, boolean | undefined>();
  const of = (formula: Formula) => implied.get(formula);
  for (const formula of formulas) {
    let side: boolean | undefined;
    if (formula.kind === 'constant') side = formula.holds;
    else if (formula.kind === 'equals') {
      const is = subjectIs.get(formula.subject);
      side = is !== undefined ? is === formula.value : subjectIsNot.get(formula.subject)?.has(formula.value) ? false : undefined;
    } else if (formula.kind === 'not') side = of(formula.of) === undefined ? undefined : !of(formula.of);
    else {
      const sides = formula.of.map(of);
      // An Fn::And is false where any part is, true where every part is; an Fn::Or the other way round.
      const decisive = formula.kind === 'or';
      side = sides.includes(decisive) ? decisive : sides.every((s) => s === !decisive) ? !decisive : undefined;
    }
    const decidedSide = known.get(formula);
    if (decidedSide !== undefined && side !== undefined && side !== decidedSide) return undefined;
    implied.set(formula, decidedSide ?? side);
  }
  return of;
}

/** The decided sides, taken down into their parts; undefined where two of them contradict each other. */
function decidedFacts(decided: readonly { formula: Formula; holds: boolean }[]) {
  const known = new Map<Formula, boolean>();
  const subjectIs = new Map<string, string>();
  const subjectIsNot = new Map<string, Set<string>>();
  const work = decided.map(({ formula, holds }) => ({ formula, holds }));
  for (let next = work.pop(); next; next = work.pop()) {
    const { formula, holds } = next;
    if (known.has(formula)) {
      if (known.get(formula) !== holds) return undefined;
      continue;
    }
    known.set(formula, holds);
    if (formula.kind === 'constant' && formula.holds !== holds) return undefined;
    if (formula.kind === 'not') work.push({ formula: formula.of, holds: !holds });
    // An Fn::And that holds holds in every part; an Fn::Or that fails fails in every part.
    if ((formula.kind === 'and' && holds) || (formula.kind === 'or' && !holds)) for (const part of formula.of) work.push({ formula: part, holds });
    if (formula.kind !== 'equals') continue;
    const is = subjectIs.get(formula.subject);
    const isNot = subjectIsNot.get(formula.subject) ?? new Set<string>();
    if (holds) {
      if ((is !== undefined && is !== formula.value) || isNot.has(formula.value)) return undefined;
      subjectIs.set(formula.subject, formula.value);
    } else {
      if (is === formula.value) return undefined;
      subjectIsNot.set(formula.subject, isNot.add(formula.value));
    }
  }
  return { known, subjectIs, subjectIsNot };
}
