/** What a service operation gets besides its input: the world, the authenticated caller and the request. */
import type { SandboxClock } from './clock';
import type { Caller, Keyring } from './keyring';
import type { World } from './world';

export interface CallContext {
  world: World;
  keyring: Keyring;
  clock: SandboxClock;
  caller: Caller;
  /** The region of the request's credential scope. */
  region: string;
  /** `http://127.0.0.1:PORT`, for SQS queue URLs. */
  origin: string;
  /** Organizations pagination: every Nth page of a listing is served empty (with a NextToken); 0 = never. */
  emptyPageEvery: number;
  /** Organizations pagination: answer a NextToken with the same token again (the `repeatPageToken` fault). */
  repeatPageToken: boolean;
}

/** Reads a string member; undefined when absent or not a string. */
export function str(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' ? value : undefined;
}
