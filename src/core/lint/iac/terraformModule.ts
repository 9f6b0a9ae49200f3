/**
 * A Terraform module is all the `.tf` files of its folder: a resource in `main.tf` commonly takes its policy
 * from a `data "aws_iam_policy_document"` in `iam.tf`, or from a local in `locals.tf`. Each file is still
 * linted on its own, with what the others define and use: a document or local another file defines is
 * linted there (not reported as unchecked here), and this file's own are linted as the other files use them
 * (a document an SCP resource of `main.tf` uses is an SCP, not an identity policy by default).
 */
import type { DocumentSite } from './synthesized';
import type { HclParser } from './hclParser';
import { readTerraformNames } from './terraform';
import type { ReadModuleFolder } from './terraformModuleCalls';
import type { Sides } from './terraformSides';

/**
 * The policy documents and locals of a file, by name; the locals' expressions as written; the ARNs its
 * `data "aws_iam_policy"` blocks find, by name (managedPolicyData.ts).
 */
export interface ModuleNames {
  documents: ReadonlySet<string>;
  locals: ReadonlySet<string>;
  localTexts: ReadonlyMap<string, string>;
  managedPolicies: ReadonlyMap<string, string>;
}

/** A resource's policy given by a document or local, as the resource uses it. */
export interface NamedUse {
  kind: 'document' | 'local';
  name: string;
  site: DocumentSite;
  sides: Sides;
}

/** What one file of a module needs of the others. */
export interface ModuleContext {
  /** The file that defines each name the module's other files define, by `document:NAME` or `local:NAME`. */
  definedIn: ReadonlyMap<string, string>;
  /** The other files' uses of names; those this file defines are linted here. */
  incoming: readonly NamedUse[];
  /** This file's documents another file's documents merge (`source_policy_documents`). */
  mergedElsewhere: ReadonlySet<string>;
  /** The locals the other files write, by name, as written: read where this file names one in a policy. */
  foreignLocals: ReadonlyMap<string, string>;
  /** The ARNs the other files' `data "aws_iam_policy"` blocks find, by name: followed where this file attaches one. */
  foreignManagedPolicies: ReadonlyMap<string, string>;
  /** This file's locals a policy of another file names in part, read (and linted) there, with that file's path. */
  localsUsedElsewhere: readonly LocalUsedElsewhere[];
}

/** A local of one file that a policy of another file of its module names. */
export interface LocalUsedElsewhere {
  name: string;
  path: string;
}

/** A file of a module, as read from disk. */
export interface ModuleFile {
  path: string;
  text: string;
}

/**
 * Files of one module read together at most: a folder of thousands of `.tf` files (generated, or hostile)
 * would make each file's lint read them all. Past this, each file is read alone, as without a module.
 */
export const MODULE_FILE_LIMIT = 200;

/**
 * The context of each file of a module, by path; read once per module (its files given as one array, the
 * same for each of them). Every file is parsed once more for it: what it defines and uses is only known by
 * reading it as the linter does (locals that hold locals, conditionals choosing documents), but not its
 * documents, which only their own file's lint builds.
 */
export function moduleContexts(files: readonly ModuleFile[], parser: HclParser, readModuleOf?: (path: string) => ReadModuleFolder): ReadonlyMap<string, ModuleContext> {
  const cached = known.get(files);
  if (cached) return cached;
  const contexts = new Map<string, ModuleContext>();
  if (files.length > 1 && files.length <= MODULE_FILE_LIMIT) {
    const reads = files.map((file) => ({ path: file.path, ...namesOf(file.text, parser, readModuleOf?.(file.path)) }));
    for (const file of reads) {
      const others = reads.filter((other) => other !== file);
      contexts.set(file.path, {
        incoming: others.flatMap((other) => other.externalUses).filter((use) => (use.kind === 'document' ? file.defines.documents : file.defines.locals).has(use.name)),
        definedIn: new Map(others.flatMap((other) => keysOf(other.defines).map((key): [string, string] => [key, other.path]))),
        mergedElsewhere: new Set(others.flatMap((other) => other.merges).filter((name) => file.defines.documents.has(name))),
        // A local written twice is an error Terraform reports; the first file's is read.
        foreignLocals: new Map(others.flatMap((other) => [...other.defines.localTexts]).reverse()),
        foreignManagedPolicies: new Map(others.flatMap((other) => [...other.defines.managedPolicies]).reverse()),
        localsUsedElsewhere: others.flatMap((other) =>
          other.localsInPolicies.filter((name) => file.defines.locals.has(name) && !other.defines.locals.has(name)).map((name) => ({ name, path: other.path })),
        ),
      });
    }
  }
  known.set(files, contexts);
  return contexts;
}

/**
 * What a file defines and uses, remembered by its text: the editor reads a module again at each edit of one
 * of its files, and the others have not changed. Not with `readModule`: the uses of a module call depend on
 * where the file is, and the module's folder; a run that reads them reads each module once (`known`).
 */
function namesOf(text: string, parser: HclParser, readModule: ReadModuleFolder | undefined): ReturnType<typeof readTerraformNames> {
  if (readModule) return readTerraformNames(text, parser, readModule);
  let names = namesByText.get(text);
  if (!names) {
    names = readTerraformNames(text, parser);
    // Bounded by the text it keeps, not the count: a module's files may be megabytes each.
    if (cachedCharacters + text.length > CACHED_CHARACTERS) {
      namesByText.clear();
      cachedCharacters = 0;
    }
    namesByText.set(text, names);
    cachedCharacters += text.length;
  }
  return names;
}

const CACHED_CHARACTERS = 8_000_000;
const namesByText = new Map<string, ReturnType<typeof readTerraformNames>>();
let cachedCharacters = 0;

/** `document:NAME` and `local:NAME` for each name defined. */
function keysOf(defines: ModuleNames): string[] {
  return [...[...defines.documents].map((name) => `document:${name}`), ...[...defines.locals].map((name) => `local:${name}`)];
}

const known = new WeakMap<readonly ModuleFile[], ReadonlyMap<string, ModuleContext>>();
