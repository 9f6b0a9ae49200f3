/**
 * S3 restXml: operations are a method plus a path and a subresource (`/bucket/?policy`), addressed path style
 * (`/<bucket>/...`) or virtual-host style (`Host: <bucket>.localhost:PORT`). Errors are an un-namespaced
 * `<Error>` document with `x-amz-request-id` / `x-amz-id-2` headers (section 5.1).
 */
import { SandboxError } from '../errors';
import { escapeXml } from './xml';
import type { WireResponse } from './wire';

export interface S3Request {
  operation: string;
  bucket?: string;
  query: URLSearchParams;
}

/**
 * The bucket from a virtual-host name (`my-bucket.localhost`), if the host is one. IP hosts and bare
 * `localhost` are path style, like the SDK's endpoint rules.
 */
export function bucketFromHost(hostHeader: string | undefined): string | undefined {
  const hostname = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  const match = /^(.+)\.localhost$/.exec(hostname);
  return match ? match[1] : undefined;
}

export function decodeS3(method: string, rawPath: string, rawQuery: string, hostHeader: string | undefined): S3Request {
  const query = new URLSearchParams(rawQuery);
  const segments = rawPath.split('/').filter(Boolean).map(decodePathSegment);
  const bucket = bucketFromHost(hostHeader) ?? segments[0];
  if (!bucket) return { operation: method === 'GET' ? 'ListBuckets' : 'Unsupported', query };
  if (query.has('policy')) {
    const byMethod: Record<string, string> = { GET: 'GetBucketPolicy', PUT: 'PutBucketPolicy', DELETE: 'DeleteBucketPolicy' };
    return { operation: byMethod[method] ?? 'Unsupported', bucket, query };
  }
  return { operation: 'Unsupported', bucket, query };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SandboxError('InvalidURI', 400, "Couldn't parse the specified URI.");
  }
}

export function s3Headers(requestId: string, contentType?: string): Record<string, string> {
  const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': `sandbox/${requestId}` };
  if (contentType) headers['content-type'] = contentType;
  return headers;
}

export function encodeS3Error(error: SandboxError, requestId: string): WireResponse {
  const extra = Object.entries(error.fields)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>${extra}<RequestId>${requestId}</RequestId>` +
    `<HostId>sandbox/${requestId}</HostId></Error>`;
  return { status: error.status, headers: s3Headers(requestId, 'application/xml'), body };
}
