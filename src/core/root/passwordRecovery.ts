/**
 * Allow password recovery (`IAMCreateRootUserPassword`): `CreateLoginProfile` with no password. A root session
 * may not set one; the mailbox owner of the account's root email then sets it with "Forgot password".
 */
import { CreateLoginProfileCommand, GetLoginProfileCommand } from '@aws-sdk/client-iam';
import { RootGuardError, awsErrorCode, tagged } from '../aws/errors';
import { type RootTask, type TaskPlan, alreadyInPlace } from './taskModel';

/** What the person who asked must do next, for the summary and the notification. */
export const PASSWORD_RECOVERY_NEXT_STEP =
  'The owner of the root user email address now signs in with "Forgot password" and sets a new password. ' +
  'Delete the root credentials again once the work that needed the password is done.';

/** The task that lets the root user recover a password, when it has none. */
export function allowPasswordRecoveryTask(): RootTask {
  return {
    kind: 'allowPasswordRecovery',
    taskPolicy: 'IAMCreateRootUserPassword',
    title: 'Allow root password recovery',
    parameters: {},
    async plan(session, signal): Promise<TaskPlan> {
      try {
        await tagged('GetLoginProfile', session.iam().send(new GetLoginProfileCommand({}), { abortSignal: signal }));
        return { changes: [], note: 'The root user already has a password; its owner can reset it with "Forgot password"' };
      } catch (err) {
        if (awsErrorCode(err) !== 'NoSuchEntity') throw err;
      }
      return {
        changes: [{ operation: 'CreateLoginProfile', target: 'root', description: 'Create a root login profile without a password' }],
        note: PASSWORD_RECOVERY_NEXT_STEP,
      };
    },
    async applyChange(session, change) {
      if (change.operation !== 'CreateLoginProfile') {
        throw new RootGuardError('UnknownChange', `Allow password recovery cannot apply ${change.operation}`);
      }
      try {
        // No Password member: a root session must omit it (aws-root-access-api.md 3.2).
        await tagged('CreateLoginProfile', session.iam().send(new CreateLoginProfileCommand({})));
        return 'changed';
      } catch (err) {
        // The profile exists: the plan saw none, so our own earlier attempt made it when the SDK retried
        // (`verified`), or on a first attempt someone else did meanwhile (`already-done`).
        if (awsErrorCode(err) === 'EntityAlreadyExists') return alreadyInPlace(err);
        throw err;
      }
    },
  };
}
