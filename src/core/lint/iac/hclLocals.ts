/**
 * The locals a Terraform file can name (`local.x`): those its own `locals` blocks write, then those the
 * other files of its module write (moduleLocals.ts), by name, as their value expressions; with what the
 * file has spent reading through them and iterating, so that neither can multiply the work.
 */
import type { HclNode } from './hclParser';
import { type IterationBudget, iterationBudget } from './iterationBudget';
import { moduleLocalsOf } from './moduleLocals';

/**
 * A parsed file's locals by name (their value expressions), the text read through them so far (`spent`),
 * and what its iterations may still copy (`iterations`).
 */
export interface FileLocals {
  locals: ReadonlyMap<string, HclNode>;
  spent: number;
  iterations: IterationBudget;
}

const fileLocals = new WeakMap<HclNode, FileLocals>();

/** The root of the tree `node` is in: its file's, or that of the module's other locals (moduleLocals.ts). */
export function rootOf(node: HclNode): HclNode {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

/** The locals of the file `node` is in. */
export function localsOf(node: HclNode): FileLocals {
  const root = rootOf(node);
  let file = fileLocals.get(root);
  if (!file) {
    const locals = new Map<string, HclNode>();
    const blocks = root.namedChildren.find((c) => c.type === 'body')?.namedChildren.filter((c) => c.type === 'block') ?? [];
    for (const block of blocks.filter((b) => b.namedChildren[0]?.text === 'locals')) {
      for (const attribute of block.namedChildren.find((c) => c.type === 'body')?.namedChildren.filter((c) => c.type === 'attribute') ?? []) {
        const [name, value] = [attribute.namedChildren[0], attribute.namedChildren[attribute.namedChildCount - 1]];
        if (name && value && name !== value) locals.set(name.text, value);
      }
    }
    file = { locals, spent: 0, iterations: iterationBudget() };
    fileLocals.set(root, file);
  }
  return file;
}

/**
 * The expression of the local `name` as the file `node` is in reads it: its own, else the module's other
 * files' (`elsewhere`); undefined where neither writes it.
 */
export function writtenLocal(node: HclNode, name: string): { expression: HclNode; elsewhere: boolean } | undefined {
  const own = localsOf(node).locals.get(name);
  if (own) return { expression: own, elsewhere: false };
  const others = moduleLocalsOf(rootOf(node));
  const expression = others && localsOf(others).locals.get(name);
  return expression ? { expression, elsewhere: true } : undefined;
}
