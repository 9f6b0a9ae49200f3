/**
 * The one place where error text from AWS is made safe. AWS echoes request material in some errors (a
 * SignatureDoesNotMatch carries the canonical request, `x-amz-security-token` included; S3 adds it byte by
 * byte), and credential sources can echo what they read. Every SDK client RootGuard builds scrubs its errors
 * on the way out (`scrubSdkErrors`), so what reaches results, logs, stored state and reports is already clean.
 */
import { getSmithyContext } from '@smithy/core';

export const REDACTED = '[redacted]';

/** Values named as secrets wherever they appear: headers, query strings, XML, JSON and INI echoes. */
const NAMED_SECRETS = [
  // x-amz-security-token:VALUE (canonical request), X-Amz-Security-Token=VALUE (query string)
  /(x-amz-security-token\s*[:=]\s*)[^\s&'"<>,;]+/gi,
  // Signature=hex (Authorization header), X-Amz-Signature=hex (presigned URL)
  /((?:x-amz-)?signature\s*[:=]\s*)[0-9a-f]{16,}/gi,
  // <SessionToken>VALUE</SessionToken>, <SignatureProvided>, the hex dumps of S3's signature errors
  /(<(SessionToken|SecretAccessKey|SignatureProvided|CanonicalRequestBytes|StringToSignBytes)>)[^<]*(?=<\/\2>)/gi,
  // "SessionToken": "VALUE" and friends in JSON
  /("(?:SessionToken|SecretAccessKey|sessionToken|secretAccessKey|aws_session_token|aws_secret_access_key)"\s*:\s*")(?:[^"\\]|\\.)*(?=")/g,
  // aws_secret_access_key = VALUE in an INI echo
  /(\baws_(?:secret_access_key|session_token|security_token)\s*=\s*)\S+/gi,
];

/** Error properties that are request material through and through (S3 copies its `<Error>` elements onto the error). */
const SECRET_PROPERTIES = new Set(['SignatureProvided', 'CanonicalRequestBytes', 'StringToSignBytes', 'SessionToken', 'SecretAccessKey']);

/** Shorter values are not secrets (and replacing them would mangle the text): real keys have 40 characters. */
const MIN_KNOWN_SECRET_LENGTH = 16;

/**
 * Replaces secrets in `text`: each value of `known` (the credentials the call was signed with), also
 * percent-encoded as a query string carries it, and every value AWS names as a token, key or signature.
 */
export function scrubSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of known) {
    if (!secret || secret.length < MIN_KNOWN_SECRET_LENGTH) continue;
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  for (const pattern of NAMED_SECRETS) out = out.replace(pattern, `$1${REDACTED}`);
  return out;
}

/** True when `text` contains one of `known` (plain or percent-encoded); short values never count. */
export function containsKnownSecret(text: string, known: readonly (string | undefined)[]): boolean {
  return known.some((secret) => !!secret && secret.length >= MIN_KNOWN_SECRET_LENGTH && (text.includes(secret) || text.includes(encodeURIComponent(secret))));
}

/**
 * Scrubs an error in place (its message, stack and every string property the SDK copied from the answer, then
 * its causes) and returns it. The raw HTTP response the SDK may attach is dropped: it is the answer unscrubbed.
 */
export function scrubError<E>(err: E, known: readonly (string | undefined)[] = [], depth = 0): E {
  if (typeof err !== 'object' || err === null || depth > 4) return err;
  const record = err as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(record)) {
    const descriptor = Object.getOwnPropertyDescriptor(record, key);
    if (!descriptor || !('value' in descriptor) || !descriptor.writable) continue;
    const value = descriptor.value as unknown;
    if (key === '$response' || key === '$responseBodyText') record[key] = undefined;
    else if (typeof value === 'string') record[key] = SECRET_PROPERTIES.has(key) ? REDACTED : scrubSecrets(value, known);
    else if (key === 'cause' || key === 'errors') scrubNested(value, known, depth);
  }
  return err;
}

function scrubNested(value: unknown, known: readonly (string | undefined)[], depth: number): void {
  if (Array.isArray(value)) for (const item of value) scrubError(item, known, depth + 1);
  else scrubError(value, known, depth + 1);
}

/** The credentials the SDK signed this call with, from the context its auth middleware filled in. */
function signingSecretsOf(context: object): (string | undefined)[] {
  const identity = (getSmithyContext(context as never) as { selectedHttpAuthScheme?: { identity?: { secretAccessKey?: string; sessionToken?: string } } })
    .selectedHttpAuthScheme?.identity;
  return [identity?.secretAccessKey, identity?.sessionToken];
}

/** The part of an SDK client this needs; every `@aws-sdk/client-*` client has it. */
export interface ClientWithMiddleware {
  middlewareStack: { add(middleware: never, options: { step: 'initialize'; priority: 'high'; name: string; override: boolean }): void };
}

/**
 * Makes `client` scrub every error it throws, before the error leaves `send()`: the outermost middleware
 * (first step, high priority), so retries and deserialization have all happened and nothing else sees the
 * raw text. The credentials the call was signed with are scrubbed by value as well as by name.
 */
export function scrubSdkErrors<C extends ClientWithMiddleware>(client: C): C {
  const middleware = (next: (args: unknown) => Promise<unknown>, context: object) => async (args: unknown) => {
    try {
      return await next(args);
    } catch (err) {
      throw scrubError(err, signingSecretsOf(context));
    }
  };
  client.middlewareStack.add(middleware as never, { step: 'initialize', priority: 'high', name: 'rootguardScrubSecrets', override: true });
  return client;
}
