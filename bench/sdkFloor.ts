/**
 * The AWS SDK's own CPU per call: what an audit's client CPU per call is compared with. One STS client,
 * built once, sends GetCallerIdentity (the same query protocol and XML responses as the audit's IAM reads)
 * to the same sandbox at the same latency, keeping a fixed number of calls in flight: the audit's own
 * average, calls x latency / wall. Nothing of RootGuard's runs, and none of an audit's per-account costs
 * (a client and a signing key per root session, error responses): no audit can spend less per call with
 * this SDK, so a goal under this figure cannot be met by changing RootGuard's code alone.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { SandboxProcess } from './sandboxProcess';

/** Client CPU in milliseconds per call over `calls` calls with `inFlight` of them in flight at any time. */
export async function sdkCpuMsPerCall(sandbox: SandboxProcess, inFlight: number, calls: number): Promise<number> {
  const client = new STSClient({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: sandbox.credentials,
    // A socket per call in flight, kept open, as RootGuard's own clients have (src/core/aws/clients.ts).
    requestHandler: { httpAgent: { keepAlive: true, maxSockets: inFlight } } as never,
  });
  try {
    // Untimed first: the code compiled and optimized, the sockets open, as they are in an audit's steady state.
    await sendAll(client, inFlight, inFlight * 4);
    const cpu0 = process.cpuUsage();
    await sendAll(client, inFlight, calls);
    const cpu = process.cpuUsage(cpu0);
    return (cpu.user + cpu.system) / 1000 / calls;
  } finally {
    client.destroy();
  }
}

async function sendAll(client: STSClient, inFlight: number, calls: number): Promise<void> {
  let started = 0;
  const lane = async () => {
    while (started < calls) {
      started++;
      await client.send(new GetCallerIdentityCommand({}));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, calls) }, lane));
}
