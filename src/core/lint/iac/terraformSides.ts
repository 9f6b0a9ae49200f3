/**
 * The sides of a Terraform file's conditionals its policies are read on. A conditional that chooses a whole
 * policy (`policy = var.strict ? data.a.json : data.b.json`) is read side by side as the reader follows it;
 * a policy with conditionals inside (`Action = var.strict ? ... : ...`) is read once per choice of their
 * sides (intrinsics.ts), within one bound for all such policies of the file, as a template's are
 * (templateReadings.ts): identical policies get the same answer wherever the file writes them.
 */
import { sidesKey } from '../templateSides';
import type { ParseProblem, PolicyDocument, TemplateBranch, TemplateReading } from '../model';
import { canHoldTogether } from './conditionLogic';
import { type ForEachTree, leavesOf } from './dynamicBlocks';
import { hclConditionLogic } from './hclConditions';
import type { HclNode } from './hclParser';
import { unwrap } from './hclValues';
import { ifConditions } from './intrinsics';
import { readingsOf } from './valueReadings';
import type { IacValue } from './sourceTree';
import { type DocumentSite, type SourceWriter, synthesizedDocument } from './synthesized';
import { templateReadingsCap } from './templateReadings';
/**
 * The sides of the conditionals a whole policy is chosen by (`policy = var.strict ? data.a.json : data.b.json`),
 * with how many ways the outermost one can go (`paths`): a policy found on fewer paths holds only on its sides.
 */
export interface Sides {
  branches: readonly TemplateBranch[];
  key: string;
  paths: number;
}

export const NO_SIDES: Sides = { branches: [], key: '', paths: 1 };

/** Reads each side of a conditional policy with the side taken; the paths of the outermost count for all. */
export function readSides(node: HclNode, read: (side: HclNode, sides: Sides) => void, outer: Sides): void {
  const [test, whenTrue, whenFalse] = node.namedChildren.filter((c) => c.type === 'expression');
  if (!test || !whenTrue || !whenFalse) return;
  const condition = test.text.replace(/\s+/g, ' ').trim();
  const paths = outer.branches.length ? outer.paths : pathsOf(node);
  for (const [side, holds] of [[whenTrue, true], [whenFalse, false]] as const) {
    const branches = [...outer.branches, { condition, holds }];
    // The sides around one policy are few: a budget of their own, not the file's.
    if (canHoldTogether(branches, hclConditionLogic())) read(side, { branches, key: sidesKey(branches), paths });
  }
}

/**
 * The sides on which a `dynamic` block is made, one per way its `for_each`'s conditionals go that makes it
 * (none for `[]`, the true side only for `var.on ? [1] : []`), each with how many ways they can go.
 */
export function sidesWhereMade(presence: ForEachTree<boolean>): Sides[] {
  const paths = leavesOf(presence);
  const logic = hclConditionLogic();
  const walk = (tree: ForEachTree<boolean>, branches: TemplateBranch[]): Sides[] => {
    if ('leaf' in tree) return tree.leaf ? [branches.length ? { branches, key: sidesKey(branches), paths } : NO_SIDES] : [];
    const condition = String(tree.condition.value);
    return [true, false].flatMap((holds) => {
      const taken = [...branches, { condition, holds }];
      return canHoldTogether(taken, logic) ? walk(holds ? tree.whenTrue : tree.whenFalse, taken) : [];
    });
  };
  return walk(presence, []);
}

/** How many ways a (nested) conditional can go. */
function pathsOf(node: HclNode): number {
  const inner = unwrap(node);
  if (inner.type !== 'conditional') return 1;
  const [, whenTrue, whenFalse] = inner.namedChildren.filter((c) => c.type === 'expression');
  return (whenTrue ? pathsOf(whenTrue) : 1) + (whenFalse ? pathsOf(whenFalse) : 1);
}

/** A reading of a policy chosen by conditionals, its own conditionals' reading (`inner`) included. */
export function combined(sides: Sides, inner: TemplateReading | undefined): TemplateReading {
  const decided = new Set(sides.branches.map((b) => b.condition));
  const branches = [...sides.branches, ...(inner?.branches ?? []).filter((b) => !decided.has(b.condition))];
  return { branches, key: sidesKey(branches), readings: sides.paths * (inner?.readings ?? 1) };
}

/** A policy written in place with the sides of the conditionals that chose it, to be read on its own conditionals' sides. */
export interface ConditionalPolicy {
  value: IacValue;
  site: DocumentSite;
  sides: Sides;
}

/**
 * The file's documents, each conditional policy read in its place: once per side of its conditionals a
 * deployment can have with those around it (`!var.strict` false inside `var.strict`'s false side is none),
 * within the file's bound; what is only partly read goes to `unchecked`.
 */
export function readConditionalPolicies(documents: readonly (PolicyDocument | ConditionalPolicy)[], writer: SourceWriter, unchecked: ParseProblem[]): PolicyDocument[] {
  const conditional = documents.filter((d): d is ConditionalPolicy => 'sides' in d);
  // Found before any is read: the file's bound on readings is one for all of its policies.
  const cap = templateReadingsCap(conditional.map(({ value }) => ({ value })), 'file');
  const logic = hclConditionLogic();
  return documents.flatMap((entry) => {
    if (!('sides' in entry)) return [entry];
    const { value, site, sides } = entry;
    if (!ifConditions(value).length) return value.kind === 'map' ? [withSides(synthesizedDocument(value, site, writer), sides)] : [];
    const read = readingsOf(value, { logic, decided: sides.branches, cap });
    if (read.partly) unchecked.push({ message: `${site.origin} is only partly checked: ${read.partly}.`, range: value.range });
    return read.readings.flatMap(({ value: resolved, reading }) => (resolved?.kind === 'map' ? [withSides(synthesizedDocument(resolved, site, writer), sides, reading)] : []));
  });
}

/** A document read on the sides that chose it, and on its own conditionals' (`inner`). */
export function withSides(document: PolicyDocument, sides: Sides, inner?: TemplateReading): PolicyDocument {
  return sides.branches.length || inner ? { ...document, reading: combined(sides, inner) } : document;
}
