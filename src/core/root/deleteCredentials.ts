/**
 * Delete root credentials (`IAMDeleteRootUserCredentials`): the kinds the user picked, read fresh inside the
 * session, then deleted one call at a time. MFA devices are deactivated first; virtual ones are then deleted
 * (`DeleteVirtualMFADevice` answers `DeleteConflict` while a device is still active).
 */
import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteVirtualMFADeviceCommand,
  GetLoginProfileCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { RootGuardError, awsErrorCode, tagged } from '../aws/errors';
import { mfaKindOf } from './audit';
import { listRootAccessKeys, listRootMfaDevices, listRootSigningCertificates } from './rootCredentialLists';
import type { RootSession } from './session';
import { type PlannedChange, type RootTask, type TaskPlan, deleteIdempotently } from './taskModel';

/** The credential kinds a user can pick. */
export const CREDENTIAL_KINDS = ['password', 'accessKeys', 'signingCertificates', 'mfaDevices'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

const KIND_LABELS: Record<CredentialKind, string> = {
  password: 'console password',
  accessKeys: 'access keys',
  signingCertificates: 'signing certificates',
  mfaDevices: 'MFA devices',
};

/** "console password, access keys" for a confirmation. */
export function describeCredentialKinds(kinds: readonly CredentialKind[]): string {
  return kinds.map((k) => KIND_LABELS[k]).join(', ');
}

async function planPassword(iam: IAMClient, signal?: AbortSignal): Promise<PlannedChange[]> {
  try {
    await tagged('GetLoginProfile', iam.send(new GetLoginProfileCommand({}), { abortSignal: signal }));
  } catch (err) {
    if (awsErrorCode(err) === 'NoSuchEntity') return [];
    throw err;
  }
  return [{ operation: 'DeleteLoginProfile', target: 'root', description: "Delete the root user's console password" }];
}

async function planAccessKeys(iam: IAMClient, signal?: AbortSignal): Promise<PlannedChange[]> {
  const keys = await listRootAccessKeys(iam, signal);
  return keys.map((k) => ({
    operation: 'DeleteAccessKey',
    target: k.AccessKeyId ?? '',
    description: `Delete access key ${k.AccessKeyId} (${k.Status ?? 'status unknown'})`,
  }));
}

async function planSigningCertificates(iam: IAMClient, signal?: AbortSignal): Promise<PlannedChange[]> {
  const certificates = await listRootSigningCertificates(iam, signal);
  return certificates.map((c) => ({
    operation: 'DeleteSigningCertificate',
    target: c.CertificateId ?? '',
    description: `Delete signing certificate ${c.CertificateId} (${c.Status ?? 'status unknown'})`,
  }));
}

async function planMfaDevices(iam: IAMClient, signal?: AbortSignal): Promise<PlannedChange[]> {
  const devices = await listRootMfaDevices(iam, signal);
  const serials = devices.map((d) => d.SerialNumber ?? '');
  // Every deactivation first, then the deletions: a virtual device can only be deleted once it is inactive.
  const deactivations = serials.map((serial) => ({
    operation: 'DeactivateMFADevice',
    target: serial,
    description: `Deactivate ${mfaKindOf(serial)} MFA device ${serial}`,
  }));
  const deletions = serials
    .filter((serial) => mfaKindOf(serial) === 'virtual')
    .map((serial) => ({ operation: 'DeleteVirtualMFADevice', target: serial, description: `Delete virtual MFA device ${serial}` }));
  return [...deactivations, ...deletions];
}

const PLANNERS: Record<CredentialKind, (iam: IAMClient, signal?: AbortSignal) => Promise<PlannedChange[]>> = {
  password: planPassword,
  accessKeys: planAccessKeys,
  signingCertificates: planSigningCertificates,
  mfaDevices: planMfaDevices,
};

/** Makes one deletion; "not found" means it is already gone (a retried call whose first attempt landed). */
function applyDeletion(session: RootSession, change: PlannedChange) {
  const iam = session.iam();
  const gone = ['NoSuchEntity'];
  const { target } = change;
  switch (change.operation) {
    case 'DeleteLoginProfile':
      return deleteIdempotently(() => tagged(change.operation, iam.send(new DeleteLoginProfileCommand({}))), gone);
    case 'DeleteAccessKey':
      return deleteIdempotently(() => tagged(change.operation, iam.send(new DeleteAccessKeyCommand({ AccessKeyId: target }))), gone);
    case 'DeleteSigningCertificate':
      return deleteIdempotently(() => tagged(change.operation, iam.send(new DeleteSigningCertificateCommand({ CertificateId: target }))), gone);
    case 'DeactivateMFADevice':
      return deleteIdempotently(() => tagged(change.operation, iam.send(new DeactivateMFADeviceCommand({ SerialNumber: target }))), gone);
    case 'DeleteVirtualMFADevice':
      return deleteIdempotently(() => tagged(change.operation, iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: target }))), gone);
    default:
      throw new RootGuardError('UnknownChange', `Delete root credentials cannot apply ${change.operation}`);
  }
}

/**
 * The task that deletes the picked kinds of root credentials. The plan lists every password, key,
 * certificate and device it found of those kinds, and nothing of the kinds not picked.
 */
export function deleteRootCredentialsTask(kinds: readonly CredentialKind[]): RootTask {
  const picked = CREDENTIAL_KINDS.filter((k) => kinds.includes(k));
  if (picked.length === 0) throw new RootGuardError('NoCredentialKinds', 'Pick at least one kind of root credential to delete');
  return {
    kind: 'deleteRootCredentials',
    taskPolicy: 'IAMDeleteRootUserCredentials',
    title: `Delete root credentials (${describeCredentialKinds(picked)})`,
    parameters: { kinds: [...picked] },
    async plan(session, signal): Promise<TaskPlan> {
      const changes: PlannedChange[] = [];
      // One kind after another keeps at most one read in flight, so none outlives the session on a failure.
      for (const kind of picked) changes.push(...(await PLANNERS[kind](session.iam(), signal)));
      return changes.length ? { changes } : { changes, note: `No ${describeCredentialKinds(picked)} to delete` };
    },
    applyChange: applyDeletion,
  };
}
