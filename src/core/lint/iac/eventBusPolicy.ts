/**
 * The statement an `AWS::Events::EventBusPolicy` adds to its bus's policy. Written as `Statement`, it is that
 * statement. In the resource's older form (`StatementId`, `Action`, `Principal`, `Condition: {Type, Key,
 * Value}`, no `Statement`), EventBridge builds it as its PutPermission does: `Effect: Allow`, the action, the
 * principal (`"*"`, or an account: `{AWS: "111122223333"}`), the bus as `Resource`, and the condition as
 * `{Type: {Key: Value}}`; read as that statement, so that a bus opened to every account is reported as one
 * written as a `Statement` is.
 */
import { UNKNOWN_PART } from '../../policy';
import type { OffsetRange } from '../model';
import { selectUnderIfs } from './intrinsics';
import { computedString, concatTexts, entryValue, type IacEntry, type IacMap, type IacValue, linearText, stringOf, unknownText } from './sourceTree';

/** The statement and where it is read from (`Statement`, or the older form's properties), if one is written. */
export function eventBusStatement(props: IacMap): { statement: IacValue; property?: string } | undefined {
  const statement = entryValue(props, 'Statement');
  if (statement) return { statement, property: 'Statement' };
  const entry = (key: string) => props.entries.find((e) => e.key === key);
  const [sid, action, principal, condition] = ['StatementId', 'Action', 'Principal', 'Condition'].map(entry);
  if (!action && !principal) return undefined;
  // What EventBridge adds stands where the properties start.
  const at = { start: props.range.start, end: props.range.start };
  const entries: IacEntry[] = [];
  if (sid) entries.push({ ...sid, key: 'Sid' });
  entries.push({ key: 'Effect', keyRange: at, value: computedString(linearText('Allow', at), at) });
  if (principal) entries.push({ key: 'Principal', keyRange: principal.keyRange, value: principalOf(principal.value) });
  if (action) entries.push({ key: 'Action', keyRange: action.keyRange, value: action.value });
  entries.push({ key: 'Resource', keyRange: at, value: busArn(entryValue(props, 'EventBusName'), at) });
  // A condition written some other way (given by a function) is one known only at deployment.
  if (condition) entries.push({ key: 'Condition', keyRange: condition.keyRange, value: selectUnderIfs(condition.value, conditionOf) ?? computedString(unknownText(condition.value.range), condition.value.range) });
  return { statement: withoutHandles({ kind: 'map', entries, range: props.range }) };
}

/**
 * `"*"` as written; an account (or a value known at deployment) as the `AWS` principal it names, an account
 * YAML reads as a number (`Principal: 111122223333`) as the string CloudFormation passes.
 */
function principalOf(principal: IacValue): IacValue {
  if (stringOf(principal) === '*') return principal;
  const account = principal.kind === 'scalar' && typeof principal.value === 'number' ? computedString(linearText(String(principal.value), principal.range), principal.range) : principal;
  return { kind: 'map', range: principal.range, entries: [{ key: 'AWS', keyRange: principal.range, value: account }] };
}

/** `{Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-1}` as `{StringEquals: {aws:PrincipalOrgID: o-1}}`. */
function conditionOf(condition: IacValue): IacValue | undefined {
  const [type, key, value] = ['Type', 'Key', 'Value'].map((name) => entryValue(condition, name));
  if (!type || !key || !value) return undefined;
  const operator: IacEntry = { key: stringOf(type) ?? UNKNOWN_PART, keyRange: type.range, value: { kind: 'map', range: condition.range, entries: [{ key: stringOf(key) ?? UNKNOWN_PART, keyRange: key.range, value }] } };
  return { kind: 'map', range: condition.range, entries: [operator] };
}

/** The bus's ARN: its name (or ARN) as written, in a partition, Region and account known at deployment. */
function busArn(name: IacValue | undefined, at: OffsetRange): IacValue {
  const written = name?.kind === 'scalar' && !name.tag && typeof name.value === 'string' ? name : undefined;
  if (written && (written.value as string).startsWith('arn:')) return written;
  const range = name?.range ?? at;
  const unknown = unknownText(range);
  const prefix = (text: string) => linearText(text, { start: range.start, end: range.start });
  const parts = [prefix('arn:'), unknown, prefix(':events:'), unknown, prefix(':'), unknown, prefix(':event-bus/')];
  parts.push(written ? (written.mapped ?? linearText(written.value as string, written.range)) : name ? unknown : prefix('default'));
  return computedString(concatTexts(parts, range.end), range);
}

/**
 * The value with nothing a fix could edit: the older form's properties hold strings (one action, one
 * account, one condition value) where the statement holds lists and objects, so an edit written there from
 * the statement's shape could make the resource invalid.
 */
function withoutHandles(value: IacValue): IacValue {
  const { range, tag } = value;
  switch (value.kind) {
    case 'scalar':
      return { kind: 'scalar', value: value.value, range, tag, mapped: value.mapped };
    case 'seq':
      return { kind: 'seq', range, tag, items: value.items.map(withoutHandles) };
    case 'map':
      return { kind: 'map', range, tag, entries: value.entries.map((entry) => ({ key: entry.key, keyRange: entry.keyRange, value: withoutHandles(entry.value) })) };
  }
}
