import assert from 'node:assert/strict';
import { buildHistory } from '../../../../src/core/history/join';
import type { RegionRead, RootSessionEvent } from '../../../../src/core/history/model';
import type { OrgAccount } from '../../../../src/core/org/model';
import type { AuditRecord } from '../../../../src/core/root/auditLog';
import { taskPolicyArn, type TaskPolicyName } from '../../../../src/core/root/taskPolicies';
import { renderCsv, renderJson, renderMarkdown, renderTable } from '../../../../src/core/report/formats';
import { buildPostureReport, type PostureReport } from '../../../../src/core/report/posture';
import { parseCsv } from '../../../support/csv';

const MGMT = '111111111111';
const ORGANIZATION = { id: 'o-x', arn: `arn:aws:organizations::${MGMT}:organization/o-x`, featureSet: 'ALL', managementAccountId: MGMT };
/** The IAM delegated administrator, whose own CloudTrail holds only the sessions opened from it. */
const ADMIN = '555555555555';
const RECOVERED = '222222222222';
const MINE = '333333333333';
const QUIET = '444444444444';
const NOW = new Date('2026-12-04T12:00:00Z');
const account = (id: string, name: string): OrgAccount => ({
  id, arn: `arn:aws:organizations::${MGMT}:account/o-x/${id}`, name, email: `${name}@example.com`, state: 'ACTIVE', parentId: 'r-1', isManagement: id === MGMT, isDelegatedAdmin: false,
});
const ACCOUNTS = [account(MGMT, 'management'), account(RECOVERED, 'recovered'), account(MINE, 'mine'), account(QUIET, 'quiet')];

const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString();
function event(n: number, target: string, task: TaskPolicyName, daysAgo: number, caller: string): RootSessionEvent {
  const callerArn = `arn:aws:iam::${MGMT}:user/${caller}`;
  return { eventId: `e${n}`, region: 'us-east-1', time: at(daysAgo), callerArn, principalArn: callerArn, callerAccountId: MGMT, targetAccountId: target, taskPolicyArn: taskPolicyArn(task), taskPolicy: task, sessionAccessKeyId: `ASIAKEY${n}` };
}
const EVENTS = [
  // Two foreign sessions on RECOVERED: an audit (not flagged) and, later, a recovery never followed by a deletion.
  event(1, RECOVERED, 'IAMAuditRootUserCredentials', 10, 'contractor'),
  event(2, RECOVERED, 'IAMCreateRootUserPassword', 5, 'contractor'),
  // RootGuard's own deletion on MINE, joined with its audit record.
  event(3, MINE, 'IAMDeleteRootUserCredentials', 2, 'rootguard'),
];
const AUDIT: AuditRecord[] = [
  { v: 1, id: 'o', time: at(2), runId: 'run-1', callerArn: `arn:aws:iam::${MGMT}:user/rootguard`, accountId: MINE, task: 'deleteRootCredentials', taskPolicy: 'IAMDeleteRootUserCredentials', sessionAccessKeyId: 'ASIAKEY3', parameters: {}, type: 'outcome', changes: [], intentId: 'i', outcome: 'done', changed: [], notChanged: [] } as unknown as AuditRecord,
];

/** A region not read at all (refused on its first page), and one read in part (a page, then throttled). */
const NOT_READ = { region: 'eu-west-1', pages: 0, events: 0, error: { code: 'AccessDenied', message: 'no' } };
const READ_IN_PART = { region: 'ap-south-1', pages: 1, events: 50, error: { code: 'ThrottlingException', message: 'Rate exceeded' } };

/** A report with the history read from the management account's CloudTrail (`connected`: another's). */
function reportFrom(connected: string, events: readonly RootSessionEvent[], ...failed: RegionRead[]): PostureReport {
  const regions = [{ region: 'us-east-1', pages: 1, events: events.length }, ...failed];
  const history = buildHistory({ events, regions, auditRecords: AUDIT, window: { start: new Date(at(90)), end: NOW }, connectedAccountId: connected, generatedAt: NOW });
  return buildPostureReport({ results: [], accounts: ACCOUNTS, organization: ORGANIZATION, history, generatedAt: NOW });
}
const reportWith = (...failed: RegionRead[]) => reportFrom(MGMT, EVENTS, ...failed);
const withoutHistory = buildPostureReport({ results: [], accounts: ACCOUNTS, generatedAt: NOW });

describe('posture reports: root session history columns', () => {
  it('JSON: each row carries its last root session and flagged count; the report says what the history covered', () => {
    const report = JSON.parse(renderJson(reportWith())) as PostureReport;
    const byId = new Map(report.rows.map((r) => [r.accountId, r.rootSessions]));
    assert.deepEqual(byId.get(RECOVERED), { read: true, openedFrom: MGMT, sessions: 2, last: { time: at(5), task: 'IAMCreateRootUserPassword', callerArn: `arn:aws:iam::${MGMT}:user/contractor`, startedByRootGuard: false }, flagged: 1 });
    assert.deepEqual(byId.get(MINE), { read: true, openedFrom: MGMT, sessions: 1, last: { time: at(2), task: 'IAMDeleteRootUserCredentials', callerArn: `arn:aws:iam::${MGMT}:user/rootguard`, startedByRootGuard: true }, flagged: 0 });
    assert.deepEqual(byId.get(QUIET), { read: true, openedFrom: MGMT, sessions: 0, flagged: 0 });
    assert.deepEqual(report.history, { read: true, window: { start: at(90), end: NOW.toISOString(), days: 90 }, openedFrom: MGMT, regions: ['us-east-1'], regionsReadInPart: [], regionsNotRead: [], expectedPrincipalsChecked: false });
    const unread = JSON.parse(renderJson(withoutHistory)) as PostureReport;
    assert.deepEqual([unread.history, unread.rows[1].rootSessions], [{ read: false }, { read: false }]);
  });

  it('CSV: LastRootSession a timestamp and FlaggedRootSessions a number, or empty, with their words in the note after each', () => {
    const cols = (r: Record<string, string>) => [r.AccountId, r.LastRootSession, r.LastRootSessionNote, r.LastRootSessionTask, r.FlaggedRootSessions, r.FlaggedRootSessionsNote];
    const none = 'none opened from 111111111111 in 90 days';
    assert.deepEqual(parseCsv(renderCsv(reportWith())).map(cols), [
      [MGMT, '', none, '', '0', ''],
      [RECOVERED, at(5), '', 'IAMCreateRootUserPassword', '1', ''],
      [MINE, at(2), '', 'IAMDeleteRootUserCredentials', '0', ''],
      [QUIET, '', none, '', '0', ''],
    ]);
    assert.match(renderCsv(reportWith()).split('\n')[0], /,LastRootSession,LastRootSessionNote,LastRootSessionTask,FlaggedRootSessions,FlaggedRootSessionsNote,RootSessionsOpenedFrom,/);
    // Without the history: no value a spreadsheet would read as a date or a count, and "not read" in the notes.
    assert.deepEqual(parseCsv(renderCsv(withoutHistory)).map(cols)[3], [QUIET, '', 'not read', '', '', 'not read']);
    const gap = 'in the regions read (not read: eu-west-1)';
    assert.deepEqual(parseCsv(renderCsv(reportWith(NOT_READ))).map(cols)[3], [QUIET, '', `${none} ${gap}`, '', '0', gap]);
  });

  it('Markdown: the accounts table ends with the last session, its task and the flagged count, under a line on the history', () => {
    const md = renderMarkdown(reportWith());
    assert.match(md, /\| Audited at \| Last root session \| Task \| Flagged sessions \|/);
    assert.ok(md.includes(`| ${RECOVERED} | recovered |  | not audited |  |  | ${at(5)} | IAMCreateRootUserPassword | 1 |`), md);
    assert.ok(md.includes(`| ${QUIET} | quiet |  | not audited |  |  | none opened from ${MGMT} in 90 days |  | 0 |`));
    assert.match(md, /Root session history: last 90 days in us-east-1; sessions not checked against expected principals\./);
    const unread = renderMarkdown(withoutHistory);
    assert.ok(unread.includes(`| ${QUIET} | quiet |  | not audited |  |  | not read | not read | not read |`));
    assert.match(unread, /Root session history: not read/);
    assert.match(renderMarkdown(reportWith(NOT_READ)), /Root session history: last 90 days in us-east-1; NOT READ in eu-west-1;/);
  });

  it('table: a LAST ROOT SESSION column with time and task, and FLAGGED', () => {
    const lines = renderTable(reportWith()).split('\n');
    assert.match(lines[0], /AUDITED AT\s+LAST ROOT SESSION\s+FLAGGED$/);
    assert.match(lines.find((l) => l.startsWith(RECOVERED))!, new RegExp(`${at(5).replace('.000Z', 'Z')} IAMCreateRootUserPassword\\s+1$`));
    assert.match(lines.find((l) => l.startsWith(QUIET))!, /none opened from 111111111111 in 90 days\s+0$/);
    assert.match(renderTable(withoutHistory).split('\n').find((l) => l.startsWith(QUIET))!, /not read\s+not read$/);
  });

  describe('the history holds only the sessions opened from the account whose CloudTrail was read, and every format says whose', () => {
    // Read as the delegated administrator: the management account's sessions (EVENTS) are in its own CloudTrail, not here.
    const report = reportFrom(ADMIN, []);
    const none = `none opened from ${ADMIN} in 90 days`;
    const whose = `Only root sessions opened from ${ADMIN} are included: AssumeRoot is logged in the calling account's CloudTrail, so sessions opened from the management account (${MGMT}) are not.`;

    it('JSON: the history and each row name the account the sessions were opened from', () => {
      const json = JSON.parse(renderJson(report)) as PostureReport;
      assert.ok(json.history.read);
      assert.equal(json.history.openedFrom, ADMIN);
      assert.deepEqual(json.rows.find((r) => r.accountId === RECOVERED)!.rootSessions, { read: true, openedFrom: ADMIN, sessions: 0, flagged: 0 });
    });

    it('CSV: a row without sessions says none were opened from it, and every row names it', () => {
      const cols = (r: Record<string, string>) => [r.AccountId, r.LastRootSession, r.LastRootSessionNote, r.FlaggedRootSessions, r.RootSessionsOpenedFrom];
      assert.deepEqual(parseCsv(renderCsv(report)).map(cols)[1], [RECOVERED, '', none, '0', ADMIN]);
      assert.deepEqual(parseCsv(renderCsv(reportWith())).map(cols)[1], [RECOVERED, at(5), '', '1', MGMT]);
      assert.deepEqual(parseCsv(renderCsv(withoutHistory)).map(cols)[1], [RECOVERED, '', 'not read', '', 'not read']);
    });

    it('Markdown and table: in the cells and the history line, which says the management account\'s sessions are not included', () => {
      const md = renderMarkdown(report);
      assert.ok(md.includes(`| ${RECOVERED} | recovered |  | not audited |  |  | ${none} |  | 0 |`), md);
      assert.ok(md.includes(`Root session history: last 90 days in us-east-1; sessions not checked against expected principals. ${whose}`), md);
      const table = renderTable(report);
      assert.match(table.split('\n').find((l) => l.startsWith(RECOVERED))!, new RegExp(`${none}\\s+0$`));
      assert.ok(table.includes(whose), table);
    });

    it('read as the management account, the history line names the IAM delegated administrator as the one left out', () => {
      assert.ok(renderTable(reportWith()).includes(`Only root sessions opened from ${MGMT} are included: AssumeRoot is logged in the calling account's CloudTrail, so sessions opened from the IAM delegated administrator are not.`));
    });
  });

  describe('a region read in part is said to be, in every format, as `rootguard history` says it', () => {
    const report = reportWith(READ_IN_PART, NOT_READ);
    const gaps = ' in the regions read (read in part: ap-south-1; not read: eu-west-1)';
    const none = `none opened from 111111111111 in 90 days${gaps}`;
    const header = 'Root session history: last 90 days in us-east-1; read in part in ap-south-1 (older sessions may be missing); NOT READ in eu-west-1;';

    it('JSON: apart from the regions read in full and those not read at all', () => {
      const { history } = JSON.parse(renderJson(report)) as PostureReport;
      assert.ok(history.read);
      assert.deepEqual([history.regions, history.regionsReadInPart, history.regionsNotRead], [['us-east-1'], ['ap-south-1'], ['eu-west-1']]);
    });

    it('CSV: an account without sessions names them in LastRootSessionNote', () => {
      assert.deepEqual(parseCsv(renderCsv(report)).map((r) => [r.AccountId, r.LastRootSession, r.LastRootSessionNote])[3], [QUIET, '', none]);
    });

    it('CSV: the last session stays a timestamp and the flagged count a number, with the same words in their note columns (older, flagged ones may be missing)', () => {
      const cols = (r: Record<string, string>) => [r.AccountId, r.LastRootSession, r.LastRootSessionNote, r.LastRootSessionTask, r.FlaggedRootSessions, r.FlaggedRootSessionsNote];
      const note = gaps.trim();
      assert.deepEqual(parseCsv(renderCsv(report)).map(cols), [
        [MGMT, '', none, '', '0', note],
        [RECOVERED, at(5), note, 'IAMCreateRootUserPassword', '1', note],
        [MINE, at(2), note, 'IAMDeleteRootUserCredentials', '0', note],
        [QUIET, '', none, '', '0', note],
      ]);
    });

    it('Markdown: in the header line and the accounts table', () => {
      const md = renderMarkdown(report);
      assert.ok(md.includes(header), md);
      assert.ok(md.includes(`| ${QUIET} | quiet |  | not audited |  |  | ${none} |  | 0${gaps} |`), md);
      assert.ok(md.includes(`| ${RECOVERED} | recovered |  | not audited |  |  | ${at(5)}${gaps} | IAMCreateRootUserPassword | 1${gaps} |`), md);
    });

    it('table: in the header line and the LAST ROOT SESSION column', () => {
      const table = renderTable(report);
      assert.ok(table.includes(header), table);
      const quiet = table.split('\n').find((l) => l.startsWith(QUIET))!;
      assert.ok(quiet.includes(`${none}  `) && quiet.endsWith(`  0${gaps}`), table);
      assert.ok(table.split('\n').find((l) => l.startsWith(MINE))!.includes(`${at(2).replace('.000Z', 'Z')} IAMDeleteRootUserCredentials${gaps}  0${gaps}`), table);
    });

    it('a history every region of which was read in part names none as read in full, nor "no region"', () => {
      const history = buildHistory({ events: [], regions: [READ_IN_PART], auditRecords: [], window: { start: new Date(at(90)), end: NOW }, generatedAt: NOW });
      const md = renderMarkdown(buildPostureReport({ results: [], accounts: ACCOUNTS, history, generatedAt: NOW }));
      assert.ok(md.includes('Root session history: last 90 days; read in part in ap-south-1 (older sessions may be missing);'), md);
    });
  });
});
