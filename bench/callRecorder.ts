/**
 * Records the calls a run's clients send, for the benches whose floors count them (the organization load,
 * the preflight). Not a benchmark itself.
 */
import type { AwsClients } from '../src/core/aws/clients';

/** One call as the client sent it (a retry is the same call). */
export interface RecordedCall {
  operation: string;
  input: { ParentId?: string; PolicyId?: string; Filter?: string };
}

/** Records every call the clients' Organizations, STS and IAM clients send, once each however often the SDK retries it. */
export function recordCalls(clients: AwsClients): RecordedCall[] {
  const calls: RecordedCall[] = [];
  const recorder = (next: (args: { input: object }) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: object }) => {
    calls.push({ operation: String(context.commandName).replace(/Command$/, ''), input: args.input });
    return next(args);
  };
  type Stack = { middlewareStack: { add(middleware: never, options: { step: 'initialize'; name: string }): void } };
  for (const client of [clients.organizations(), clients.sts(), clients.iam()] as Stack[]) {
    client.middlewareStack.add(recorder as never, { step: 'initialize', name: 'benchCallRecorder' });
  }
  return calls;
}

export function callsByOperation(calls: readonly RecordedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Pages per key of one operation's calls (the parent, the policy or the policy type). */
export function pagesBy(calls: readonly RecordedCall[], operation: string, key: (c: RecordedCall) => string | undefined): Map<string, number> {
  const pages = new Map<string, number>();
  for (const c of calls) if (c.operation === operation) pages.set(key(c) ?? '', (pages.get(key(c) ?? '') ?? 0) + 1);
  return pages;
}
