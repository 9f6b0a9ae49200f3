/**
 * The audit log's text, to show it whole in the editor. Its path is a setting, which may name a device or a
 * link to one (/dev/zero never ends) or a log grown past what an editor shows: only a regular file is read,
 * and no more of it than the limit, whatever it grows to while it is read.
 */
import { open, stat } from 'node:fs/promises';
import { RootGuardError } from '../aws/errors';
import { megabytes } from '../lint/limits';

/** What the editor shows of the audit log at most; a larger log is opened as the file it is. */
export const MAX_AUDIT_LOG_VIEW_BYTES = 64 * 1024 * 1024;

const CHUNK_BYTES = 1024 * 1024;

export async function readAuditLogText(path: string, limit = MAX_AUDIT_LOG_VIEW_BYTES): Promise<string> {
  // stat before open: opening a FIFO blocks until a writer comes.
  const found = await stat(path);
  if (!found.isFile()) throw new RootGuardError('NotAFile', `The audit log ${path} is not a regular file: not read.`);
  if (found.size > limit) throw tooLarge(path, limit);
  const file = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    // One byte past the limit at most: enough to know the file outgrew it since the stat.
    for (let read = -1; read !== 0 && length <= limit; length += read) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - length));
      read = (await file.read(chunk, 0, chunk.length, null)).bytesRead;
      chunks.push(chunk.subarray(0, read));
    }
    if (length > limit) throw tooLarge(path, limit);
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    await file.close();
  }
}

function tooLarge(path: string, limit: number): RootGuardError {
  return new RootGuardError('AuditLogTooLarge', `The audit log ${path} is over the ${megabytes(limit)} shown here: open the file itself.`);
}
