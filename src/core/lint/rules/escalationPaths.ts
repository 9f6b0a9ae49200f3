/**
 * Privilege escalation through iam:PassRole: actions that are harmless alone but together let the holder
 * run code or infrastructure as any role they can pass (Rhino Security Labs' published AWS escalation
 * methods, and the same paths in pmapper and Cloudsplaining). A path the policy's own Deny statements close
 * (any of its actions refused in every request, decided by the engine) is no path.
 */
import { actionValueGrants, conditionHolds } from '../../policy';
import type { Located, PolicyDocument, Statement } from '../model';
import { deniedInPolicy } from '../semantics/deniedInPolicy';
import { allowsAction } from '../semantics/grants';
import { coversAllResources } from '../semantics/resources';

export interface EscalationPath {
  /** The service principal the role is passed to (`lambda.amazonaws.com`). */
  service: string;
  /** The actions that, with iam:PassRole, make the path. */
  actions: readonly string[];
  /** What the holder does with them, for the message. */
  how: string;
}

export const PASS_ROLE_PATHS: readonly EscalationPath[] = [
  { service: 'lambda.amazonaws.com', actions: ['lambda:CreateFunction', 'lambda:InvokeFunction'], how: 'create a Lambda function with any role and invoke it' },
  { service: 'lambda.amazonaws.com', actions: ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], how: 'create a Lambda function with any role and trigger it from an event source' },
  { service: 'ec2.amazonaws.com', actions: ['ec2:RunInstances'], how: 'launch an instance with any role and use its credentials' },
  { service: 'cloudformation.amazonaws.com', actions: ['cloudformation:CreateStack'], how: 'create a stack that acts with any role' },
  { service: 'glue.amazonaws.com', actions: ['glue:CreateDevEndpoint'], how: 'create a Glue development endpoint with any role and log in to it' },
  { service: 'datapipeline.amazonaws.com', actions: ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'], how: 'run a data pipeline with any role' },
  { service: 'sagemaker.amazonaws.com', actions: ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'], how: 'open a SageMaker notebook that runs with any role' },
  { service: 'ecs-tasks.amazonaws.com', actions: ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], how: 'run an ECS task with any role' },
  { service: 'codebuild.amazonaws.com', actions: ['codebuild:CreateProject', 'codebuild:StartBuild'], how: 'run a build with any role' },
];

export interface EscalationFinding {
  /** The `iam:PassRole` pattern that grants passing every role. */
  passRole: Located<string>;
  /** False when the pattern is known only in part before deployment (`iam:Pass${var.action}`): it may grant it. */
  surely: boolean;
  path: EscalationPath;
}

/**
 * The paths a whole policy opens: iam:PassRole on every role (named, through a pattern narrower than `iam:*`,
 * which RG202 reports, or through a value known only in part that may be it), for the path's service, and each
 * of the path's actions allowed by some statement. Conditions on the other actions are not weighed: the
 * finding is a warning to look.
 */
export function escalationPaths(document: PolicyDocument): EscalationFinding[] {
  const allows = document.statements.filter((s) => s.effect?.value === 'Allow');
  // Every path needs iam:PassRole on every role: most policies grant none, and then no path is looked at.
  if (!allows.some((s) => coversAllResources(s, 'iam', 'role') && passRoleValue(s)) || deniedInPolicy(document, 'iam:PassRole')) return [];
  const findings: EscalationFinding[] = [];
  for (const path of PASS_ROLE_PATHS) {
    // One finding per service: Lambda's two paths need the same change.
    if (findings.some((f) => f.path.service === path.service)) continue;
    if (!path.actions.every((action) => allows.some((s) => allowsAction(s, action)) && !deniedInPolicy(document, action))) continue;
    const passRole = passRoleGrant(allows, path.service);
    if (passRole) findings.push({ ...passRole, path });
  }
  return findings;
}

/**
 * The first pattern that lets the role go to `service` on every role, outside whole-IAM wildcards: one that
 * surely grants iam:PassRole, else one known only in part that may.
 */
function passRoleGrant(allows: Statement[], service: string): { passRole: Located<string>; surely: boolean } | undefined {
  const candidates = allows.filter((statement) => coversAllResources(statement, 'iam', 'role') && passedToServiceAllows(statement, service));
  for (const surely of [true, false]) {
    for (const statement of candidates) {
      const passRole = passRoleValue(statement, surely);
      if (passRole) return { passRole, surely };
    }
  }
  return undefined;
}

const PASS_ROLE = ['iam:PassRole'];

/**
 * The statement's first Action value that grants iam:PassRole (only surely, or only maybe, when `surely` is
 * given) without covering all of IAM, as the engine answers; a NotAction (RG203's) opens no path here.
 */
function passRoleValue(statement: Statement, surely?: boolean): Located<string> | undefined {
  if (!statement.action || statement.action.negated) return undefined;
  return statement.action.values.find((value) => {
    const grant = actionValueGrants(value.value, PASS_ROLE);
    return grant !== undefined && (surely === undefined || (grant.surely.length > 0) === surely);
  });
}

/** Whether the statement's `iam:PassedToService` conditions, as IAM evaluates them, let the role go to `service`. */
function passedToServiceAllows(statement: Statement, service: string): boolean {
  return statement.conditions.every((entry) => {
    if (entry.key.value.toLowerCase() !== 'iam:passedtoservice') return true;
    const condition = { operator: entry.operator.value, key: entry.key.value, values: entry.values.map((v) => v.value) };
    return conditionHolds(condition, { 'iam:PassedToService': service }) !== false;
  });
}
