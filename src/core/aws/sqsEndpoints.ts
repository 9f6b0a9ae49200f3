/**
 * Which hosts a queue URL may name. A root session's SQS calls always go to the connection's SQS endpoint
 * (clients.ts), never to the host a queue URL names, so the URL only identifies the queue. A URL on any other
 * host is refused all the same: it is a mistyped or forged queue (an audit-log record anyone could append
 * to), and a run that accepted it would read or change some other queue than the one shown.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { silenceSdkNodeVersionWarning } from './sdkNodeWarning';

/** Where the SQS calls of a connection go: AWS's endpoint of `region`, or the configured `endpoint` (the sandbox). */
export interface SqsEndpointPlace {
  region: string;
  endpoint?: string;
}

const hostsByRegion = new Map<string, ReadonlySet<string>>();

/**
 * The hosts SQS answers on in `region`, as the SDK's own endpoint rules give them (plain, FIPS, dual-stack
 * and both; `sqs.<region>.amazonaws.com`, `.amazonaws.com.cn`, `api.aws`, ...), and the legacy queue host
 * (`<region>.queue.<dns suffix>`, and `queue.amazonaws.com` for us-east-1) that older queue URLs still name.
 */
export function sqsHostsOf(region: string): ReadonlySet<string> {
  let hosts = hostsByRegion.get(region);
  if (hosts) return hosts;
  silenceSdkNodeVersionWarning();
  // The client is only asked for its endpoint rules: it opens no connection and reads no credentials.
  const client = new SQSClient({ region });
  const resolve = (UseFIPS: boolean, UseDualStack: boolean) => {
    try {
      return [client.config.endpointProvider({ Region: region, UseFIPS, UseDualStack }).url.hostname];
    } catch {
      // A partition without FIPS or dual-stack has no such host.
      return [];
    }
  };
  const resolved = [resolve(false, false), resolve(true, false), resolve(false, true), resolve(true, true)].flat();
  client.destroy();
  const dnsSuffix = resolved[0]?.slice(`sqs.${region}.`.length);
  const legacy = dnsSuffix ? [`${region}.queue.${dnsSuffix}`, ...(region === 'us-east-1' ? ['queue.amazonaws.com'] : [])] : [];
  hosts = new Set([...resolved, ...legacy]);
  hostsByRegion.set(region, hosts);
  return hosts;
}

/** The region an AWS SQS host names (`sqs.eu-west-1.amazonaws.com`, `eu-west-1.queue.amazonaws.com`), if any. */
function regionNamedBy(host: string): string | undefined {
  if (host === 'queue.amazonaws.com') return 'us-east-1';
  return /^(?:sqs(?:-fips)?\.)?([a-z]{2,4}(?:-[a-z]+)+-\d+)\.(?:queue\.)?/.exec(host)?.[1];
}

/**
 * Why `url` cannot name a queue of this connection, or undefined when it can: https on an SQS host of the
 * connection's region, or the configured endpoint's host (its scheme too) when one is configured. A queue
 * of another region is refused with the region to connect to: the calls would go to this region's endpoint.
 */
export function queueUrlEndpointProblem(url: string, place: SqsEndpointPlace): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.username || parsed.password) return `A queue URL carries no user name or password: ${parsed.origin}`;
  if (place.endpoint) {
    // The port is not compared: a sandbox listens on a new one each time it starts, and an audit record outlives
    // it. The calls go to the configured endpoint whatever the URL says.
    const configured = new URL(place.endpoint);
    if (parsed.protocol === configured.protocol && parsed.hostname === configured.hostname) return undefined;
  }
  const awsHosts = sqsHostsOf(place.region);
  // The first host is the plain one (neither FIPS nor dual-stack), the one to show.
  const expected = `https://${[...awsHosts][0]}/${place.endpoint ? ` or ${new URL(place.endpoint).origin}/` : ''}`;
  if (parsed.protocol === 'https:' && parsed.port === '' && awsHosts.has(parsed.hostname)) return undefined;
  const region = regionNamedBy(parsed.hostname);
  if (parsed.protocol === 'https:' && parsed.port === '' && region && region !== place.region && sqsHostsOf(region).has(parsed.hostname)) {
    return `The queue is in region ${region}, but this connection's SQS calls go to ${place.region}: connect to ${region} for it`;
  }
  return `A queue URL must be on the SQS endpoint of ${place.region} (${expected}...), not ${parsed.origin}`;
}
