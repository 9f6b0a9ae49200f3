// One code-server for a test run, set up the way every suite needs it: the extension host's AWS calls
// go to a local recorder, and anything that reaches beyond 127.0.0.1 is noticed.
import path from 'node:path';
import { startCodeServer, type CodeServer } from './codeServer';
import { startFakeAwsEndpoint, withAwsTestEnvironment, type FakeAwsEndpoint } from './fakeAwsEndpoint';
import { repoRoot } from './paths';
import { onCleanup } from './processes';
import { describeTarget, vscodeTarget } from './vscodeTarget';

export interface TestSession {
  server: CodeServer;
  fakeAws: FakeAwsEndpoint;
  /** Copies the logs to test-results/logs/<name>-<target> and says where; call it before stop(). */
  keepLogs(name: string): string;
  stop(): Promise<void>;
}

export interface TestSessionOptions {
  /** Variables added to the extension host's environment (test knobs). */
  hostEnv?: Record<string, string>;
  /** .vsix files installed before the server starts. */
  install?: string[];
  /** See VscodeTarget.payloadNeedsSmokeTestDriver. */
  smokeTestDriver?: boolean;
}

export async function startTestSession(options: TestSessionOptions = {}): Promise<TestSession> {
  const fakeAws = await startFakeAwsEndpoint();
  const unregisterFakeAws = onCleanup(fakeAws.close);
  const target = vscodeTarget();
  let server: CodeServer;
  try {
    server = await startCodeServer({
      target,
      env: { ...withAwsTestEnvironment(process.env, fakeAws.url), ...options.hostEnv },
      install: options.install,
      smokeTestDriver: options.smokeTestDriver,
    });
  } catch (err) {
    unregisterFakeAws();
    await fakeAws.close();
    throw err;
  }
  console.log(`${describeTarget(target)} listening at ${server.baseUrl}`);
  return {
    server,
    fakeAws,
    keepLogs: (name) => {
      const dir = path.join(repoRoot, 'test-results', 'logs', `${name}-${target.name}`);
      server.saveLogs(dir);
      return path.relative(process.cwd(), dir) || dir;
    },
    stop: async () => {
      await server.stop();
      unregisterFakeAws();
      await fakeAws.close();
    },
  };
}

/** Lines describing every connection that left 127.0.0.1 during the session, from any process. */
export function networkViolations(session: TestSession, browserRequests: string[]): string[] {
  return [
    ...session.server.externalConnections().map((line) => `network access from VS Code: ${line}`),
    ...browserRequests.map((url) => `network access from the browser: ${url}`),
  ];
}
