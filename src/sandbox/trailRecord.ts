/**
 * Turns every AssumeRoot the sandbox serves into the CloudTrail event of the caller's account, in the request's
 * region: sessions it opened, and calls it refused (with `errorCode`, no response), as CloudTrail records both.
 */
import type { CallContext } from './context';
import type { SandboxError } from './errors';
import type { RootSessionCaller } from './keyring';
import { assumeRootEvent, type AssumeRootCall, type TrailCaller } from './trail';

/** The call as the request named it; a refused one may name anything. */
function requested(ctx: CallContext, params: URLSearchParams): Omit<AssumeRootCall, 'caller' | 'session'> {
  const duration = params.get('DurationSeconds');
  return {
    region: ctx.region,
    time: ctx.clock.now(),
    targetPrincipal: params.get('TargetPrincipal') ?? '',
    taskPolicyArn: params.get('TaskPolicyArn.arn') ?? '',
    durationSeconds: duration === null || !Number.isFinite(Number(duration)) ? undefined : Number(duration),
  };
}

/** The sandbox's IAM callers are users; a root session is never one that may open another. */
function iamUser(ctx: CallContext): TrailCaller | undefined {
  const { caller } = ctx;
  if (caller.kind !== 'iam') return undefined;
  return { kind: 'user', accountId: caller.accountId, userName: caller.arn.slice(caller.arn.lastIndexOf('/') + 1), accessKeyId: caller.accessKeyId };
}

export function recordAssumeRoot(ctx: CallContext, params: URLSearchParams, session: RootSessionCaller, expiresAt: Date): void {
  const caller = iamUser(ctx);
  if (!caller) return;
  ctx.world.cloudTrail.add(assumeRootEvent({ ...requested(ctx, params), caller, session: { accessKeyId: session.accessKeyId, sessionToken: session.sessionToken, expiration: expiresAt } }));
}

/** A refused AssumeRoot by an IAM caller (denied by policy or by the service's own rules, or invalid). */
export function recordRefusedAssumeRoot(ctx: CallContext, params: URLSearchParams, error: SandboxError): void {
  const caller = iamUser(ctx);
  // On the global endpoint AssumeRoot is no operation at all: nothing was called to record.
  if (!caller || error.code === 'InvalidAction') return;
  ctx.world.cloudTrail.add(assumeRootEvent({ ...requested(ctx, params), caller, errorCode: error.code, errorMessage: error.message }));
}
