/**
 * The error each service really sends for the failures every service shares (authentication, access denied,
 * throttling, internal faults). STS/IAM use awsQuery codes, Organizations awsJson `...Exception` names, SQS
 * awsJson names plus the awsQuery code in `x-amzn-query-error`, S3 its own codes (section 6.3, 7.2).
 */
import { SandboxError } from './errors';

export type ServiceName = 'sts' | 'iam' | 'organizations' | 's3' | 'sqs' | 'sso' | 'cloudtrail' | 'account';

export const SERVICE_NAMES: readonly ServiceName[] = ['sts', 'iam', 'organizations', 's3', 'sqs', 'sso', 'cloudtrail', 'account'];

/** The JSON services whose common errors are `...Exception` names. */
const JSON_NAMED = new Set<ServiceName>(['organizations', 'sso', 'cloudtrail', 'account']);

export type AuthFailureKind = 'missing' | 'incomplete' | 'unknownKey' | 'badToken' | 'signature' | 'skew' | 'expired' | 'payloadHash';

/** What AWS computed for a request whose signature did not match, echoed in its answer. */
export interface SignatureEcho {
  canonicalRequest: string;
  stringToSign: string;
  signatureProvided: string;
  accessKeyId: string;
}

/** Thrown by the SigV4 verifier; the server turns it into the service's own error. */
export class AuthFailure extends Error {
  constructor(
    readonly kind: AuthFailureKind,
    message?: string,
    readonly echo?: SignatureEcho,
  ) {
    super(message ?? kind);
  }
}

/**
 * A SignatureDoesNotMatch as AWS words it: STS, IAM and the JSON services append the canonical request and
 * the string to sign to the message; S3 sends them as elements of its `<Error>`. Either way the caller's
 * `x-amz-security-token` comes back in the text.
 */
function echoedMessage(message: string, echo: SignatureEcho): string {
  return `${message}\n\nThe Canonical String for this request should have been\n'${echo.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${echo.stringToSign}'\n`;
}

function s3EchoFields(echo: SignatureEcho): Record<string, string> {
  const hex = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return {
    AWSAccessKeyId: echo.accessKeyId,
    StringToSign: echo.stringToSign,
    SignatureProvided: echo.signatureProvided,
    StringToSignBytes: hex(echo.stringToSign),
    CanonicalRequest: echo.canonicalRequest,
    CanonicalRequestBytes: hex(echo.canonicalRequest),
  };
}

const SIGNATURE_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
const EXPIRED_MESSAGE = 'The security token included in the request is expired';

/** [queryCode, jsonName, status, default message] per failure kind, for the non-S3 services. */
const AUTH_CODES: Record<AuthFailureKind, [string, string, number, string]> = {
  missing: ['MissingAuthenticationToken', 'MissingAuthenticationTokenException', 403, 'Request is missing Authentication Token'],
  incomplete: ['IncompleteSignature', 'IncompleteSignatureException', 400, 'Authorization header requires Credential, SignedHeaders and Signature.'],
  unknownKey: ['InvalidClientTokenId', 'UnrecognizedClientException', 403, INVALID_TOKEN_MESSAGE],
  badToken: ['InvalidClientTokenId', 'UnrecognizedClientException', 403, INVALID_TOKEN_MESSAGE],
  signature: ['SignatureDoesNotMatch', 'InvalidSignatureException', 403, SIGNATURE_MESSAGE],
  skew: ['SignatureDoesNotMatch', 'InvalidSignatureException', 403, 'Signature expired'],
  expired: ['ExpiredToken', 'ExpiredTokenException', 400, EXPIRED_MESSAGE],
  payloadHash: ['SignatureDoesNotMatch', 'InvalidSignatureException', 403, SIGNATURE_MESSAGE],
};

const S3_AUTH_CODES: Record<AuthFailureKind, [string, number, string]> = {
  missing: ['AccessDenied', 403, 'Access Denied'],
  incomplete: ['AuthorizationHeaderMalformed', 400, 'The authorization header is malformed.'],
  unknownKey: ['InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.'],
  badToken: ['InvalidToken', 400, 'The provided token is malformed or otherwise invalid.'],
  signature: ['SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'],
  skew: ['RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.'],
  expired: ['ExpiredToken', 400, 'The provided token has expired.'],
  payloadHash: ['XAmzContentSHA256Mismatch', 400, "The provided 'x-amz-content-sha256' header does not match what was computed."],
};

/** SQS answers common errors with coral `__type` names; the awsQuery code rides in `x-amzn-query-error`. */
function sqsError(jsonName: string, queryCode: string, status: number, message: string): SandboxError {
  return new SandboxError(`com.amazon.coral.service#${jsonName}`, status, message, {}, queryCode);
}

export function authError(service: ServiceName, failure: AuthFailure): SandboxError {
  const detail = failure.message !== failure.kind ? failure.message : undefined;
  if (service === 's3') {
    const [code, status, message] = S3_AUTH_CODES[failure.kind];
    return new SandboxError(code, status, detail ?? message, failure.echo ? s3EchoFields(failure.echo) : {});
  }
  const [queryCode, jsonName, status, defaultMessage] = AUTH_CODES[failure.kind];
  const message = failure.echo ? echoedMessage(defaultMessage, failure.echo) : defaultMessage;
  if (service === 'sqs') return sqsError(jsonName, queryCode, status, detail ?? message);
  if (JSON_NAMED.has(service)) return new SandboxError(jsonName, status, detail ?? message);
  return new SandboxError(queryCode, status, detail ?? message);
}

export function accessDenied(service: ServiceName, message: string): SandboxError {
  if (JSON_NAMED.has(service)) return new SandboxError('AccessDeniedException', 403, message);
  if (service === 'sqs') return sqsError('AccessDeniedException', 'AccessDenied', 403, message);
  return new SandboxError('AccessDenied', 403, message);
}

/** The real throttling answer of each service; every one is in the SDK's throttling list. */
export function throttled(service: ServiceName): SandboxError {
  switch (service) {
    case 'organizations':
      // Modeled as 429, but the live service has long answered 400 (aws-sdk-js#2135); the SDK retries on the name.
      return new SandboxError('TooManyRequestsException', 400, 'You have sent too many requests in too short a period of time. Try again later.', {
        Type: 'RequestThrottled',
      });
    case 's3':
      return new SandboxError('SlowDown', 503, 'Please reduce your request rate.');
    case 'sqs':
      return new SandboxError('com.amazonaws.sqs#RequestThrottled', 403, 'Request is throttled.', {}, 'RequestThrottled');
    case 'sso':
    case 'cloudtrail':
      return new SandboxError('ThrottlingException', 400, 'Rate exceeded');
    case 'account':
      return new SandboxError('TooManyRequestsException', 429, 'Rate exceeded');
    default:
      return new SandboxError('Throttling', 400, 'Rate exceeded');
  }
}

/** An injected server fault (5xx), with each service's own internal-error code. */
export function internalError(service: ServiceName): SandboxError {
  switch (service) {
    case 'iam':
      return new SandboxError('ServiceFailure', 500, 'Request processing has failed because of an unknown error, exception or failure.');
    case 'organizations':
      return new SandboxError('ServiceException', 500, 'AWS Organizations can\'t complete your request because of an internal service error. Try again later.');
    case 's3':
      return new SandboxError('InternalError', 500, 'We encountered an internal error. Please try again.');
    case 'sso':
    case 'account':
      return new SandboxError('InternalServerException', 500, 'The request processing has failed because of an unknown error, exception, or failure with an internal server.');
    case 'sqs':
      return sqsError('InternalFailure', 'InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.');
    default:
      return new SandboxError('InternalFailure', 500, 'An internal error occurred.');
  }
}
