/**
 * Policy engine benchmark: requests decided per second on realistic policy sets, against a real floor.
 *
 *   - root sessions: every call of the five root tasks, for 200 member accounts, through an SCP path of
 *     three levels (FullAWSAccess plus the repository's root guardrails) and the task policy: what the
 *     preflight asks for each account of an organization;
 *   - identity requests: 2,000 documented IAM actions, sampled evenly from the bundled IAM index, through an
 *     Identity Center role policy and AWS's S3 full access policy, under an SCP path of four guardrails.
 *
 * The floor is the least any evaluator must do: visit every statement of every policy the request goes
 * through and compare its first action to the request's. The ratio says how much the matching itself costs.
 * Figures are CPU time of this thread, the median with its range over the runs, with the machine load.
 * Writes bench/results/engine.json. Run: node scripts/bench.mjs engine
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Policy, type PolicySet, type Request, TASK_CALLS, TASK_POLICY_NAMES, evaluate, prepareRequest, readPolicy, rootSessionRequest, taskPolicyDocument } from '../src/core/policy';
import { serviceActions, servicePrefixes } from '../src/core/lint/actions';
import { type Spread, formatLoad, formatSpread, machineLoad, printTable, spreadOf } from './stats';

const REPO = path.resolve(__dirname, '..');
const RUNS = 15;
const FULL_AWS_ACCESS = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

function fixture(relative: string): Policy {
  return readPolicy(fs.readFileSync(path.join(REPO, 'test/fixtures/policies', relative), 'utf8'), relative);
}

/** An AWS managed policy as `iam get-policy-version` prints it: the document is inside. */
function managedFixture(relative: string): Policy {
  const { PolicyVersion } = JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/policies', relative), 'utf8'));
  return readPolicy(JSON.stringify(PolicyVersion.Document, null, 2), relative);
}

const fullAccess = (level: string) => readPolicy(FULL_AWS_ACCESS, `FullAWSAccess at ${level}`);

/** One request with the policy set it goes through. */
interface Case {
  request: Request;
  policies: PolicySet;
}

function rootSessionCases(): Case[] {
  const scps = [
    [fullAccess('root'), fixture('scp/restrict-root-permission.json')],
    [fullAccess('OU'), fixture('scp/prevent-root-credentials-management.json'), fixture('scp/org-boundary.json')],
    [fullAccess('account')],
  ];
  const cases: Case[] = [];
  for (let i = 0; i < 200; i++) {
    const account = String(111122220000 + i);
    for (const task of TASK_POLICY_NAMES) {
      for (const call of TASK_CALLS[task]) {
        const request = rootSessionRequest(call, { partition: 'aws', account }, { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalOrgID': 'o-exampleorgid' });
        cases.push({ request, policies: { scps, taskPolicy: taskPolicyDocument(task) } });
      }
    }
  }
  return cases;
}

function identityCases(): Case[] {
  const policies: PolicySet = {
    identity: [fixture('identity/identity-center-role-policy.json'), managedFixture('managed/AmazonS3FullAccess')],
    scps: [
      [fullAccess('root'), fixture('scp/prevent-xks.json'), fixture('scp/org-boundary.json'), fixture('scp/deny-service-specific-credential-by-type.jsonc')],
      [fullAccess('OU'), fixture('scp/restrict-all-root-access.json')],
      [fullAccess('account')],
    ],
  };
  const actions = servicePrefixes().flatMap((prefix) => serviceActions(prefix).map((name) => `${prefix}:${name}`));
  const step = Math.max(1, Math.floor(actions.length / 2000));
  const principal = { type: 'AWS', id: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_DatabaseAdministrator_0123456789abcdef/alice' };
  return actions
    .filter((_, index) => index % step === 0)
    .slice(0, 2000)
    .map((action) => ({ request: { action, resource: '*', principal, context: { 'aws:RequestedRegion': 'eu-west-1', 'aws:SecureTransport': 'true' } }, policies }));
}

/** Every policy a request goes through, each once; kept per set, so the floor measures visiting alone. */
const policyLists = new WeakMap<PolicySet, Policy[]>();

function policiesOf(set: PolicySet): Policy[] {
  let list = policyLists.get(set);
  if (!list) policyLists.set(set, (list = listPolicies(set)));
  return list;
}

function listPolicies(set: PolicySet): Policy[] {
  return [...(set.identity ?? []), ...(set.taskPolicy ? [set.taskPolicy] : []), ...(set.scps ?? []).flat(), ...(set.rcps ?? []).flat()];
}

/** The floor: visit every statement and compare its first action with the request's. */
function visitStatements(cases: readonly Case[]): number {
  let seen = 0;
  for (const { request, policies } of cases) {
    for (const policy of policiesOf(policies)) {
      for (const statement of policy.statements) if (statement.action?.values[0] === request.action) seen++;
    }
  }
  return seen;
}

function decideAll(cases: readonly Case[]): number {
  let allowed = 0;
  for (const { request, policies } of cases) if (evaluate(prepareRequest(request), policies).decision === 'allowed') allowed++;
  return allowed;
}

/** Milliseconds of CPU per pass over the cases, after warm-up passes. */
function cpuPerPass(pass: () => unknown, warmup = 5): Spread {
  for (let i = 0; i < warmup; i++) pass();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.cpuUsage();
    pass();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  return spreadOf(samples);
}

const perSecond = (s: Spread, count: number): Spread => ({ min: (count * 1000) / s.max, median: (count * 1000) / s.median, max: (count * 1000) / s.min, runs: s.runs });

function measure(name: string, cases: readonly Case[]) {
  const statements = policiesOf(cases[0].policies).reduce((sum, policy) => sum + policy.statements.length, 0);
  const start = machineLoad();
  const engine = cpuPerPass(() => decideAll(cases));
  const floor = cpuPerPass(() => visitStatements(cases));
  const load = formatLoad(start, machineLoad());
  const allowed = decideAll(cases);
  return { name, requests: cases.length, statements, allowed, engine, floor, ratio: engine.median / floor.median, load };
}

function main(): void {
  const results = [measure('root sessions (5 tasks x 200 accounts)', rootSessionCases()), measure('identity requests (2,000 actions)', identityCases())];
  printTable(
    ['policy set', 'requests', 'statements', 'allowed', 'requests/s (CPU)', 'floor: visit statements, ms', 'engine / floor'],
    results.map((r) => [
      r.name,
      String(r.requests),
      String(r.statements),
      String(r.allowed),
      formatSpread(perSecond(r.engine, r.requests), 0),
      formatSpread(r.floor, 3),
      `${r.ratio.toFixed(1)}x`,
    ]),
  );
  for (const r of results) console.log(`${r.name}: ${formatSpread(r.engine, 2, ' ms')} per pass, ${r.load}`);
  fs.mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(REPO, 'bench/results/engine.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main();
