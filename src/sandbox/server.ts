/**
 * The HTTP front: one node:http server on 127.0.0.1 for all five services. Per request: latency, fault
 * injection, SigV4 verification, session expiry, throttling, authorization, then the operation. Every
 * request is recorded (without secrets) so tests and benchmarks can see what happened.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorize } from './authz';
import type { SandboxClock } from './clock';
import type { CallContext } from './context';
import { decodeCall, encodeError, guessService, unknownOperation, type RawRequest } from './dispatch';
import { SandboxError } from './errors';
import type { Keyring } from './keyring';
import type { KnobState } from './knobs';
import type { WireResponse } from './protocols/wire';
import { AuthFailure, authError, internalError, throttled, type ServiceName } from './serviceErrors';
import { parseCredential, verifySignature } from './sigv4';
import type { World } from './world';

/** One request as the sandbox saw it. */
export interface RequestRecord {
  requestId: string;
  service: ServiceName;
  operation: string;
  /** The caller's access key id, when the key was known. */
  accessKeyId?: string;
  callerArn?: string;
  status: number;
  /** The error code sent, or `ConnectionReset` for an injected reset. */
  errorCode?: string;
  /** Sandbox time (`clock.nowMs()`) when the request arrived: how far apart a client's requests came. */
  receivedMs: number;
}

export interface ServerDeps {
  world: World;
  keyring: Keyring;
  clock: SandboxClock;
  knobs: KnobState;
  emptyPageEvery: number;
  /** Receives every request record. */
  record(entry: RequestRecord): void;
}

const MAX_BODY_BYTES = 1 << 20;

export async function listen(deps: ServerDeps, port: number): Promise<{ server: http.Server; origin: string }> {
  let origin = '';
  const server = http.createServer((req, res) => {
    handle(deps, origin, req, res).catch((err: unknown) => {
      // Only a bug reaches here; answer rather than hang the client.
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err instanceof Error ? err.message : String(err));
    });
  });
  // Keep-alive sockets from SDK agents must not hold close() open for long.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin };
}

async function handle(deps: ServerDeps, origin: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  const requestId = randomUUID();
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const raw: RawRequest = {
    method: req.method ?? 'GET',
    rawPath: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    headers: req.headers,
    body,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
  };
  const record: RequestRecord = { requestId, service: guessService(req.headers, body), operation: '', status: 0, receivedMs: deps.clock.nowMs() };
  const delay = deps.knobs.delayMs();
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  let response: WireResponse | undefined;
  try {
    response = await serve(deps, origin, raw, record);
  } catch (err) {
    response = failure(deps, record, err);
  }
  record.status = response ? response.status : 0;
  deps.record(record);
  if (!response) {
    req.socket.destroy();
    return;
  }
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/** Undefined means "reset the connection". */
async function serve(deps: ServerDeps, origin: string, raw: RawRequest, record: RequestRecord): Promise<WireResponse | undefined> {
  const credential = parseCredential(raw.headers);
  if (credential) record.service = credential.service;
  const service = record.service;
  const call = decodeCall(service, raw);
  record.operation = call.operation;
  const fault = deps.knobs.fault(`${service}:${call.operation}`);
  if (fault === 'reset') {
    record.errorCode = 'ConnectionReset';
    return undefined;
  }
  if (fault === '5xx') throw internalError(service);
  if (!credential) throw new AuthFailure('missing');
  const { caller, region } = await verifySignature(raw, credential, deps.keyring, Date.now(), fault === 'signature');
  record.accessKeyId = caller.accessKeyId;
  record.callerArn = caller.arn;
  if (caller.kind === 'rootSession' && caller.expiresAt.getTime() <= deps.clock.nowMs()) throw new AuthFailure('expired');
  if (!call.known) throw unknownOperation(service, call.operation);
  if (deps.knobs.throttle(`${service}:${call.operation}`, region)) throw throttled(service);
  const ctx: CallContext = { world: deps.world, keyring: deps.keyring, clock: deps.clock, caller, region, origin, emptyPageEvery: deps.emptyPageEvery, repeatPageToken: deps.knobs.current.faults?.repeatPageToken === true };
  let response: WireResponse;
  try {
    authorize(deps.world, caller, service, call.access(ctx), { region, sourceIp: raw.sourceIp, now: deps.clock.now() });
    response = call.run(ctx, record.requestId);
  } catch (err) {
    if (err instanceof SandboxError) call.refused?.(ctx, err);
    throw err;
  }
  if (fault === 'lost') {
    record.errorCode = 'ResponseLost';
    return undefined;
  }
  return response;
}

function failure(deps: ServerDeps, record: RequestRecord, err: unknown): WireResponse {
  const error = err instanceof AuthFailure ? authError(record.service, err) : err instanceof SandboxError ? err : sandboxBug(record.service, err);
  record.errorCode = error.code;
  const response = encodeError(record.service, error, record.requestId);
  const retryAfter = deps.knobs.retryAfterMs;
  if (retryAfter !== undefined && error.code === throttled(record.service).code) {
    response.headers['x-amz-retry-after'] = String(retryAfter);
  }
  return response;
}

/** An unexpected exception: still the service's internal error, with the cause in the message for debugging. */
function sandboxBug(service: ServiceName, err: unknown): SandboxError {
  const base = internalError(service);
  const cause = err instanceof Error ? err.message : String(err);
  return new SandboxError(base.code, base.status, `${base.message} (sandbox: ${cause})`, base.fields, base.queryCode);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
