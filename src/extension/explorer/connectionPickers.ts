/**
 * The pickers behind "Select Profile" and "Select Region". Profiles come from the shared config files (the
 * names only; credentials stay with the SDK), with the sandbox offered last so a first-time user has a
 * way in without AWS.
 */
import * as vscode from 'vscode';
import { listProfiles, loadSharedConfig, type ProfileInfo } from '../../core/aws/sharedConfig';

export type ProfileChoice = { profile: string } | { sandbox: true };

const KIND_LABEL: Record<ProfileInfo['kind'], string> = {
  sso: 'IAM Identity Center (SSO)',
  'credential-process': 'credential_process',
  'assume-role': 'assume role',
  static: 'access keys',
  other: '',
};

export async function pickProfile(current: string | undefined): Promise<ProfileChoice | undefined> {
  const profiles = listProfiles(await loadSharedConfig());
  type Item = vscode.QuickPickItem & { choice?: ProfileChoice };
  const items: Item[] = profiles.map((p) => ({
    label: p.name,
    description: [KIND_LABEL[p.kind], p.region, p.name === current ? '(current)' : undefined].filter(Boolean).join(' · '),
    detail: p.needsMfa ? 'asks for an MFA code' : undefined,
    choice: { profile: p.name },
  }));
  if (items.length === 0) items.push({ label: 'No profiles in the shared AWS config', description: 'see `aws configure` or `aws configure sso`', kind: vscode.QuickPickItemKind.Default });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(beaker) Try the sandbox organization', description: 'a local, seeded organization; no AWS account needed', choice: { sandbox: true } });
  const picked = await vscode.window.showQuickPick(items, { title: 'RootGuard: Select AWS Profile', placeHolder: 'Profile of the management account or the IAM delegated administrator' });
  return picked?.choice;
}

/** Commercial regions; any other is typed in. STS must be regional for AssumeRoot, so no "global". */
const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'me-central-1', 'af-south-1',
];

/** Returns the region to save ('' for "the profile's own"), or undefined when dismissed. */
export async function pickRegion(current: string): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { region?: string };
  const items: Item[] = [
    { label: "$(account) The profile's region", description: 'then AWS_REGION, then us-east-1', region: '' },
    ...REGIONS.map((region) => ({ label: region, description: region === current ? '(current)' : undefined, region })),
    { label: '$(edit) Other region…' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'RootGuard: Select Region', placeHolder: 'Region for STS (regional endpoint), IAM and Organizations' });
  if (!picked || picked.region !== undefined) return picked?.region;
  return vscode.window.showInputBox({
    title: 'RootGuard: Region',
    prompt: 'A region code such as il-central-1',
    validateInput: (value) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(value.trim()) ? undefined : 'A region code: letters, dashes and a final digit'),
  }).then((value) => value?.trim());
}
