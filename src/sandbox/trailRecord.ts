/** Turns an AssumeRoot the sandbox served into the CloudTrail event of the caller's account, in the request's region. */
import type { CallContext } from './context';
import type { RootSessionCaller } from './keyring';
import { assumeRootEvent, type TrailCaller } from './trail';

export function recordAssumeRoot(ctx: CallContext, params: URLSearchParams, session: RootSessionCaller, expiresAt: Date): void {
  const { caller } = ctx;
  // Root sessions cannot call AssumeRoot, so the caller is always one of the sandbox's IAM users.
  const trailCaller: TrailCaller =
    caller.kind === 'iam'
      ? { kind: 'user', accountId: caller.accountId, userName: caller.arn.slice(caller.arn.lastIndexOf('/') + 1), accessKeyId: caller.accessKeyId }
      : { kind: 'user', accountId: caller.accountId, userName: 'root', accessKeyId: caller.accessKeyId };
  const duration = params.get('DurationSeconds');
  ctx.world.cloudTrail.add(
    assumeRootEvent({
      caller: trailCaller,
      region: ctx.region,
      time: ctx.clock.now(),
      targetPrincipal: params.get('TargetPrincipal') ?? '',
      taskPolicyArn: params.get('TaskPolicyArn.arn') ?? '',
      durationSeconds: duration === null ? undefined : Number(duration),
      session: { accessKeyId: session.accessKeyId, sessionToken: session.sessionToken, expiration: expiresAt },
    }),
  );
}
