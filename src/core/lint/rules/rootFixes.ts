/**
 * The quick fixes of the root-access rules, as edits to one statement: restrict `sts:TaskPolicyArn`,
 * exempt root sessions from a root deny, and move a condition key to another operator.
 */
import type { Node } from 'jsonc-parser';
import type { ConditionEntry, Fix, PolicyDocument, Statement, TextEdit, WrittenValue } from '../model';
import { TASK_POLICY_NAMES, type TaskPolicyName, parseTaskPolicyArn, taskPolicyArn } from '../../root/taskPolicies';
import { ASSUMED_ROOT_KEY, TASK_POLICY_ARN_KEY } from './conditionEntries';
import { UNKNOWN_PART } from '../../policy';
import { removeProperty, replaceNode } from '../edits';
import { cloudFormationReference, writtenUnknownParts } from '../unknownParts';
import { type Layout, appendProperty, renderJson } from './jsonLayout';

/** The member of an object whose key matches case-insensitively (IAM reads operators and keys so). */
function member(object: Node | undefined, key: string): Node | undefined {
  const wanted = key.toLowerCase();
  return object?.children?.find((p) => String(p.children?.[0]?.value).toLowerCase() === wanted);
}

/** A task policy's ARN as the fix writes it: a string, or CloudFormation's `Fn::Sub` of one. */
export type WrittenArn = string | { 'Fn::Sub': string };

/** The chosen task policies (names or ARNs) as ARNs written for the statement (see taskPolicyArnWriter). */
export function taskPolicyArnsFor(document: PolicyDocument, statement: Statement, fileText: string, choice: readonly string[]): WrittenArn[] {
  return taskPolicyArns(choice, taskPolicyArnWriter(document, statement, fileText));
}

/** Task policies as ARNs written by `write`; accepts names or ARNs, drops anything else. */
function taskPolicyArns(choice: readonly string[], write: (name: TaskPolicyName) => WrittenArn): WrittenArn[] {
  const arns = choice.flatMap((item): WrittenArn[] => {
    if (TASK_POLICY_NAMES.includes(item as TaskPolicyName)) return [write(item as TaskPolicyName)];
    return parseTaskPolicyArn(item) ? [item] : [];
  });
  return [...new Map(arns.map((arn) => [JSON.stringify(arn), arn])).values()];
}

/** Adds `"ArnEquals": {"sts:TaskPolicyArn": arns}` to a statement (creating `Condition` when absent). */
export function restrictTaskPoliciesFix(document: PolicyDocument, statement: Statement, arns: WrittenArn[], title: string): Fix {
  const text = document.text;
  const condition = { ArnEquals: { [TASK_POLICY_ARN_KEY]: arns } };
  let edit: TextEdit;
  if (!statement.conditionNode) {
    edit = appendProperty(text, statement.node, 'Condition', (layout) => renderJson(condition, layout));
  } else {
    const arnEquals = member(statement.conditionNode, 'ArnEquals')?.children?.[1];
    const existing = member(arnEquals, TASK_POLICY_ARN_KEY)?.children?.[1];
    if (arnEquals?.type !== 'object') {
      edit = appendProperty(text, statement.conditionNode, 'ArnEquals', (layout) => renderJson(condition.ArnEquals, layout));
    } else if (existing) {
      edit = replaceNode(existing, JSON.stringify(arns));
      // A value a template computes (`!Sub`) cannot be rewritten in place by its source's writer; the block it
      // is alone in can be, whole.
      if (document.writeEdit && !document.writeEdit(edit) && arnEquals.children?.length === 1) {
        edit = replaceNode(arnEquals, JSON.stringify({ [TASK_POLICY_ARN_KEY]: arns }));
      }
    } else {
      edit = appendProperty(text, arnEquals, TASK_POLICY_ARN_KEY, (layout) => renderJson(arns, layout));
    }
  }
  return { title, edits: [edit] };
}

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'];

/**
 * How the task policies' ARNs are written: in the partition the statement's `Resource` names (the task
 * policies live in the same one), `aws` when it names none. A template that names it as CloudFormation's
 * `AWS::Partition` deploys to every partition, and so does the ARN written with it, as `Fn::Sub` (the
 * source's writer puts it in the template's own syntax).
 */
function taskPolicyArnWriter(document: PolicyDocument, statement: Statement, fileText: string): (name: TaskPolicyName) => WrittenArn {
  for (const value of statement.resource?.values ?? []) {
    const partition = value.value.split(':')[1];
    if (PARTITIONS.includes(partition)) return (name) => taskPolicyArn(name, partition);
    if (partition === UNKNOWN_PART && cloudFormationReference(writtenUnknownParts(document, fileText, value.node)[0] ?? '') === 'AWS::Partition') {
      return (name) => ({ 'Fn::Sub': taskPolicyArn(name, '${AWS::Partition}') });
    }
  }
  return (name) => taskPolicyArn(name, 'aws');
}

/** Adds the `"Null": {"aws:AssumedRoot": "true"}` exemption that lets root sessions through a root deny. */
export function exemptRootSessionsFix(document: PolicyDocument, statement: Statement): Fix | undefined {
  const condition = statement.conditionNode;
  if (!condition) return undefined;
  const title = 'Exempt root sessions: add "Null": {"aws:AssumedRoot": "true"}';
  const nullBlock = member(condition, 'Null')?.children?.[1];
  if (nullBlock?.type === 'object') {
    const existing = member(nullBlock, ASSUMED_ROOT_KEY)?.children?.[1];
    const edit = existing ? replaceNode(existing, '"true"') : appendProperty(document.text, nullBlock, ASSUMED_ROOT_KEY, () => '"true"');
    return { title, edits: [edit] };
  }
  return { title, edits: [appendProperty(document.text, condition, 'Null', (layout) => renderJson({ [ASSUMED_ROOT_KEY]: 'true' }, layout))] };
}

/**
 * Puts a condition entry under another operator (`ForAnyValue:Bool` → `Bool`): renames the operator when
 * the key is alone in its block, else moves the key into the operator's block (creating it). Undefined
 * when the target block already has the key. In a template read on one side of its `Fn::If`s the edits
 * change what is written, on every side: the key is alone only if no side writes another beside it,
 * nothing is moved that another side reads otherwise, and no block is left empty on any side.
 */
export function moveToOperatorFix(document: PolicyDocument, entry: ConditionEntry, operator: string, title: string): Fix | undefined {
  const keyProperty = entry.key.node.parent;
  const block = keyProperty?.parent;
  const operatorProperty = block?.parent;
  const condition = operatorProperty?.parent;
  if (!keyProperty || !block || !operatorProperty || !condition) return undefined;
  const target = condition.children?.find((p) => p !== operatorProperty && p.children?.[0]?.value === operator)?.children?.[1];
  if (target && (target.type !== 'object' || member(target, entry.key.value))) return undefined;
  const written = (node: Node): WrittenValue => {
    const members = node.children?.length ?? 0;
    return document.asWritten?.(node) ?? { chosen: false, sided: false, members, steadyMembers: members };
  };
  const writtenBlock = written(block);
  if (writtenBlock.chosen || (target && written(target).chosen)) return undefined;
  const alone = writtenBlock.members === 1;
  if (alone && !target) return { title, edits: [replaceNode(entry.operator.node, JSON.stringify(operator))] };
  if (written(entry.valueNode).sided) return undefined;
  // The key moved is written on every side (its value is not sided): if no other member is, some side may
  // write none of them, and the block would be left empty there (`StringEquals: {}`, which the policy grammar
  // has no place for). Removing it on that side alone takes an Fn::If the fix does not write: no fix then.
  if (!alone && writtenBlock.steadyMembers <= 1) return undefined;
  const text = document.text;
  const rawValue = text.slice(entry.valueNode.offset, entry.valueNode.offset + entry.valueNode.length);
  const removal = removeProperty(alone ? operatorProperty : keyProperty);
  const insertion = target
    ? appendProperty(text, target, entry.key.value, () => rawValue)
    : appendProperty(text, condition, operator, (layout) => blockWith(entry.key.value, rawValue, layout));
  return { title, edits: [removal, insertion] };
}

function blockWith(key: string, rawValue: string, layout: Layout): string {
  const member = `${JSON.stringify(key)}: ${rawValue}`;
  const { eol, indent, unit } = layout;
  return layout.multiline ? `{${eol}${indent}${unit}${member}${eol}${indent}}` : `{ ${member} }`;
}
