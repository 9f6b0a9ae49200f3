/**
 * awsJson 1.0 / 1.1 (SQS, Organizations): `X-Amz-Target: Prefix.Operation` requests and JSON bodies; errors
 * carry `__type` (plus, for SQS, the awsQuery-compatible code in `x-amzn-query-error`). Timestamps are epoch
 * seconds on this wire (section 4.5); the services write them as numbers.
 */
import { SandboxError } from '../errors';
import type { WireResponse } from './wire';

export interface JsonRequest {
  operation: string;
  input: Record<string, unknown>;
}

export function decodeJson(target: string | undefined, prefix: string, body: Buffer): JsonRequest {
  const operation = target?.startsWith(`${prefix}.`) ? target.slice(prefix.length + 1) : '';
  let input: unknown = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      throw new SandboxError('SerializationException', 400, 'Malformed JSON in the request body.');
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SandboxError('SerializationException', 400, 'The request body must be a JSON object.');
  }
  return { operation, input: input as Record<string, unknown> };
}

export function encodeJsonResult(version: '1.0' | '1.1', result: unknown, requestId: string): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': requestId },
    // Services put timestamps as epoch seconds themselves: a stringify replacer costs more than the rest.
    body: JSON.stringify(result ?? {}),
  };
}

export function encodeJsonError(version: '1.0' | '1.1', error: SandboxError, requestId: string): WireResponse {
  const headers: Record<string, string> = {
    'content-type': `application/x-amz-json-${version}`,
    'x-amzn-requestid': requestId,
  };
  if (error.queryCode) headers['x-amzn-query-error'] = `${error.queryCode};${error.faultType}`;
  // SQS spells the member `message`, Organizations `Message`; the SDK accepts either.
  const messageKey = version === '1.0' ? 'message' : 'Message';
  return { status: error.status, headers, body: JSON.stringify({ __type: error.code, [messageKey]: error.message, ...error.fields }) };
}
