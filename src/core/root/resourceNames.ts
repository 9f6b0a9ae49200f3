/**
 * Validation of what a user types for the unlock tasks, before any session opens: a bucket name (or `s3://`
 * URI, or bucket ARN) and an SQS queue (URL or name). Each parser returns the value or a message to show.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * A general-purpose bucket name by the S3 naming rules: 3-63 characters of lower-case letters, digits, dots and
 * hyphens, starting and ending with a letter or digit, no `..`, not an IP address, no reserved prefix or suffix.
 * `s3://name` and `arn:aws:s3:::name` are accepted and reduced to the name.
 */
export function parseBucketName(input: string): Parsed<string> {
  const name = input.trim().replace(/^s3:\/\//, '').replace(/^arn:aws[\w-]*:s3:::/, '').replace(/\/$/, '');
  if (!name) return { ok: false, message: 'Enter a bucket name' };
  if (!BUCKET_NAME.test(name)) {
    return { ok: false, message: 'A bucket name has 3-63 lower-case letters, digits, dots or hyphens, and starts and ends with a letter or digit' };
  }
  if (name.includes('..')) return { ok: false, message: 'A bucket name cannot contain two dots in a row' };
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { ok: false, message: 'A bucket name cannot look like an IP address' };
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return { ok: false, message: `A bucket name cannot start with "${prefix}"` };
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return { ok: false, message: `A bucket name cannot end with "${suffix}"` };
  return { ok: true, value: name };
}

/** A queue as the user gave it: a full URL (its account is checked), or a name looked up in the session. */
export type QueueRef = { kind: 'url'; url: string; accountId: string; name: string } | { kind: 'name'; name: string };

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}(\.fifo)?$|^[A-Za-z0-9_-]{1,80}$/;
/**
 * The host as DNS and IP addresses spell it, lower case, with an optional port: nothing a URL parser reads
 * otherwise (`\`, `@`, `%2E`, `。`), so the host checked (sqsEndpoints.ts) is the host written, sent and logged.
 */
const QUEUE_URL = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?\/(\d{12})\/([^/\s]+?)\/?$/;

function queueNameError(name: string): string | undefined {
  return QUEUE_NAME.test(name) ? undefined : 'A queue name has 1-80 letters, digits, hyphens or underscores (a FIFO queue ends in ".fifo")';
}

/**
 * A queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`) or a bare queue name. With a URL, its
 * account must be `accountId` when given: a root session can only change its own account's queues.
 */
export function parseQueueRef(input: string, accountId?: string): Parsed<QueueRef> {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Enter a queue URL or name' };
  if (/^https?:\/\//.test(text)) {
    const match = QUEUE_URL.exec(text);
    if (!match) return { ok: false, message: 'A queue URL looks like https://sqs.us-east-1.amazonaws.com/111122223333/my-queue' };
    const [, owner, name] = match;
    const nameError = queueNameError(name);
    if (nameError) return { ok: false, message: nameError };
    if (accountId && owner !== accountId) return { ok: false, message: `The queue belongs to account ${owner}, not ${accountId}` };
    return { ok: true, value: { kind: 'url', url: text.replace(/\/$/, ''), accountId: owner, name } };
  }
  const nameError = queueNameError(text);
  return nameError ? { ok: false, message: nameError } : { ok: true, value: { kind: 'name', name: text } };
}
