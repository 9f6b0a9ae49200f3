/**
 * Whether root sessions can be opened at all. `sts:AssumeRoot` needs IAM's trusted access in Organizations,
 * all features, the RootSessions feature, and a caller in the management or IAM delegated administrator
 * account (aws-root-access-api.md 1.7): while any of these is missing, SCPs that let every task through
 * change nothing, and a preflight that said "works" would pass a CI gate on an organization where nothing
 * can work. The preflight reads it beside the policies, the holders view beside the principals.
 */
import type { AwsClients } from '../aws/clients';
import { awsErrorCode, isAbortError } from '../aws/errors';
import { OrgFeatureError, listOrganizationsFeatures } from './features';

/** Root sessions can be opened; cannot, and why; or whether they can could not be read. */
export type RootSessionsState = { state: 'available' } | { state: 'unavailable'; reason: string } | { state: 'unknown'; reason: string };

/** The preconditions whose failure IAM reports instead of the features: each one stops every root session. */
const STOPPING = new Set(['TrustedAccessOff', 'NotAllFeaturesMode', 'NotManagementOrDelegatedAdmin', 'NotInOrganization']);

export async function readRootSessionsState(clients: AwsClients, signal?: AbortSignal): Promise<RootSessionsState> {
  try {
    const features = await listOrganizationsFeatures(clients, { signal });
    if (features.rootSessions) return { state: 'available' };
    return { state: 'unavailable', reason: 'root sessions are not enabled for the organization (the RootSessions feature of IAM)' };
  } catch (err) {
    if (isAbortError(err)) throw err;
    if (err instanceof OrgFeatureError && STOPPING.has(err.code)) return { state: 'unavailable', reason: err.message.replace(/^./, (c) => c.toLowerCase()) };
    return { state: 'unknown', reason: `whether root sessions are enabled (iam:ListOrganizationsFeatures failed: ${awsErrorCode(err)})` };
  }
}
