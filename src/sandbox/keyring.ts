/**
 * Who holds which keys: the long-term IAM callers (management, delegated admin, one ordinary member) and the
 * root sessions AssumeRoot issues. Key ids look like AWS keys but always contain `SANDBOX` and a digit
 * outside base32 (`0`, `1`, `8`, `9`), so secret scanners never take them for real ones; secret keys and
 * session tokens are random per run, and `issuedSecrets()` lists them for leak checks.
 */
import { randomBytes } from 'node:crypto';
import type { TaskPolicyName } from './taskPolicies';

/** An IAM user with the sandbox's org-admin identity policy. */
export interface IamCaller {
  kind: 'iam';
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  arn: string;
  userId: string;
}

/** Credentials from AssumeRoot: the root principal of `accountId`, scoped by a task policy, until `expiresAt`. */
export interface RootSessionCaller {
  kind: 'rootSession';
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  arn: string;
  taskPolicy: TaskPolicyName;
  issuedAt: Date;
  expiresAt: Date;
}

export type Caller = IamCaller | RootSessionCaller;

export const SANDBOX_USER_NAME = 'rootguard-sandbox-admin';

export class Keyring {
  private readonly byKey = new Map<string, Caller>();
  private sessionCounter = 0;

  /** Creates the IAM admin user of an account (`AKIASANDBOX0<account>`). */
  addIamCaller(accountId: string): IamCaller {
    const caller: IamCaller = {
      kind: 'iam',
      accessKeyId: `AKIASANDBOX0${accountId.slice(-8)}`,
      secretAccessKey: randomSecret(),
      accountId,
      arn: `arn:aws:iam::${accountId}:user/${SANDBOX_USER_NAME}`,
      userId: `AIDASANDBOX0${accountId.slice(-8)}`,
    };
    this.byKey.set(caller.accessKeyId, caller);
    return caller;
  }

  issueRootSession(accountId: string, taskPolicy: TaskPolicyName, issuedAt: Date, expiresAt: Date): RootSessionCaller {
    this.sessionCounter++;
    const caller: RootSessionCaller = {
      kind: 'rootSession',
      accessKeyId: `ASIASANDBOX${String(this.sessionCounter).padStart(9, '0')}`,
      secretAccessKey: randomSecret(),
      // Real tokens are long opaque base64; length varies, so callers must not assume one.
      sessionToken: `SandboxSessionToken/${randomBytes(96).toString('base64')}`,
      accountId,
      arn: `arn:aws:iam::${accountId}:root`,
      taskPolicy,
      issuedAt,
      expiresAt,
    };
    this.byKey.set(caller.accessKeyId, caller);
    return caller;
  }

  find(accessKeyId: string): Caller | undefined {
    return this.byKey.get(accessKeyId);
  }

  /** Every secret access key and session token handed out in this run. */
  issuedSecrets(): string[] {
    return [...this.byKey.values()].flatMap((c) => (c.kind === 'rootSession' ? [c.secretAccessKey, c.sessionToken] : [c.secretAccessKey]));
  }
}

function randomSecret(): string {
  return randomBytes(30).toString('base64');
}
