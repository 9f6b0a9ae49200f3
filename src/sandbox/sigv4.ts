/**
 * SigV4 verification with @smithy/signature-v4: rebuild the canonical request from only the headers the caller
 * says it signed, sign it with the secret the keyring holds for its key, and compare. Any region in the scope is accepted
 * (with a custom endpoint the SDK signs with the client's region, section 6.2). S3 canonical paths are used
 * as sent (single encoding); other services double-encode, as the SDK does.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ALGORITHM_IDENTIFIER, createScope, getCanonicalHeaders, SignatureV4Base } from '@smithy/signature-v4';
import type { Caller, Keyring } from './keyring';
import { AuthFailure, SERVICE_NAMES, type ServiceName } from './serviceErrors';

/** How far x-amz-date may be from the wall clock, as AWS allows. */
const MAX_SKEW_MS = 15 * 60_000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const AUTH_PATTERN = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_-]+),\s*Signature=([0-9a-f]{64})$/;

export interface SignedRequest {
  method: string;
  /** The path exactly as sent (still percent-encoded). */
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The parsed `Authorization` header; parsing is separate from verifying so the server can route first. */
export interface Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: ServiceName;
  signedHeaders: string[];
  signature: string;
}

export interface Verified {
  caller: Caller;
  region: string;
  service: ServiceName;
}

/** @smithy/types HttpRequest, named through the signer's own signature (no direct dependency on the types package). */
type HttpRequest = Parameters<typeof getCanonicalHeaders>[0];

/** What the signer feeds its hashes (@smithy/types SourceData). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

/** node:crypto behind the Hash interface the signer expects; HMAC when given a key. */
class NodeSha256 {
  private readonly hash;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBinary(secret));
  }

  update(data: SourceData): void {
    this.hash.update(toBinary(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function toBinary(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/** Undefined when there is no SigV4 `Authorization` header at all; AuthFailure when it is malformed. */
export function parseCredential(headers: IncomingHttpHeaders): Credential | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const match = AUTH_PATTERN.exec(header);
  if (!match) throw new AuthFailure('incomplete');
  const service = SERVICE_NAMES.find((s) => s === match[4]);
  if (!service) throw new AuthFailure('incomplete', `Credential should be scoped to a valid service, not '${match[4]}'.`);
  const [, accessKeyId, date, region, , signedHeaders, signature] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * Verifies the request's signature. `forceMismatch` answers SignatureDoesNotMatch even for a good signature (the
 * `signature` fault), so tests can see what AWS echoes back: the canonical request, session token included.
 */
export async function verifySignature(request: SignedRequest, credential: Credential, keyring: Keyring, wallNowMs: number, forceMismatch = false): Promise<Verified> {
  const caller = keyring.find(credential.accessKeyId);
  if (!caller) throw new AuthFailure('unknownKey');
  const headers = request.headers;
  const token = header(headers, 'x-amz-security-token');
  if (caller.kind === 'rootSession' ? token !== caller.sessionToken : token !== undefined) throw new AuthFailure('badToken');
  if (!credential.signedHeaders.includes('host')) throw new AuthFailure('incomplete', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  const amzDate = header(headers, 'x-amz-date') ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || amzDate.slice(0, 8) !== credential.date) throw new AuthFailure('signature');
  if (Math.abs(wallNowMs - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new AuthFailure('skew', `Signature expired: ${amzDate} is now earlier or later than the allowed 15 minutes of the current time.`);
  }
  checkPayloadHash(headers, request.body, credential.service);
  const { signature: expected, canonicalRequest, stringToSign } = await computeSignature(request, credential, caller, signingDate);
  const given = Buffer.from(credential.signature, 'hex');
  if (forceMismatch || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    // AWS's answer names what it computed, so a caller can find its signing mistake (and sees its own token in it).
    throw new AuthFailure('signature', undefined, { canonicalRequest, stringToSign, signatureProvided: credential.signature, accessKeyId: credential.accessKeyId });
  }
  return { caller, region: credential.region, service: credential.service };
}

/**
 * The canonical request and string to sign come from @smithy/signature-v4 (SignatureV4Base, the code the SDK
 * signs with); only the signing key is derived here, cached per key/date/region/service, because deriving it
 * (four HMACs, plus the signer's own cache-key HMAC) was the largest cost per request.
 */
class Verifier extends SignatureV4Base {
  constructor(uriEscapePath: boolean) {
    // Region and credentials are per request; the base class only needs placeholders.
    super({ service: 'unused', region: 'unused', credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: NodeSha256, uriEscapePath, applyChecksum: false });
  }

  async sign(request: HttpRequest, signedHeaders: Set<string>, longDate: string, scope: string): Promise<{ canonicalRequest: string; stringToSign: string }> {
    const canonicalHeaders = getCanonicalHeaders(request, undefined, signedHeaders);
    const payloadHash = request.headers['x-amz-content-sha256'] ?? createHash('sha256').update(request.body as Buffer).digest('hex');
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    return { canonicalRequest, stringToSign: await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER) };
  }
}

const VERIFIERS = { doubleEncoded: new Verifier(true), s3: new Verifier(false) };
/**
 * Derived keys per caller (a caller's secret never changes) and scope. Keyed by the caller object, not its key
 * id: two sandboxes in one process issue the same key ids with different secrets.
 */
const signingKeys = new WeakMap<Caller, Map<string, Buffer>>();

function signingKey(caller: Caller, scope: string, date: string, region: string, service: string): Buffer {
  let byScope = signingKeys.get(caller);
  if (!byScope) signingKeys.set(caller, (byScope = new Map()));
  let key = byScope.get(scope);
  if (!key) {
    key = [date, region, service, 'aws4_request'].reduce((k: Buffer | string, part) => createHmac('sha256', k).update(part).digest(), `AWS4${caller.secretAccessKey}`) as Buffer;
    byScope.set(scope, key);
  }
  return key;
}

async function computeSignature(
  request: SignedRequest,
  credential: Credential,
  caller: Caller,
  signingDate: Date,
): Promise<{ signature: Buffer; canonicalRequest: string; stringToSign: string }> {
  // Prototype-free: a signed header named `constructor` or `__proto__` is just a header that was not sent.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of credential.signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) throw new AuthFailure('signature');
    headers[name] = value;
  }
  const longDate = signingDate.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const scope = createScope(credential.date, credential.region, credential.service);
  const verifier = credential.service === 's3' ? VERIFIERS.s3 : VERIFIERS.doubleEncoded;
  const httpRequest: HttpRequest = { method: request.method, protocol: 'http:', hostname: headers.host ?? '', path: request.rawPath, query: parseQuery(request.rawQuery), headers, body: request.body };
  const { canonicalRequest, stringToSign } = await verifier.sign(httpRequest, new Set(credential.signedHeaders), longDate, scope);
  const key = signingKey(caller, scope, credential.date, credential.region, credential.service);
  return { signature: createHmac('sha256', key).update(stringToSign).digest(), canonicalRequest, stringToSign };
}

/** The body must hash to what the (signed) x-amz-content-sha256 header claims, or the signature means nothing. */
function checkPayloadHash(headers: IncomingHttpHeaders, body: Buffer, service: ServiceName): void {
  const claimed = header(headers, 'x-amz-content-sha256');
  if (claimed === undefined || (service === 's3' && claimed === 'UNSIGNED-PAYLOAD')) return;
  const actual = body.length ? createHash('sha256').update(body).digest('hex') : EMPTY_SHA256;
  if (claimed !== actual) throw new AuthFailure('payloadHash');
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  if (!Object.hasOwn(headers, name)) return undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

/** Decoded query pairs; the signer re-encodes them canonically. Repeated keys become arrays. */
function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AuthFailure('signature');
  }
}
