/**
 * The root user's listed credentials, every page of each list, read inside a root session. Both the audit
 * and the deletion plan start from these listings.
 */
import {
  type AccessKeyMetadata,
  type IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
  type MFADevice,
  type SigningCertificate,
} from '@aws-sdk/client-iam';
import { tagged } from '../aws/errors';
import { collectPages } from '../org/paging';

export function listRootAccessKeys(iam: IAMClient, signal?: AbortSignal): Promise<AccessKeyMetadata[]> {
  return collectPages(async (Marker) => {
    const page = await tagged('ListAccessKeys', iam.send(new ListAccessKeysCommand({ Marker }), { abortSignal: signal }));
    return { items: page.AccessKeyMetadata ?? [], next: page.IsTruncated ? page.Marker : undefined };
  });
}

export function listRootMfaDevices(iam: IAMClient, signal?: AbortSignal): Promise<MFADevice[]> {
  return collectPages(async (Marker) => {
    const page = await tagged('ListMFADevices', iam.send(new ListMFADevicesCommand({ Marker }), { abortSignal: signal }));
    return { items: page.MFADevices ?? [], next: page.IsTruncated ? page.Marker : undefined };
  });
}

export function listRootSigningCertificates(iam: IAMClient, signal?: AbortSignal): Promise<SigningCertificate[]> {
  return collectPages(async (Marker) => {
    const page = await tagged('ListSigningCertificates', iam.send(new ListSigningCertificatesCommand({ Marker }), { abortSignal: signal }));
    return { items: page.Certificates ?? [], next: page.IsTruncated ? page.Marker : undefined };
  });
}
