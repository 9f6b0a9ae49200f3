/**
 * Protocol by service: decodes a request into an operation, the access it needs, and a function that runs it
 * and encodes the answer; encodes errors in the same service's wire format. Services are told apart by the
 * signing name in the credential scope (every request is signed), falling back to the protocol's own markers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Access } from './authz';
import type { CallContext } from './context';
import { SandboxError } from './errors';
import { decodeJson, encodeJsonError, encodeJsonResult } from './protocols/json';
import { decodeQuery, encodeQueryError, encodeQueryResult } from './protocols/query';
import { decodeS3, encodeS3Error } from './protocols/restXml';
import type { WireResponse } from './protocols/wire';
import type { ServiceName } from './serviceErrors';
import { ACCOUNT_OPERATIONS, accountAccess, accountOperation, handleAccount } from './services/account';
import { CLOUDTRAIL_OPERATIONS, cloudTrailAccess, cloudTrailTargetPrefix, handleCloudTrail } from './services/cloudtrail';
import { handleIam, iamAccess, IAM_OPERATIONS } from './services/iam';
import { handleOrganizations, organizationsAccess, ORGANIZATIONS_OPERATIONS } from './services/organizations';
import { handleS3, s3Access, S3_OPERATIONS } from './services/s3';
import { handleSqs, sqsAccess, SQS_OPERATIONS } from './services/sqs';
import { handleSsoAdmin, ssoAdminAccess, SSO_ADMIN_OPERATIONS, SSO_ADMIN_TARGET_PREFIX } from './services/ssoAdmin';
import { handleSts, stsAccess, STS_OPERATIONS } from './services/sts';
import { recordRefusedAssumeRoot } from './trailRecord';

export interface RawRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The client's address, for `aws:SourceIp`. */
  sourceIp: string;
}

export interface Call {
  operation: string;
  /** False for an operation the sandbox does not serve; reported only after authentication. */
  known: boolean;
  access(ctx: CallContext): Access;
  run(ctx: CallContext, requestId: string): WireResponse;
  /** Told when an authenticated call is refused (denied, invalid): AssumeRoot records it in CloudTrail. */
  refused?(ctx: CallContext, error: SandboxError): void;
}

const ORGANIZATIONS_PREFIX = 'AWSOrganizationsV20161128';
const SQS_PREFIX = 'AmazonSQS';

/** The service of a request that carries no usable credential scope, for the error's wire format. */
export function guessService(headers: IncomingHttpHeaders, body: Buffer): ServiceName {
  const target = String(headers['x-amz-target'] ?? '');
  if (target.startsWith(ORGANIZATIONS_PREFIX)) return 'organizations';
  if (target.startsWith(SQS_PREFIX)) return 'sqs';
  if (target.startsWith(SSO_ADMIN_TARGET_PREFIX)) return 'sso';
  if (cloudTrailTargetPrefix(target)) return 'cloudtrail';
  if (String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return (STS_OPERATIONS as readonly string[]).includes(decodeQuery(body).action) ? 'sts' : 'iam';
  }
  return 's3';
}

export function decodeCall(service: ServiceName, request: RawRequest): Call {
  switch (service) {
    case 'sts':
    case 'iam': {
      const { action, params } = decodeQuery(request.body);
      const known = (service === 'sts' ? STS_OPERATIONS : IAM_OPERATIONS) as readonly string[];
      return {
        operation: action,
        known: known.includes(action),
        access: (ctx) => (service === 'sts' ? stsAccess(action, params) : iamAccess(action, params, ctx)),
        run: (ctx, id) => encodeQueryResult(service, action, service === 'sts' ? handleSts(ctx, action, params) : handleIam(ctx, action, params), id),
        ...(service === 'sts' && action === 'AssumeRoot' ? { refused: (ctx: CallContext, error: SandboxError) => recordRefusedAssumeRoot(ctx, params, error) } : {}),
      };
    }
    case 'organizations':
    case 'sqs': {
      const isOrgs = service === 'organizations';
      const { operation, input } = decodeJson(String(request.headers['x-amz-target'] ?? ''), isOrgs ? ORGANIZATIONS_PREFIX : SQS_PREFIX, request.body);
      const known = (isOrgs ? ORGANIZATIONS_OPERATIONS : SQS_OPERATIONS) as readonly string[];
      return {
        operation,
        known: known.includes(operation),
        access: (ctx) => (isOrgs ? organizationsAccess(operation, ctx.world) : sqsAccess(operation, input, ctx)),
        run: (ctx, id) =>
          encodeJsonResult(isOrgs ? '1.1' : '1.0', isOrgs ? handleOrganizations(ctx, operation as (typeof ORGANIZATIONS_OPERATIONS)[number], input) : handleSqs(ctx, operation, input), id),
      };
    }
    case 'sso': {
      const { operation, input } = decodeJson(String(request.headers['x-amz-target'] ?? ''), SSO_ADMIN_TARGET_PREFIX, request.body);
      return {
        operation,
        known: (SSO_ADMIN_OPERATIONS as readonly string[]).includes(operation),
        access: () => ssoAdminAccess(operation, input),
        run: (ctx, id) => encodeJsonResult('1.1', handleSsoAdmin(ctx, operation, input), id),
      };
    }
    case 'cloudtrail': {
      const target = String(request.headers['x-amz-target'] ?? '');
      const { operation, input } = decodeJson(target, cloudTrailTargetPrefix(target) ?? '', request.body);
      return {
        operation,
        known: (CLOUDTRAIL_OPERATIONS as readonly string[]).includes(operation),
        access: () => cloudTrailAccess(operation),
        run: (ctx, id) => encodeJsonResult('1.1', handleCloudTrail(ctx, ctx.world.cloudTrail, input), id),
      };
    }
    case 'account': {
      const operation = accountOperation(request.method, request.rawPath);
      const { input } = decodeJson(undefined, '', request.body);
      return {
        operation,
        known: (ACCOUNT_OPERATIONS as readonly string[]).includes(operation),
        access: () => accountAccess(operation),
        run: (ctx, id) => ({ ...encodeJsonResult('1.1', handleAccount(ctx, input), id), headers: { 'content-type': 'application/json', 'x-amzn-requestid': id } }),
      };
    }
    case 's3': {
      const s3 = decodeS3(request.method, request.rawPath, request.rawQuery, request.headers.host);
      return {
        operation: s3.operation,
        known: (S3_OPERATIONS as readonly string[]).includes(s3.operation),
        access: (ctx) => s3Access(s3, ctx.world),
        run: (ctx, id) => handleS3(ctx, s3, request.headers, request.body, id),
      };
    }
  }
}

/** The "no such operation" error of each protocol. */
export function unknownOperation(service: ServiceName, operation: string): SandboxError {
  if (service === 's3') return new SandboxError('NotImplemented', 501, 'A header you provided implies functionality that is not implemented');
  if (service === 'sts' || service === 'iam') {
    return new SandboxError('InvalidAction', 400, `Could not find operation ${operation} for version ${service === 'sts' ? '2011-06-15' : '2010-05-08'}`);
  }
  return new SandboxError('UnknownOperationException', 400, `Unknown operation ${operation}`);
}

export function encodeError(service: ServiceName, error: SandboxError, requestId: string): WireResponse {
  switch (service) {
    case 'sts':
    case 'iam':
      return encodeQueryError(service, error, requestId);
    case 'organizations':
    case 'sso':
    case 'cloudtrail':
      return encodeJsonError('1.1', error, requestId);
    case 'account': {
      // restJson1: the code rides in `x-amzn-errortype` as well as the body.
      const wire = encodeJsonError('1.1', error, requestId);
      return { ...wire, headers: { ...wire.headers, 'content-type': 'application/json', 'x-amzn-errortype': error.code } };
    }
    case 'sqs':
      return encodeJsonError('1.0', error, requestId);
    case 's3':
      return encodeS3Error(error, requestId);
  }
}
