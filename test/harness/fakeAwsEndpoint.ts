// A local stand-in for every AWS endpoint. The extension host gets AWS_ENDPOINT_URL pointing here (and
// fake credentials), so any AWS SDK call it makes lands on 127.0.0.1, is recorded, and fails with a
// clear error instead of reaching a real account. Tests read the record through the control path.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_AWS_RECORD_PATH, type RecordedAwsRequest } from '../integration/protocol';

export interface FakeAwsEndpoint {
  url: string;
  requests: RecordedAwsRequest[];
  close(): Promise<void>;
}

export async function startFakeAwsEndpoint(): Promise<FakeAwsEndpoint> {
  const requests: RecordedAwsRequest[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === FAKE_AWS_RECORD_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(requests));
      return;
    }
    const scope = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '');
    requests.push({ method: req.method ?? '', url: req.url ?? '', service: scope?.[1], target: req.headers['x-amz-target'] as string | undefined });
    req.resume();
    denyLikeAws(res, String(req.headers['content-type'] ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections(); // SDK keep-alive sockets would hold close() open
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The extension host's environment for tests, shared by both back ends: the inherited AWS_* variables
 * (a developer's profile, session token, region) are dropped, and every AWS SDK client resolves to the
 * fake endpoint with fake credentials; ~/.aws is never read.
 */
export function withAwsTestEnvironment(env: NodeJS.ProcessEnv, endpointUrl: string): NodeJS.ProcessEnv {
  const withoutAws = Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('AWS_')));
  return {
    ...withoutAws,
    AWS_ENDPOINT_URL: endpointUrl,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Node 20 is what VS Code 1.100 runs; the SDK's upgrade notice would only clutter the test output.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

const DENIED = 'RootGuard test harness: no AWS endpoint was configured for this test';

/** An AccessDenied error in the shape the SDK parses for the request's protocol. */
function denyLikeAws(res: http.ServerResponse, contentType: string): void {
  if (contentType.includes('json')) {
    res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
    res.end(JSON.stringify({ __type: 'AccessDeniedException', message: DENIED }));
    return;
  }
  // Query (STS, IAM, SQS) and REST-XML (S3) protocols both read Error/Code and Error/Message.
  res.writeHead(403, { 'content-type': 'text/xml' });
  res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${DENIED}</Message></Error><RequestId>0</RequestId></ErrorResponse>`);
}
