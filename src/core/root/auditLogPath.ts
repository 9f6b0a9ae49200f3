/**
 * Whether a path can be the audit log, said in words before a command reads or writes it. A folder, a path
 * through a file or a log the user may not read had failed with Node's own words (`EISDIR: illegal operation
 * on a directory, read`), and a device or a pipe would be read without end. A missing log is no problem:
 * nothing was logged there yet, and a write creates it and its folders.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** `read`: history and audit join it; `write`: a task appends to it (restore-policy reads it first). */
export type AuditLogUse = 'read' | 'write';

/** What is wrong with `path` as the audit log (`a folder, not a file`), or undefined when nothing is. */
export async function auditLogPathProblem(path: string, use: AuditLogUse): Promise<string | undefined> {
  // `logs/new/` or `logs/.` names a folder whether or not it exists yet: a task would create it, then fail to write.
  if (NAMES_A_FOLDER.test(path)) return 'a folder, not a file: name the log file itself';
  try {
    const found = await stat(path);
    if (found.isDirectory()) return 'a folder, not a file: name the log file itself';
    if (!found.isFile()) return 'not a regular file (a device, a pipe or a socket)';
    await access(path, use === 'read' ? constants.R_OK : constants.R_OK | constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return auditLogFault(code, use);
    return use === 'write' ? folderProblem(dirname(path)) : undefined;
  }
}

const NAMES_A_FOLDER = /(^|[\\/])\.{0,2}$|[\\/]$/;

/** Why the log (or the folder it goes in) cannot be used, from the file system's error code. */
export function auditLogFault(code: string | undefined, use: AuditLogUse): string {
  const verb = use === 'read' ? 'read' : 'written';
  switch (code) {
    case 'ENOTDIR':
      return 'a part of the path before the file name is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return `cannot be ${verb}: permission denied`;
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'too long a path';
    default:
      return `cannot be ${verb} (${code ?? 'unknown error'})`;
  }
}

/** A log to create: the nearest folder of its path that exists must let the log (and the folders missing) be made in it. */
async function folderProblem(folder: string): Promise<string | undefined> {
  try {
    await access(folder, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const parent = dirname(folder);
    if (code === 'ENOENT' && parent !== folder) return folderProblem(parent);
    return code === 'EACCES' || code === 'EPERM' ? `cannot be created: ${folder} may not be written` : auditLogFault(code, 'write');
  }
}
