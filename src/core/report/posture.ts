import type {
  AccountAuditResult,
  OrgAccount,
  OrganizationInfo,
  OrgRoot,
  OrgUnit,
  RootAccessFeatures,
} from '../org/model';
import { describeRootStatus } from '../org/model';
import type { RootSessionHistory } from '../history/model';
import type { ManagementRootRead } from '../root/managementRoot';
import { CONTROLS, type ControlId, type ControlInfo, type ControlResult, evaluateControls } from './compliance';
import { type ReportHistory, type RowRootSessions, reportHistory, rowRootSessions } from './rootSessions';
import { READ_SUMMARY_ONLY, READ_WITH_CREDENTIAL_REPORT, hasCertificates, hasKeys, hasMfa, hasPassword } from './rowCredentials';

/** One account's line in every report format. Dates are ISO-8601; absent values are undefined. */
export interface PostureRow {
  accountId: string;
  accountName?: string;
  /** OU names from the root down, e.g. `Workloads/Prod`; empty for an account directly under the root. */
  ouPath?: string;
  state?: string;
  isManagement: boolean;
  outcome: AccountAuditResult['kind'] | 'not-audited';
  auditedAt?: string;
  /** `password · 2 keys · MFA`, the skip reason, or the failure code. */
  summary: string;
  passwordPresent?: boolean;
  passwordLastUsedAt?: string;
  activeAccessKeys?: number;
  inactiveAccessKeys?: number;
  /** The latest use of any root access key. */
  accessKeyLastUsedAt?: string;
  mfaDevices?: number;
  mfaKinds?: string;
  signingCertificates?: number;
  /** The four `GetAccountSummary` flags, as the AWS blog's script reports them. */
  accountPasswordPresent?: boolean;
  accountAccessKeysPresent?: boolean;
  accountMfaEnabled?: boolean;
  accountSigningCertificatesPresent?: boolean;
  errorCode?: string;
  detail?: string;
  likelyCause?: string;
  /**
   * Set on the management account's row when its root user was read with the caller's own credentials
   * (AssumeRoot cannot reach it): the calls that answered, e.g. `GetAccountSummary, credential report`.
   */
  readWithCallerCredentials?: string;
  /** CIS AWS Foundations Benchmark v7.0 and Security Hub controls: pass, fail, not applicable or not evaluated, with the reason. */
  controls: Record<ControlId, ControlResult>;
  /** The account's root sessions from the history, or `{ read: false }` when the history was not read. */
  rootSessions: RowRootSessions;
}

export interface PostureTotals {
  accounts: number;
  audited: number;
  skipped: number;
  failed: number;
  notAudited: number;
  withRootCredentials: number;
  withPassword: number;
  withAccessKeys: number;
  withActiveAccessKeys: number;
  withSigningCertificates: number;
  withMfa: number;
}

/**
 * What a report lacks, said in its body as well as on stderr: a report saved or archived must not read as the
 * whole organization when it is not.
 */
export interface ReportGaps {
  /** Parents whose OUs or accounts could not be listed: what is under them is not in the report. */
  unlisted?: ReadonlyArray<{ parentId: string; listing: 'units' | 'accounts'; code: string }>;
  /** The audit was cancelled: its `not-audited` rows were never read. */
  cancelled?: true;
}

/** The organization's root posture: what every format renders. */
export interface PostureReport {
  generatedAt: string;
  /** Set when the report is not of the whole organization (see ReportGaps). */
  gaps?: ReportGaps;
  organization?: OrganizationInfo;
  features?: Omit<RootAccessFeatures, 'errors'>;
  totals: PostureTotals;
  /** What the control ids of each row's `controls` stand for. */
  controls: readonly ControlInfo[];
  /** Whether the root session history was read, and what it covered. */
  history: ReportHistory;
  rows: PostureRow[];
}

export interface PostureInput {
  results: readonly AccountAuditResult[];
  /** Accounts as listed by the organization: names, OUs and states; accounts without a result are `not-audited`. */
  accounts?: readonly OrgAccount[];
  units?: readonly OrgUnit[];
  root?: OrgRoot;
  organization?: OrganizationInfo;
  features?: RootAccessFeatures;
  /** The management account's root user, read with the caller's credentials when connected as that account. */
  managementRoot?: ManagementRootRead;
  /** Why that read failed, when it was tried and did: the management row is then a failure, not a skip. */
  managementRootUnread?: { accountId: string; code: string };
  /** What the report lacks: listings of the organization that failed, a cancelled audit. */
  gaps?: ReportGaps;
  /** The root session history, when it was read: each row then gets its last root session and flag count. */
  history?: RootSessionHistory;
  generatedAt?: Date;
}

function ouPathOf(parentId: string, units: ReadonlyMap<string, OrgUnit>): string {
  const names: string[] = [];
  for (let unit = units.get(parentId); unit; unit = units.get(unit.parentId)) names.unshift(unit.name);
  return names.join('/');
}

function latest(dates: (string | undefined)[]): string | undefined {
  return dates.filter((d): d is string => Boolean(d)).sort().at(-1);
}

type RowColumns = Omit<PostureRow, 'accountId' | 'isManagement' | 'controls' | 'rootSessions'>;

/** The management account's row from what its own credentials read: AssumeRoot skipped it, this did not. */
function managementColumns(read: ManagementRootRead): RowColumns {
  const { summary, report } = read;
  const keys = report?.accessKeys;
  const parts = [summary.passwordPresent && 'password', summary.accessKeysPresent && 'access keys', summary.signingCertificatesPresent && 'certificates', summary.mfaEnabled && 'MFA'].filter(Boolean);
  return {
    outcome: 'skipped',
    auditedAt: read.readAt,
    summary: `${parts.join(' · ') || 'no root credentials'} (read with the caller's credentials)`,
    passwordPresent: summary.passwordPresent,
    passwordLastUsedAt: report?.passwordLastUsedAt,
    activeAccessKeys: keys?.filter((k) => k.active).length,
    inactiveAccessKeys: keys?.filter((k) => !k.active).length,
    accessKeyLastUsedAt: latest(keys?.map((k) => k.lastUsedAt) ?? []),
    signingCertificates: report?.certificates.length,
    accountPasswordPresent: summary.passwordPresent,
    accountAccessKeysPresent: summary.accessKeysPresent,
    accountMfaEnabled: summary.mfaEnabled,
    accountSigningCertificatesPresent: summary.signingCertificatesPresent,
    detail: read.reportUnavailable ? `credential report not read: ${read.reportUnavailable}` : undefined,
    readWithCallerCredentials: report ? READ_WITH_CREDENTIAL_REPORT : READ_SUMMARY_ONLY,
  };
}

function resultColumns(result: AccountAuditResult | undefined): RowColumns {
  if (!result) return { outcome: 'not-audited', summary: 'not audited' };
  if (result.kind === 'skipped') return { outcome: 'skipped', auditedAt: result.auditedAt, summary: `skipped: ${result.reason}`, detail: result.detail };
  if (result.kind === 'failed') {
    return { outcome: 'failed', auditedAt: result.auditedAt, summary: `failed: ${result.code}`, errorCode: result.code, detail: result.message, likelyCause: result.likelyCause };
  }
  const { status } = result;
  const active = status.accessKeys.filter((k) => k.status === 'Active').length;
  return {
    outcome: 'ok',
    auditedAt: result.auditedAt,
    summary: describeRootStatus(status),
    passwordPresent: status.password.present,
    passwordLastUsedAt: status.password.lastUsedAt,
    activeAccessKeys: active,
    inactiveAccessKeys: status.accessKeys.length - active,
    accessKeyLastUsedAt: latest(status.accessKeys.map((k) => k.lastUsedAt)),
    mfaDevices: status.mfaDevices.length,
    mfaKinds: [...new Set(status.mfaDevices.map((d) => d.kind))].join(' '),
    signingCertificates: status.signingCertificates.length,
    accountPasswordPresent: status.summary.accountPasswordPresent,
    accountAccessKeysPresent: status.summary.accountAccessKeysPresent,
    accountMfaEnabled: status.summary.accountMfaEnabled,
    accountSigningCertificatesPresent: status.summary.accountSigningCertificatesPresent,
  };
}

/**
 * The counts of every format. The credential counts are over the rows that say what the root user has: the
 * audited accounts, and the management account read with the caller's credentials (its root user's keys are
 * the organization's most sensitive; a total that left them out would contradict its own row).
 */
function totalsOf(rows: PostureRow[]): PostureTotals {
  const count = (outcome: PostureRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  const read = rows.filter((r) => r.outcome === 'ok' || r.readWithCallerCredentials !== undefined);
  const having = (has: (row: PostureRow) => boolean) => read.filter(has).length;
  return {
    accounts: rows.length,
    audited: count('ok'),
    skipped: count('skipped'),
    failed: count('failed'),
    notAudited: count('not-audited'),
    withRootCredentials: having((r) => hasPassword(r) || hasKeys(r) || hasCertificates(r)),
    withPassword: having(hasPassword),
    withAccessKeys: having(hasKeys),
    withActiveAccessKeys: having((r) => (r.activeAccessKeys ?? 0) > 0 || (r.activeAccessKeys === undefined && r.accountAccessKeysPresent === true)),
    withSigningCertificates: having(hasCertificates),
    withMfa: having(hasMfa),
  };
}

/**
 * Joins audit results with the organization listing into one row per account (listed accounts first, in
 * listing order, then results for accounts the listing did not have) plus totals.
 */
export function buildPostureReport(input: PostureInput): PostureReport {
  const units = new Map((input.units ?? []).map((u) => [u.id, u]));
  const byAccount = new Map(input.results.map((r) => [r.accountId, r]));
  const listed = input.accounts ?? [];
  const listedIds = new Set(listed.map((a) => a.id));
  const management = input.managementRoot;
  const unread = input.managementRootUnread;
  const columnsOf = (id: string): RowColumns => {
    if (management?.accountId === id) return managementColumns(management);
    // A cancel while it was read leaves it not audited, as the accounts the cancel left out.
    if (unread?.accountId === id && unread.code === 'cancelled') return { outcome: 'not-audited', summary: 'not audited', detail: "cancelled while its root user was read with the caller's credentials" };
    if (unread?.accountId === id) {
      return { outcome: 'failed', summary: `failed: ${unread.code}`, errorCode: unread.code, detail: "its root user could not be read with the caller's credentials" };
    }
    return resultColumns(byAccount.get(id));
  };
  const bare = [
    ...listed.map((account) => ({
      accountId: account.id,
      accountName: account.name,
      ouPath: ouPathOf(account.parentId, units),
      state: account.state,
      isManagement: account.isManagement,
      ...columnsOf(account.id),
    })),
    ...input.results
      .filter((r) => !listedIds.has(r.accountId))
      .map((r) => ({ accountId: r.accountId, isManagement: r.kind === 'skipped' && r.reason === 'management-account', ...columnsOf(r.accountId) })),
  ];
  const generatedAt = input.generatedAt ?? new Date();
  const rows: PostureRow[] = bare.map((row) => ({ ...row, controls: evaluateControls(row, input.features, generatedAt), rootSessions: rowRootSessions(input.history, row.accountId) }));
  const features = input.features ? (({ errors: _errors, ...rest }) => rest)(input.features) : undefined;
  return {
    generatedAt: generatedAt.toISOString(),
    ...(input.gaps && (input.gaps.unlisted?.length || input.gaps.cancelled) ? { gaps: input.gaps } : {}),
    organization: input.organization,
    features,
    totals: totalsOf(rows),
    controls: CONTROLS,
    history: reportHistory(input.history),
    rows,
  };
}
