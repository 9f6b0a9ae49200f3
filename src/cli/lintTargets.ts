/**
 * Turns `rootguard lint` arguments into files: a file is taken as named (whatever its extension), a
 * folder is searched recursively for policy-like files, and a glob is matched from its static base.
 * node_modules and .git are never entered.
 */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

/** What a folder search picks up: JSON, JSONC, CloudFormation templates (`.template`, `.template.json`, YAML). */
const POLICY_FILE = /\.(json|jsonc|template|ya?ml)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface Targets {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Arguments that named nothing readable, each with a message. */
  errors: Array<{ path: string; message: string }>;
}

/** Resolves paths, folders and globs (relative to `cwd`) into the files to lint. */
export function collectTargets(args: readonly string[], cwd: string): Targets {
  const files = new Set<string>();
  const errors: Targets['errors'] = [];
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    const stat = statOrUndefined(absolute);
    if (stat?.isDirectory()) walk(absolute, (file) => POLICY_FILE.test(file) && files.add(file), errors);
    else if (stat) files.add(absolute);
    else if (picomatch.scan(arg).isGlob) collectGlob(arg, cwd, files, errors);
    else errors.push({ path: arg, message: 'no such file or folder' });
  }
  return { files: [...files].sort(), errors };
}

function collectGlob(glob: string, cwd: string, files: Set<string>, errors: Targets['errors']): void {
  const { base } = picomatch.scan(glob);
  const root = path.resolve(cwd, base || '.');
  const matcher = picomatch(path.resolve(cwd, glob).split(path.sep).join('/'), { dot: false });
  const before = files.size;
  if (statOrUndefined(root)?.isDirectory()) walk(root, (file) => matcher(file.split(path.sep).join('/')) && files.add(file), errors);
  if (files.size === before) errors.push({ path: glob, message: 'the glob matches no file' });
}

/** Depth-first over a folder; unreadable folders are reported and skipped. */
function walk(dir: string, visit: (file: string) => unknown, errors: Targets['errors']): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    errors.push({ path: dir, message: describeError(err) });
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(full, visit, errors);
    } else if (entry.isFile() || (entry.isSymbolicLink() && statOrUndefined(full)?.isFile())) {
      visit(full);
    }
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** A file-system error as one short line (`EACCES: permission denied`), without the path node already prints. */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    const message = err instanceof Error ? err.message.split(',')[0].replace(/^[A-Z]+: /, '') : '';
    return `${err.code}: ${message}`;
  }
  return err instanceof Error ? err.message : String(err);
}
