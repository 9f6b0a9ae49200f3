/**
 * Root-session history RootGuard never started, seeded into the management account's Event history relative to
 * the sandbox clock (CloudTrail keeps 90 days, so fixed dates would age out). Deterministic: the same world
 * and the same "now" give the same sessions, in these regions:
 * - us-east-1: a break-glass role auditing members every day for 60 days (more than one LookupEvents page),
 *   a password recovery later followed by a deletion in another region, plus STS and Organizations noise;
 * - eu-west-1: that recovery, and a password recovery never followed by a deletion;
 * - ap-southeast-2: a bucket unlock by a contractor IAM user nobody expects to open root sessions;
 * - and one session 120 days old, outside the 90-day window.
 */
import { BREAK_GLASS_ROLE } from './holdersSeed';
import { type TaskPolicyName, taskPolicyArn } from './taskPolicies';
import { assumeRootEvent, otherEvent, type CloudTrailStore, type TrailCaller } from './trail';
import type { World } from './world';

const DAY_MS = 86_400_000;

export const SEEDED_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;
/** The break-glass role (the one IAM holds, holdersSeed.ts) and the contractor user (IAM holds none) of the seeded history. */
export const SEEDED_BREAK_GLASS_ROLE = BREAK_GLASS_ROLE.name;
export const SEEDED_CONTRACTOR_USER = 'contractor-temp';
/** Daily audit sessions in us-east-1: more than one page of 50. */
const DAILY_AUDITS = 60;

/** What the seed put where, for tests to assert against. */
export interface SeededHistory {
  /** Account ids, one per seeded story. */
  recoveredAndDeleted: string;
  recoveredNotDeleted: string;
  unlockedByContractor: string;
  /** Every seeded root session's key id, oldest first, with its region and whether it is inside 90 days. */
  sessions: { accessKeyId: string; accountId: string; region: string; taskPolicy: string; daysAgo: number }[];
}

export function seedRootSessionHistory(world: World, store: CloudTrailStore, nowMs: number): SeededHistory {
  const management = world.organization.managementAccountId;
  const members = world.members.filter((a) => a.state === 'ACTIVE' && !a.scpDeniesRootSessions && a.role === 'member');
  if (members.length === 0) return { recoveredAndDeleted: '', recoveredNotDeleted: '', unlockedByContractor: '', sessions: [] };
  const pick = (n: number) => members[n % members.length].id;
  const breakGlass = (n: number): TrailCaller => ({
    kind: 'roleSession',
    accountId: management,
    roleName: SEEDED_BREAK_GLASS_ROLE,
    rolePath: BREAK_GLASS_ROLE.path,
    sessionName: `oncall-${n % 3}`,
    accessKeyId: `ASIASANDBOXBG${String(n).padStart(7, '0')}`,
    mfa: true,
  });
  const contractor: TrailCaller = { kind: 'user', accountId: management, userName: SEEDED_CONTRACTOR_USER, accessKeyId: 'AKIASANDBOX0CONTRACT1' };
  const sessions: SeededHistory['sessions'] = [];
  let counter = 0;
  const session = (caller: TrailCaller, region: string, daysAgo: number, accountId: string, task: TaskPolicyName) => {
    counter++;
    const time = new Date(nowMs - daysAgo * DAY_MS);
    const accessKeyId = `ASIASANDBOXHIST${String(counter).padStart(5, '0')}`;
    store.add(
      assumeRootEvent({
        caller,
        region,
        time,
        targetPrincipal: accountId,
        taskPolicyArn: taskPolicyArn(task),
        session: { accessKeyId, sessionToken: `SeededHistoryToken/${counter}`, expiration: new Date(time.getTime() + 900_000) },
      }),
    );
    sessions.push({ accessKeyId, accountId, region, taskPolicy: task, daysAgo });
  };
  const [east, west, sydney] = SEEDED_REGIONS;
  session(breakGlass(0), east, 120, pick(0), 'IAMAuditRootUserCredentials');
  for (let day = DAILY_AUDITS; day >= 1; day--) {
    session(breakGlass(day), east, day + 0.25, pick(day), 'IAMAuditRootUserCredentials');
    store.add(otherEvent(breakGlass(day), east, new Date(nowMs - (day + 0.3) * DAY_MS), 'sts.amazonaws.com', 'AssumeRole', false));
    if (day % 10 === 0) store.add(otherEvent(breakGlass(day), east, new Date(nowMs - (day + 0.2) * DAY_MS), 'organizations.amazonaws.com', 'ListAccounts', true));
  }
  const recoveredAndDeleted = pick(1);
  session(breakGlass(101), west, 30, recoveredAndDeleted, 'IAMCreateRootUserPassword');
  session(breakGlass(102), east, 29, recoveredAndDeleted, 'IAMDeleteRootUserCredentials');
  const recoveredNotDeleted = pick(2);
  session(breakGlass(103), west, 20, recoveredNotDeleted, 'IAMCreateRootUserPassword');
  const unlockedByContractor = pick(3);
  session(contractor, sydney, 5, unlockedByContractor, 'S3UnlockBucketPolicy');
  return { recoveredAndDeleted, recoveredNotDeleted, unlockedByContractor, sessions };
}
