/**
 * Reads one file for `rootguard lint` (and the policy files of `rootguard simulate`), refusing what would
 * hang or exhaust the process: devices, FIFOs and sockets (a symlink to /dev/zero never ends), and files
 * over MAX_LINT_FILE_BYTES (read no further than the size first seen, whatever the file grows to while it
 * is read).
 */
import fs from 'node:fs';
import path from 'node:path';
import { MODULE_FILE_LIMIT, type ModuleFile } from '../core/lint/iac/terraformModule';
import { MAX_LINT_FILE_BYTES, MAX_PLAN_FILE_BYTES, megabytes } from '../core/lint/limits';
import { type FileEncoding, decodeFile } from '../core/text/fileEncoding';
import { describeError, isWithinFolder } from './lintTargets';

/**
 * The text, decoded as an editor decodes it (see decodeFile), and how the file is saved; or why it was not
 * read, and whether it is a Terraform plan (whose policies then go unchecked: an error, found in a folder too).
 */
export type ReadOutcome = { text: string; encoding: FileEncoding } | { refused: string; plan?: boolean; holdsNoStatement?: boolean };

/**
 * `plan`: the file is given as a Terraform plan (`--type terraform-plan`, a configured type), which may be
 * larger than `limit`; other files are known as plans by their content.
 */
export function readLintFile(file: string, limit = MAX_LINT_FILE_BYTES, plan = false): ReadOutcome {
  let stat: fs.Stats;
  try {
    // stat before open: opening a FIFO blocks until a writer comes.
    stat = fs.statSync(file);
  } catch (err) {
    return { refused: describeError(err) };
  }
  if (!stat.isFile()) return { refused: `not a regular file (${kindOf(stat)})` };
  if (stat.size <= limit) return readWhole(file, stat.size);
  if (stat.size > MAX_PLAN_FILE_BYTES) {
    if (!plan && !startsAsPlan(file)) return { refused: tooLarge(stat.size, limit) };
    return { refused: `a Terraform plan of ${megabytes(stat.size)}, over the ${megabytes(MAX_PLAN_FILE_BYTES)} the linter reads: its policies are not checked`, plan: true };
  }
  // Up to the plan limit, read to see: a plan whose keys were sorted (jq -S) starts with its configuration.
  // Read anyway, a JSON file's text also tells whether it can hold a policy: a policy document, a permission
  // set's inline policy, a template's (but for those AWS::Include or a SAM policy template bring) all write
  // `Statement`; a package-lock.json does not. Terraform and YAML name policies in other files or build them.
  const read = readWhole(file, stat.size);
  if (plan || !('text' in read) || readsAsPlan(read.text)) return read;
  return { refused: tooLarge(stat.size, limit), holdsNoStatement: /\.jsonc?$/i.test(file) && !MAY_HOLD_A_POLICY.test(read.text) };
}

/**
 * The word, an escape that may spell part of it (`"\u0053tatement"` is a policy's Statement key), or a
 * CloudFormation type (`AWS::`), whose template may bring a policy without the word.
 */
const MAY_HOLD_A_POLICY = /statement|AWS::|\\u[0-9a-f]/i;

/** The file's bytes, up to the size first seen, decoded. */
function readWhole(file: string, size: number): ReadOutcome {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    // One byte more than the file had: filling it means the file grew while it was read.
    const buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length === buffer.length) return { refused: 'changed while it was read' };
    return decodeFile(buffer.subarray(0, length));
  } catch (err) {
    return { refused: describeError(err) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The folder a linted file may read other files in, and how people call it (`the folder linted`). */
export interface ReadScope {
  folder: string;
  name: string;
}

/**
 * Reads a file named from inside another (Terraform's `file("...")`, `templatefile()`) as safely as a linted
 * file, and only inside the linted file's scope: like a symbolic link out of the folder linted, a
 * `file("/home/me/.aws/x.json")` or `file("../../x.json")` must not have its text read and echoed into a report.
 */
export function besideReader(scopeOf: (fromPath: string) => ReadScope): (fromPath: string, relativePath: string) => string | { unreadable: string } {
  return (fromPath, relativePath) => {
    const file = path.resolve(path.dirname(fromPath), relativePath);
    const scope = scopeOf(fromPath);
    if (!isWithinFolder(scope.folder, file)) return { unreadable: `a file outside ${scope.name}, not read` };
    const read = readLintFile(file);
    if ('refused' in read) return { unreadable: read.refused };
    // Terraform reads the file as UTF-8, byte order mark included (and sends it), and refuses anything else.
    if (read.encoding === 'utf8bom') return `\uFEFF${read.text}`;
    return read.encoding === 'utf8' ? read.text : { unreadable: 'saved as UTF-16, and Terraform reads only UTF-8' };
  };
}

/**
 * For one run: the `.tf` files of the folder a file is in (a Terraform module), each read as the lint reads
 * it, one array per folder, so that the module is read once (see iac/terraformModule.ts). Files that
 * cannot be read are left out, as Terraform would fail on them before deploying anything.
 */
export function terraformModules(): (fromPath: string) => readonly ModuleFile[] | undefined {
  const modules = new Map<string, readonly ModuleFile[]>();
  return (fromPath) => {
    const dir = path.dirname(fromPath);
    let files = modules.get(dir);
    if (files === undefined) {
      files = moduleFilesOf(dir);
      modules.set(dir, files);
    }
    return files.some((file) => file.path === fromPath) ? files : undefined;
  };
}

/**
 * For one run: the `.tf` files of a module a Terraform file calls from a folder (`source = "./scp"`), read
 * only inside the file's scope as besideReader reads files, one array per folder.
 */
export function moduleFolderReader(scopeOf: (fromPath: string) => ReadScope): (fromPath: string, relativeFolder: string) => readonly ModuleFile[] | { unreadable: string } {
  const folders = new Map<string, readonly ModuleFile[]>();
  return (fromPath, relativeFolder) => {
    const dir = path.resolve(path.dirname(fromPath), relativeFolder);
    const scope = scopeOf(fromPath);
    if (!isWithinFolder(scope.folder, dir)) return { unreadable: `a folder outside ${scope.name}, not read` };
    let files = folders.get(dir);
    if (files === undefined) {
      // A file linked from outside the scope is left out, as besideReader refuses it.
      files = moduleFilesOf(dir).filter((file) => isWithinFolder(scope.folder, file.path));
      folders.set(dir, files);
    }
    if (files.length > MODULE_FILE_LIMIT) return { unreadable: `it has more than ${MODULE_FILE_LIMIT} .tf files, more than the linter reads as one module` };
    return files.length ? files : { unreadable: 'no .tf file in it can be read' };
  };
}

function moduleFilesOf(dir: string): ModuleFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => /\.tf$/i.test(name)).sort();
  } catch {
    return [];
  }
  // One more than a module is read with: the linter then reads each file alone.
  return names.slice(0, MODULE_FILE_LIMIT + 1).flatMap((name): ModuleFile[] => {
    const file = path.join(dir, name);
    const read = readLintFile(file);
    // Terraform reads UTF-8 only; the text is the one the lint reads, without a byte order mark.
    return 'refused' in read || (read.encoding !== 'utf8' && read.encoding !== 'utf8bom') ? [] : [{ path: file, text: read.text }];
  });
}

/** A `terraform show -json` plan as written: its first bytes name the Terraform version and the plan format. */
function startsAsPlan(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(512);
    const length = fs.readSync(fd, head, 0, head.length, 0);
    return readsAsPlan(head.subarray(0, length).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A plan in whatever key order: a JSON object naming the plan format and the Terraform version. */
function readsAsPlan(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes('"format_version"') && text.includes('"terraform_version"');
}

function tooLarge(size: number, limit: number): string {
  return `${megabytes(size)}, over the ${megabytes(limit)} the linter reads (no policy or CloudFormation template is that large)`;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
