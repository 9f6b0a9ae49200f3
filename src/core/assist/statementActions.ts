/** What a statement's `Action` names, read from its (possibly half-written) node, for completion and hover. */
import type { Node } from 'jsonc-parser';
import { matchingActions } from '../lint/actions';
import { statementElements } from '../lint/statements';

/**
 * Beyond this many actions a statement is about "everything" (`*`, `iam:*` and more): its service condition
 * keys and resource types would be thousands of entries, so completion offers the global keys and `*` only.
 */
export const MAX_ACTIONS_FOR_DETAILS = 1000;

/** The string values of a statement element (a string or a list of them). */
export function elementStrings(statement: Node, element: 'Action' | 'NotAction' | 'Resource' | 'NotResource'): string[] {
  const value = statementElements(statement)[element]?.children?.[1];
  if (value?.type === 'string') return [value.value as string];
  if (value?.type === 'array') return (value.children ?? []).flatMap((n) => (n.type === 'string' ? [n.value as string] : []));
  return [];
}

/**
 * The actions the statement's `Action` covers (documented spelling), or undefined when it covers too many
 * to list details for, or says `NotAction` (then it covers nearly everything).
 */
export function statementActions(statement: Node): string[] | undefined {
  if (statementElements(statement).NotAction) return undefined;
  const actions = new Set<string>();
  for (const pattern of elementStrings(statement, 'Action')) {
    for (const action of matchingActions(pattern)) {
      actions.add(action);
      if (actions.size > MAX_ACTIONS_FOR_DETAILS) return undefined;
    }
  }
  return [...actions];
}
