/**
 * S3 (restXml): ListBuckets and the bucket-policy operations of the S3UnlockBucketPolicy task. A root session
 * of the bucket owner may manage a policy that denies everyone (the model doc says the owner's root principal
 * always can), so seeded "locked" policies do not block these calls; other accounts get AccessDenied.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Access } from '../authz';
import { denied } from '../authz';
import type { CallContext } from '../context';
import { SandboxError } from '../errors';
import { s3Headers, type S3Request } from '../protocols/restXml';
import type { WireResponse } from '../protocols/wire';
import { element, XmlFlat } from '../protocols/xml';
import type { World } from '../world';

export const S3_OPERATIONS = ['ListBuckets', 'GetBucketPolicy', 'PutBucketPolicy', 'DeleteBucketPolicy'] as const;

const ACTIONS: Record<string, string> = {
  ListBuckets: 's3:ListAllMyBuckets',
  GetBucketPolicy: 's3:GetBucketPolicy',
  PutBucketPolicy: 's3:PutBucketPolicy',
  DeleteBucketPolicy: 's3:DeleteBucketPolicy',
};

export function s3Access(request: S3Request, world: World): Access {
  const action = ACTIONS[request.operation] ?? `s3:${request.operation}`;
  if (!request.bucket) return { action, resourceArn: '*' };
  return { action, resourceArn: `arn:aws:s3:::${request.bucket}`, resourceAccount: world.findBucket(request.bucket)?.account.id };
}

export function handleS3(ctx: CallContext, request: S3Request, headers: IncomingHttpHeaders, body: Buffer, requestId: string): WireResponse {
  if (request.operation === 'ListBuckets') return listBuckets(ctx, requestId);
  const found = request.bucket ? ctx.world.findBucket(request.bucket) : undefined;
  if (!found) {
    throw new SandboxError('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: request.bucket ?? '' });
  }
  const expectedOwner = headers['x-amz-expected-bucket-owner'];
  if (expectedOwner !== undefined && expectedOwner !== found.account.id) {
    throw denied('s3', ctx.caller, ACTIONS[request.operation], `arn:aws:s3:::${found.bucket.name}`, 'because the bucket owner is not the expected owner');
  }
  const { bucket } = found;
  switch (request.operation) {
    case 'GetBucketPolicy':
      if (bucket.policy === undefined) {
        throw new SandboxError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist', { BucketName: bucket.name });
      }
      return { status: 200, headers: s3Headers(requestId, 'application/json'), body: bucket.policy };
    case 'PutBucketPolicy':
      bucket.policy = validPolicy(body.toString('utf8'));
      return { status: 204, headers: s3Headers(requestId), body: '' };
    case 'DeleteBucketPolicy':
      bucket.policy = undefined;
      return { status: 204, headers: s3Headers(requestId), body: '' };
    default:
      throw new SandboxError('NotImplemented', 501, 'A header you provided implies functionality that is not implemented');
  }
}

function validPolicy(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return text;
  } catch {
    // fall through to the S3 error
  }
  throw new SandboxError('MalformedPolicy', 400, "Policies must be valid JSON and the first byte must be '{'");
}

function listBuckets(ctx: CallContext, requestId: string): WireResponse {
  const account = ctx.world.account(ctx.caller.accountId);
  const buckets = account.buckets.map((b) => ({ Name: b.name, CreationDate: b.creationDate, BucketRegion: 'us-east-1' }));
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    element('Owner', { ID: `sandbox-canonical-${account.id}` }) +
    element('Buckets', new XmlFlat('Bucket', buckets)) +
    '</ListAllMyBucketsResult>';
  return { status: 200, headers: s3Headers(requestId, 'application/xml'), body };
}
