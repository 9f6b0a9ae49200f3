/**
 * awsQuery (STS, IAM): form-encoded `Action=...&Version=...` requests, `<XResponse><XResult>` responses and
 * the `<ErrorResponse>` envelope the SDK reads `Error.Code` from (aws-root-access-api.md sections 1.5, 3.4).
 */
import type { SandboxError } from '../errors';
import { escapeXml, xmlContent, type XmlValue } from './xml';
import type { WireResponse } from './wire';

export const QUERY_NAMESPACES = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
} as const;

export type QueryService = keyof typeof QUERY_NAMESPACES;

/** A decoded awsQuery request: flat parameters such as `TaskPolicyArn.arn` keep their dotted names. */
export interface QueryRequest {
  action: string;
  params: URLSearchParams;
}

export function decodeQuery(body: Buffer): QueryRequest {
  const params = new URLSearchParams(body.toString('utf8'));
  return { action: params.get('Action') ?? '', params };
}

/** `result` undefined means an operation with no output (only `ResponseMetadata`). */
export function encodeQueryResult(service: QueryService, action: string, result: XmlValue, requestId: string): WireResponse {
  const inner = result === undefined ? '' : `<${action}Result>${xmlContent(result)}</${action}Result>`;
  const body =
    `<${action}Response xmlns="${QUERY_NAMESPACES[service]}">${inner}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function encodeQueryError(service: QueryService, error: SandboxError, requestId: string): WireResponse {
  const body =
    `<ErrorResponse xmlns="${QUERY_NAMESPACES[service]}"><Error><Type>${error.faultType}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
