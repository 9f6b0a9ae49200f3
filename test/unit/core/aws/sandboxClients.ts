import { type AwsClients, type ConnectionSettings, createAwsClients } from '../../../../src/core/aws/clients';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../../../src/sandbox/index';

/**
 * How the fixture's clients retry. The SDK's own retry rules apply, with a 5 ms wait instead of its ~1 s
 * throttling backoff unless a test names another, so throttled runs stay quick.
 */
export type RetrySettings = Pick<ConnectionSettings, 'maxAttempts' | 'retryMode' | 'retryDelayMs'>;

/** A sandbox and a client factory signed as one of its callers, for core tests over real HTTP. */
export interface SandboxFixture {
  sandbox: SandboxHandle;
  clients: AwsClients;
  /** Another factory on the same sandbox, as a different caller. */
  clientsAs(caller: 'management' | 'delegatedAdmin' | 'member', retry?: RetrySettings): Promise<AwsClients>;
  close(): Promise<void>;
}

/** Starts a sandbox with `options` and returns management-account clients pointed at it. */
export async function startSandboxFixture(
  options: SandboxOptions = {},
  retry: RetrySettings = {},
): Promise<SandboxFixture> {
  const sandbox = await startSandbox(options);
  const made: AwsClients[] = [];
  const clientsAs: SandboxFixture['clientsAs'] = async (caller, callerRetry = retry) => {
    const clients = await createAwsClients({
      credentials: { kind: 'static', credentials: sandbox.credentials[caller] },
      endpoint: sandbox.endpoint,
      region: sandbox.region,
      retryDelayMs: 5,
      ...callerRetry,
    });
    made.push(clients);
    return clients;
  };
  const clients = await clientsAs('management');
  return {
    sandbox,
    clients,
    clientsAs,
    close: async () => {
      for (const c of made) c.destroy();
      await sandbox.close();
    },
  };
}

/** A client whose middleware stack can take one more step (every SDK v3 client). */
interface MiddlewareClient {
  middlewareStack: { add(middleware: unknown, options: { step: 'initialize'; name: string }): void };
}

/**
 * Counts the calls in flight on `client` (those whose command name `counts` accepts, all by default), so a
 * test can check a concurrency limit is reached and never passed.
 */
export function trackCallsInFlight(client: MiddlewareClient, counts: (commandName: string) => boolean = () => true): { max: () => number } {
  let inFlight = 0;
  let max = 0;
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (!counts(String(context.commandName))) return next(args);
      max = Math.max(max, ++inFlight);
      try {
        return await next(args);
      } finally {
        inFlight--;
      }
    },
    { step: 'initialize', name: 'countCallsInFlight' },
  );
  return { max: () => max };
}
