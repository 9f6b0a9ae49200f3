/**
 * The locals the other files of a Terraform module write (`locals.tf`), for a policy in this file that names
 * one in part (`Action = local.root_actions`): read from a file of their own, parsed once per lint of this
 * file, and placed where this file uses them (sourceTree.placedAt). A local that is a whole policy is linted
 * in the file that writes it instead (terraformModule.ts).
 */
import type { HclNode } from './hclParser';

/** One file of the module's other locals, as Terraform would read them: `locals { name = <expression> }`. */
export function localsFile(locals: ReadonlyMap<string, string>): string {
  return `locals {\n${[...locals].map(([name, expression]) => `${name} = ${expression}\n`).join('')}}\n`;
}

/** Each linted file's tree, with the tree of its module's other locals. */
const moduleLocals = new WeakMap<HclNode, HclNode>();

/** Gives `file`'s expressions the module's other locals, parsed as `localsFile` writes them. */
export function withModuleLocals(file: HclNode, locals: HclNode): void {
  moduleLocals.set(file, locals);
}

/** The tree of the module's other locals for the file `root` is the tree of; undefined outside a module. */
export function moduleLocalsOf(root: HclNode): HclNode | undefined {
  return moduleLocals.get(root);
}
