/**
 * The regions of the sandbox's commercial partition and their opt-in status, as Account Management's
 * `ListRegions` reports them for every account of the organization: the 17 regions enabled by default, an
 * opt-in region the organization enabled (eu-south-1) and opt-in regions left disabled. The seeded CloudTrail
 * history (trailSeed.ts) lies in enabled regions only, as AssumeRoot cannot be called in a disabled one.
 */
export type RegionOptStatus = 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'ENABLED_BY_DEFAULT';

export interface SandboxRegion {
  name: string;
  optStatus: RegionOptStatus;
}

const BY_DEFAULT = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];
const OPT_IN: [string, RegionOptStatus][] = [
  ['af-south-1', 'DISABLED'],
  ['ap-east-1', 'DISABLED'],
  ['eu-south-1', 'ENABLED'],
  ['me-south-1', 'DISABLED'],
];

/** Sorted by name, as the API lists them. */
export function sandboxRegions(): SandboxRegion[] {
  return [...BY_DEFAULT.map((name): SandboxRegion => ({ name, optStatus: 'ENABLED_BY_DEFAULT' })), ...OPT_IN.map(([name, optStatus]) => ({ name, optStatus }))].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}
