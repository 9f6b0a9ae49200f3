/**
 * RG009 unknown-action: an action IAM does not have grants or denies nothing. In an Allow that is a broken
 * feature; in a Deny it is a guardrail with a hole. Names compare case-insensitively, as IAM does, and a
 * wildcard must match at least one action. The action data is the build-time index (actions.ts).
 */
import { BoundedMemo } from '../../boundedMemo';
import { UNKNOWN_PART } from '../../policy';
import { knownAction, knownService, matchesAnyAction, serviceActions, servicePrefixes } from '../actions';
import { replaceNode } from '../edits';
import { hasWildcard } from '../match';
import type { Fix, Located, Rule } from '../model';
import { nearest } from '../spelling';

export const unknownAction: Rule = {
  meta: {
    id: 'RG009',
    name: 'unknown-action',
    defaultSeverity: 'warning',
    description: 'A service or action that IAM does not have, or a wildcard that matches no action.',
  },
  checkFile(context) {
    for (const document of context.documents) {
      for (const statement of document.statements) {
        const element = statement.action;
        if (!element) continue;
        const label = element.negated ? 'NotAction' : 'Action';
        for (const action of element.values) {
          const problem = checkAction(action.value);
          if (problem) context.report({ document, node: action.node, message: `${label} ${problem.message}`, fixes: problem.fix ? [problem.fix(action)] : [] });
        }
      }
    }
  },
};

interface ActionProblem {
  message: string;
  fix?: (action: Located<string>) => Fix;
}

function replaceWith(suggestion: string): (action: Located<string>) => Fix {
  return (action) => ({ title: `Replace with "${suggestion}"`, edits: [replaceNode(action.node, JSON.stringify(suggestion))], preferred: true });
}

/**
 * Verdicts by action name, `null` for a known action: a run names the same actions in file after file, and
 * a suggestion costs a search. One `get` per action, not `has` then `get`: every name is a fresh string
 * from the parser, so each lookup hashes it anew, and this runs for every action of every policy.
 */
const verdicts = new BoundedMemo<string, ActionProblem | null>(20_000);

/** What is wrong with one action name, or undefined when IAM has it. */
function checkAction(value: string): ActionProblem | undefined {
  const cached = verdicts.get(value);
  if (cached !== undefined) return cached ?? undefined;
  const verdict = judgeAction(value);
  verdicts.set(value, verdict ?? null);
  return verdict;
}

/**
 * The service a misspelled prefix most likely means, by prefix: a policy naming an unknown service names it in
 * action after action (`iot1click:Get*`, `iot1click:List*`, ...), and each search measures it against every
 * service IAM has.
 */
const serviceSuggestions = new BoundedMemo<string, string | null>(1_000);

function serviceSuggestion(service: string): string | undefined {
  const cached = serviceSuggestions.get(service);
  if (cached !== undefined) return cached ?? undefined;
  const suggestion = nearest(service, servicePrefixes());
  serviceSuggestions.set(service, suggestion ?? null);
  return suggestion;
}

function judgeAction(value: string): ActionProblem | undefined {
  // "*" is every action; a CloudFormation or Terraform substitution, or a part an intrinsic function leaves
  // unknown (`!FindInMap`, `!Ref`), is only known at deploy time.
  if (value === '*' || value.includes('${') || value.includes(UNKNOWN_PART)) return undefined;
  const colon = value.indexOf(':');
  if (colon <= 0) return { message: `"${value}" is not of the form service:action, such as "s3:GetObject".` };
  const service = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (!hasWildcard(service) && !knownService(service)) {
    const suggestion = serviceSuggestion(service);
    return {
      message: `"${value}": IAM has no service "${service}"${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      fix: suggestion ? replaceWith(`${suggestion}:${name}`) : undefined,
    };
  }
  if (hasWildcard(value)) {
    return matchesAnyAction(value) ? undefined : { message: `"${value}" matches no action${hasWildcard(service) ? '' : ` of ${service}`}. Check the spelling.` };
  }
  if (knownAction(value)) return undefined;
  const suggestion = nearest(name, serviceActions(service));
  return {
    message: `"${value}": ${service} has no action "${name}"${suggestion ? `; did you mean "${service}:${suggestion}"?` : '.'}`,
    fix: suggestion ? replaceWith(`${service}:${suggestion}`) : undefined,
  };
}
