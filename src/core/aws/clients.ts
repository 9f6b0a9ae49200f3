import { AccountClient } from '@aws-sdk/client-account';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { isIP } from 'node:net';
import { version } from '../../../package.json';
import {
  type AwsCredentials,
  type CredentialProvider,
  type CredentialSource,
  type MfaCodeProvider,
  createCredentialProvider,
} from './credentials';
import { RootGuardError } from './errors';
import { silenceSdkNodeVersionWarning } from './sdkNodeWarning';
import { type ClientWithMiddleware, scrubSdkErrors } from './secretScrub';
import { type ServiceKey, type SharedConfig, configuredEndpoint, loadSharedConfig, profileSection } from './sharedConfig';
import type { SqsEndpointPlace } from './sqsEndpoints';

/** STS must be regional for AssumeRoot; this is the region used when nothing else names one. */
export const DEFAULT_REGION = 'us-east-1';

/** The SDK's defaults modes (`legacy` unless configured). */
type DefaultsMode = 'standard' | 'in-region' | 'cross-region' | 'mobile' | 'auto' | 'legacy';

/** The SDK's two retry strategies; `adaptive` adds a client-side rate limiter. */
export type RetryMode = 'standard' | 'adaptive';

/** Everything needed to talk to AWS (or the sandbox) as one caller. */
export interface ConnectionSettings {
  credentials: CredentialSource;
  /** Default: the profile's `region`, then `AWS_REGION`/`AWS_DEFAULT_REGION`, then `us-east-1`. */
  region?: string;
  /** One endpoint for every service (the sandbox, a proxy); overrides `AWS_ENDPOINT_URL*` and the profile. */
  endpoint?: string;
  retryMode?: RetryMode;
  /** Attempts per call including the first; default `AWS_MAX_ATTEMPTS`, the profile's `max_attempts`, then 8. */
  maxAttempts?: number;
  /**
   * Fixed wait before each retry, in milliseconds, instead of the SDK's jittered backoff (which waits about a
   * second after throttling). The SDK's retry rules still decide what is retried; tests against the
   * sandbox use a few milliseconds so throttled runs finish quickly. Ignored in `adaptive` mode.
   */
  retryDelayMs?: number;
  /** Asked for a code when a profile's role chain has `mfa_serial`. */
  mfaCodeProvider?: MfaCodeProvider;
  /** Upper bound on parallel HTTP connections per host, shared by every client of the factory. */
  maxSockets?: number;
  /** Who is calling, added to the user agent after `RootGuard/<version>` (e.g. `cli`, `vscode`). */
  userAgentApp?: string;
}

/** Settings after the shared config has been read: nothing left to look up. */
export interface ResolvedConnection {
  region: string;
  partition: string;
  endpoints: Partial<Record<ServiceKey, string>>;
  credentialProvider: CredentialProvider;
  /**
   * Options the SDK would otherwise look up in the environment and config files for every new client. Root
   * sessions make a client per account, so resolving them once here saves that work thousands of times.
   */
  sdkOptions: {
    retryMode: string;
    maxAttempts: number;
    useFipsEndpoint: boolean;
    useDualstackEndpoint: boolean;
    defaultsMode: DefaultsMode;
    /** `AWS_AUTH_SCHEME_PREFERENCE` / `auth_scheme_preference`: auth schemes in the order preferred. */
    authSchemePreference: string[];
    userAgentAppId?: string;
  };
  maxSockets: number;
  userAgentApp?: string;
  retryDelayMs?: number;
}

/**
 * The one source of AWS SDK clients in RootGuard. Clients are created lazily, once per service, and share
 * one credential provider and one HTTP connection pool. Core functions take this interface, never a client
 * they build themselves, so tests and the sandbox can hand in their own.
 */
export interface AwsClients {
  readonly region: string;
  /** `aws`, `aws-cn` or `aws-us-gov`, for ARNs such as task policies. */
  readonly partition: string;
  /**
   * True when every service's endpoint is on this machine (127.0.0.0/8, ::1, localhost): the sandbox or a
   * local emulator, whose organization is not a real one and whose results are not worth keeping.
   */
  readonly local: boolean;
  /** Where every SQS call goes, whatever host a queue URL names: the configured endpoint, else AWS's in `region`. */
  readonly sqsPlace: SqsEndpointPlace;
  sts(): STSClient;
  iam(): IAMClient;
  organizations(): OrganizationsClient;
  s3(): S3Client;
  sqs(): SQSClient;
  /** IAM Identity Center administration: the permission sets of the holders view. */
  ssoAdmin(): SSOAdminClient;
  /** CloudTrail in `region` (default the connection's): Event history is regional, so history reads each region. */
  cloudTrail(region?: string): CloudTrailClient;
  /** Account Management: the regions enabled for the account, which the history reads. */
  account(): AccountClient;
  /**
   * Clients for other credentials (a root session) with the same region, endpoints, retry and connection pool.
   * The object is used by reference, so its owner can wipe it when the session ends.
   */
  withCredentials(credentials: AwsCredentials): AwsClients;
  /** Closes the connection pool; call once when the connection is no longer used. */
  destroy(): void;
}

/**
 * Calls one account's audit has in flight at most: six reads at once, and up to two `GetAccessKeyLastUsed`
 * once `ListAccessKeys` has answered while the others may still run.
 */
const CALLS_IN_FLIGHT_PER_ACCOUNT = 7;

/** Sockets enough for `accounts` audited at once, so no call waits for a connection another holds. */
export function socketsForConcurrency(accounts: number): number {
  return accounts * CALLS_IN_FLIGHT_PER_ACCOUNT;
}

/** Sized for the highest audit concurrency the extension allows (64); sockets are only opened when needed. */
const DEFAULT_MAX_SOCKETS = socketsForConcurrency(64);

/**
 * Attempts per call when nothing configures them, instead of the SDK's 3. An audit makes thousands of calls:
 * under 20% throttling 3 attempts left about 8% of accounts failed and a listing page lost now and then; 8
 * attempts, with the SDK's backoff and full jitter (about 1 s base for throttling, capped at 20 s), make a
 * call fail only after throttling that persists for tens of seconds.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * An AWS region's shape: `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`. A name of another shape would only
 * fail later as an unreachable endpoint, or, where endpoints are configured, read nothing without a word.
 */
const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

export function isRegionName(name: string): boolean {
  return REGION_NAME.test(name);
}

/** `aws-cn` and `aws-us-gov` regions have their own partitions; everything else is `aws`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** True when S3 must use path-style URLs: virtual-hosted `bucket.127.0.0.1` or `bucket.localhost` cannot resolve. */
export function needsPathStyle(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost');
}

/** True for a loopback URL: `127.x.x.x`, `[::1]`, `localhost` or a `*.localhost` name. */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost' || host.endsWith('.localhost');
}

/** The profile whose config applies: the named one, else `AWS_PROFILE`, else `default` (as the SDK does). */
function profileNameOf(settings: ConnectionSettings, env: NodeJS.ProcessEnv): string {
  return settings.credentials.kind === 'profile' ? settings.credentials.profile : (env.AWS_PROFILE ?? 'default');
}

function resolveRegion(settings: ConnectionSettings, shared: SharedConfig | undefined, env: NodeJS.ProcessEnv): string {
  const profile = profileNameOf(settings, env);
  const region =
    settings.region ||
    (shared && profileSection(shared, profile)?.['region']) ||
    env.AWS_REGION ||
    env.AWS_DEFAULT_REGION ||
    DEFAULT_REGION;
  if (region === 'aws-global') {
    throw new RootGuardError('InvalidRegion', 'Region "aws-global" selects the global STS endpoint, which AssumeRoot rejects; choose a real region such as us-east-1');
  }
  if (!isRegionName(region)) throw new RootGuardError('InvalidRegion', `"${region}" is not an AWS region name such as us-east-1`);
  return region;
}

function resolveEndpoints(
  settings: ConnectionSettings,
  shared: SharedConfig | undefined,
  env: NodeJS.ProcessEnv,
): Partial<Record<ServiceKey, string>> {
  const services: ServiceKey[] = ['sts', 'iam', 'organizations', 's3', 'sqs', 'sso_admin', 'cloudtrail', 'account'];
  const profile = profileNameOf(settings, env);
  const endpoints: Partial<Record<ServiceKey, string>> = {};
  for (const service of services) {
    const url = settings.endpoint ?? (shared ? configuredEndpoint(service, shared, profile, env) : undefined);
    if (url) endpoints[service] = url;
  }
  return endpoints;
}

/** The SDK's own sources for these options, in its order: settings, environment, profile, default. */
function resolveSdkOptions(
  settings: ConnectionSettings,
  shared: SharedConfig | undefined,
  env: NodeJS.ProcessEnv,
): ResolvedConnection['sdkOptions'] {
  const profile = profileNameOf(settings, env);
  const section = shared ? profileSection(shared, profile) : undefined;
  const pick = (envName: string, key: string) => env[envName] ?? section?.[key];
  const maxAttempts = settings.maxAttempts ?? Number(pick('AWS_MAX_ATTEMPTS', 'max_attempts') ?? DEFAULT_MAX_ATTEMPTS);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RootGuardError('InvalidMaxAttempts', `Max attempts must be a positive whole number, not ${maxAttempts}`);
  }
  return {
    retryMode: settings.retryMode ?? pick('AWS_RETRY_MODE', 'retry_mode') ?? 'standard',
    maxAttempts,
    useFipsEndpoint: pick('AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint')?.toLowerCase() === 'true',
    useDualstackEndpoint: pick('AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint')?.toLowerCase() === 'true',
    defaultsMode: (pick('AWS_DEFAULTS_MODE', 'defaults_mode') ?? 'legacy') as DefaultsMode,
    authSchemePreference: commaSeparated(pick('AWS_AUTH_SCHEME_PREFERENCE', 'auth_scheme_preference')),
    userAgentAppId: pick('AWS_SDK_UA_APP_ID', 'sdk_ua_app_id'),
  };
}

/** A comma-separated setting as the SDK reads it: items trimmed, none for an empty or missing one. */
function commaSeparated(value: string | undefined): string[] {
  return value ? value.split(',').map((item) => item.trim()) : [];
}

/**
 * Reads what the settings leave to the environment and the shared config files (region, configured endpoints)
 * and builds the shared credential provider. Static credentials skip the config files entirely.
 */
export async function resolveConnection(
  settings: ConnectionSettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedConnection> {
  const shared = settings.credentials.kind === 'static' ? undefined : await loadSharedConfig(env);
  const region = resolveRegion(settings, shared, env);
  return {
    region,
    partition: partitionOf(region),
    endpoints: resolveEndpoints(settings, shared, env),
    credentialProvider: createCredentialProvider(settings.credentials, { mfaCodeProvider: settings.mfaCodeProvider }),
    sdkOptions: resolveSdkOptions(settings, shared, env),
    maxSockets: settings.maxSockets ?? DEFAULT_MAX_SOCKETS,
    userAgentApp: settings.userAgentApp,
    retryDelayMs: settings.retryDelayMs,
  };
}

/** Resolves the settings and returns the client factory for them. */
export async function createAwsClients(settings: ConnectionSettings, env?: NodeJS.ProcessEnv): Promise<AwsClients> {
  return clientsFor(await resolveConnection(settings, env));
}

/** The holder of the one HTTP handler: the first client creates it, every later client reuses it. */
interface HandlerPool {
  handler?: unknown;
}

/** Builds the factory for a resolved connection (synchronous: nothing is looked up any more). */
export function clientsFor(connection: ResolvedConnection, pool: HandlerPool = {}, ownsPool = true): AwsClients {
  silenceSdkNodeVersionWarning();
  const built: Partial<Record<ServiceKey, { destroy(): void }>> = {};
  const trails = new Map<string, CloudTrailClient>();

  const { retryDelayMs, sdkOptions } = connection;
  const fixedDelay = retryDelayMs !== undefined && sdkOptions.retryMode !== 'adaptive';
  const common = (service: ServiceKey) => ({
    region: connection.region,
    credentials: connection.credentialProvider,
    endpoint: connection.endpoints[service],
    ...sdkOptions,
    // Without an app id, a value of `undefined` would send every new client to the environment and config
    // files again (as would a missing authSchemePreference): a provider of the resolved value does not.
    userAgentAppId: async () => sdkOptions.userAgentAppId,
    ...(fixedDelay ? { retryStrategy: new ConfiguredRetryStrategy(sdkOptions.maxAttempts, retryDelayMs) } : {}),
    customUserAgent: [['RootGuard', version], ...(connection.userAgentApp ? [[connection.userAgentApp]] : [])] as [string, string?][],
    requestHandler: (pool.handler ?? {
      httpAgent: { maxSockets: connection.maxSockets, keepAlive: true },
      httpsAgent: { maxSockets: connection.maxSockets, keepAlive: true },
    }) as never,
  });

  function lazily<C extends { destroy(): void; config: { requestHandler: unknown } } & ClientWithMiddleware>(service: ServiceKey, make: () => C): () => C {
    return () => {
      // Every error a client throws is scrubbed of secrets before RootGuard sees it (secretScrub.ts).
      const client = (built[service] ??= scrubSdkErrors(make())) as C;
      pool.handler ??= client.config.requestHandler;
      return client;
    };
  }

  const services: ServiceKey[] = ['sts', 'iam', 'organizations', 's3', 'sqs', 'sso_admin'];
  return {
    region: connection.region,
    partition: connection.partition,
    local: services.every((service) => isLoopbackEndpoint(connection.endpoints[service])),
    sqsPlace: { region: connection.region, ...(connection.endpoints.sqs ? { endpoint: connection.endpoints.sqs } : {}) },
    // The global STS endpoint rejects AssumeRoot; `useGlobalEndpoint: false` keeps the resolution regional.
    sts: lazily('sts', () => new STSClient({ ...common('sts'), useGlobalEndpoint: false })),
    iam: lazily('iam', () => new IAMClient(common('iam'))),
    organizations: lazily('organizations', () => new OrganizationsClient(common('organizations'))),
    s3: lazily('s3', () => new S3Client({ ...common('s3'), forcePathStyle: needsPathStyle(connection.endpoints.s3) })),
    // By default the SDK sends each call to the host its QueueUrl names: a root session's signed requests, its
    // key id and session token with them, would go wherever a typed or logged URL points. Off, every call goes
    // to the configured endpoint or the region's.
    sqs: lazily('sqs', () => new SQSClient({ ...common('sqs'), useQueueUrlAsEndpoint: false })),
    ssoAdmin: lazily('sso_admin', () => new SSOAdminClient(common('sso_admin'))),
    account: lazily('account', () => new AccountClient(common('account'))),
    cloudTrail(region = connection.region) {
      let client = trails.get(region);
      if (!client) {
        client = scrubSdkErrors(new CloudTrailClient({ ...common('cloudtrail'), region }));
        pool.handler ??= client.config.requestHandler;
        trails.set(region, client);
      }
      return client;
    },
    withCredentials(credentials) {
      // A session's own clients: profiled, building them is about 3% of an audit's client CPU, the SDK's work
      // per call (signing, XML, middleware, HTTP) the rest. Clients shared across sessions would need each
      // call signed by its own session: the SDK's signer takes credentials only from its client, so short of
      // replacing the signer that means AsyncLocalStorage, whose promise hooks cost Node 20 about as much as
      // the sharing saved (measured with the audit bench).
      return clientsFor({ ...connection, credentialProvider: async () => credentials }, pool, false);
    },
    destroy() {
      // Destroying a client closes the shared handler's sockets, so only the owning factory does it.
      if (ownsPool) for (const client of [...Object.values(built), ...trails.values()]) client.destroy();
    },
  };
}
