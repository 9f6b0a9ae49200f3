/**
 * The HCL (Terraform) parser: tree-sitter's Terraform grammar (`@tree-sitter-grammars/tree-sitter-hcl`,
 * Apache-2.0) run by `web-tree-sitter` (MIT) as WebAssembly, so it needs no native build and keeps the
 * source range of every node. Loading is asynchronous (WebAssembly compiles once); the parser is then
 * handed to the linter as a service and parses synchronously. Each parse is copied into plain objects
 * and the WebAssembly tree freed at once: fixes are built from the nodes long after the parse.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';

/** A node of the syntax tree, with the navigation the IaC reader and writer use. */
export class HclNode {
  readonly children: HclNode[] = [];
  parent: HclNode | undefined;
  hasError = false;
  /** On the root: the first node below MAX_TREE_DEPTH, whose children were not copied. */
  tooDeep: HclNode | undefined;

  constructor(
    private readonly source: string,
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly fieldName: string | undefined,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
  get isError(): boolean {
    return this.type === 'ERROR';
  }
  get namedChildren(): HclNode[] {
    return this.children.filter((c) => c.isNamed);
  }
  get namedChildCount(): number {
    return this.namedChildren.length;
  }
  get firstChild(): HclNode | undefined {
    return this.children[0];
  }
  get lastChild(): HclNode | undefined {
    return this.children[this.children.length - 1];
  }
  get firstNamedChild(): HclNode | undefined {
    return this.namedChildren[0];
  }
  get nextSibling(): HclNode | undefined {
    const siblings = this.parent?.children ?? [];
    return siblings[siblings.indexOf(this) + 1];
  }
  childForFieldName(name: string): HclNode | undefined {
    return this.children.find((c) => c.fieldName === name);
  }
}

export interface HclParser {
  parse<T>(text: string, read: (root: HclNode) => T): T;
}

/**
 * How deep a syntax tree is copied. Each level of nested values takes at least three (an expression, a
 * collection, an element), so what is read stays within the 256 levels the JSON reader takes from the
 * policy it becomes. The readers after the parser recurse: a 6 KB file of nested lists overflowed the stack.
 */
export const MAX_TREE_DEPTH = 768;

/**
 * Copies the tree under the cursor into HclNodes, iteratively (deep files must not overflow the stack), no
 * deeper than MAX_TREE_DEPTH: the root's `tooDeep` then names where it stopped.
 */
function copyTree(cursor: TreeCursor, source: string): HclNode {
  const make = (parent: HclNode | undefined) => {
    const node = new HclNode(source, cursor.nodeType, cursor.startIndex, cursor.endIndex, cursor.nodeIsNamed, cursor.nodeIsMissing, cursor.currentFieldName ?? undefined);
    node.parent = parent;
    parent?.children.push(node);
    return node;
  };
  const root = make(undefined);
  let current = root;
  let depth = 0;
  for (;;) {
    if (depth === MAX_TREE_DEPTH) root.tooDeep ??= current;
    else if (cursor.gotoFirstChild()) {
      current = make(current);
      depth++;
      continue;
    }
    for (;;) {
      if (current.isError || current.isMissing) markError(current);
      if (current === root) return root;
      if (cursor.gotoNextSibling()) {
        current = make(current.parent);
        break;
      }
      cursor.gotoParent();
      current = current.parent!;
      depth--;
    }
  }
}

function markError(node: HclNode): void {
  for (let n: HclNode | undefined = node; n && !n.hasError; n = n.parent) n.hasError = true;
}

/** Where the WebAssembly files are: beside the bundle (dist/), else in node_modules (tests, tsx). */
function wasmPath(file: string, packageFile: string): string {
  const beside = path.join(__dirname, file);
  return fs.existsSync(beside) ? beside : require.resolve(packageFile);
}

let loading: Promise<HclParser> | undefined;

/** Loads the parser once per process. */
export function loadHclParser(): Promise<HclParser> {
  loading ??= (async () => {
    const runtime = wasmPath('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtime });
    const language = await Language.load(wasmPath('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return {
      parse<T>(text: string, read: (root: HclNode) => T): T {
        const tree = parser.parse(text);
        if (!tree) throw new Error('the HCL parser returned no tree');
        let root: HclNode;
        const cursor = tree.walk();
        try {
          root = copyTree(cursor, text);
        } finally {
          cursor.delete();
          tree.delete();
        }
        return read(root);
      },
    };
  })();
  return loading;
}
