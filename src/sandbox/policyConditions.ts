/**
 * The sandbox's own reading of policy `Condition` blocks, enough for the SCPs and RCPs organizations
 * write: string, ARN, Bool, numeric, date, IP address and Null operators, their negations, `...IfExists`, and
 * the `ForAnyValue:` / `ForAllValues:` set qualifiers; policy variables (`${aws:PrincipalAccount}`, with a
 * default `${aws:x, 'd'}`) take the request's values in a 2012-10-17 policy, and are text in an older one. Independent of the product's policy engine on purpose:
 * the sandbox is the ground truth it is tested against.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Request context keys, lower-cased (key names are case-insensitive); multi-valued keys are arrays. */
export type ConditionKeys = Readonly<Record<string, string | readonly string[]>>;

type Match = (requestValue: string, policyValue: string) => boolean;

const globCache = new Map<string, RegExp>();

/** `*` any run of characters, `?` one character; everything else literal. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = globCache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    globCache.set(key, re);
  }
  return re.test(value);
}

/** ARN patterns match field by field, so a `*` in the account field cannot swallow the resource part. */
function arnMatch(value: string, pattern: string): boolean {
  const split = (arn: string) => {
    const parts = arn.split(':');
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const v = split(value);
  const p = split(pattern);
  return !!v && !!p && p.every((part, i) => globMatch(part, v[i]));
}

const subnetCache = new Map<string, { list: BlockList; family: 'ipv4' | 'ipv6' } | null>();

/** The policy's CIDR (or single address) as a BlockList; null when it is not an address at all. */
function subnet(cidr: string) {
  let entry = subnetCache.get(cidr);
  if (entry === undefined) {
    const [network, bits] = cidr.split('/');
    const family = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : undefined;
    entry = null;
    if (family) {
      const list = new BlockList();
      list.addSubnet(network, bits === undefined ? (family === 'ipv4' ? 32 : 128) : Number(bits), family);
      entry = { list, family };
    }
    subnetCache.set(cidr, entry);
  }
  return entry;
}

function ipMatch(value: string, cidr: string): boolean {
  const address = value.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  const net = subnet(cidr);
  if (!net || (net.family === 'ipv4' ? !isIPv4(address) : !isIPv6(address))) return false;
  return net.list.check(address, net.family);
}

/** Base operators and whether each is the negation of its match. */
const OPERATORS: Record<string, { match: Match; negated: boolean }> = {
  stringequals: { match: (v, p) => v === p, negated: false },
  stringnotequals: { match: (v, p) => v === p, negated: true },
  stringequalsignorecase: { match: (v, p) => v.toLowerCase() === p.toLowerCase(), negated: false },
  stringnotequalsignorecase: { match: (v, p) => v.toLowerCase() === p.toLowerCase(), negated: true },
  stringlike: { match: (v, p) => globMatch(p, v), negated: false },
  stringnotlike: { match: (v, p) => globMatch(p, v), negated: true },
  arnequals: { match: arnMatch, negated: false },
  arnlike: { match: arnMatch, negated: false },
  arnnotequals: { match: arnMatch, negated: true },
  arnnotlike: { match: arnMatch, negated: true },
  bool: { match: (v, p) => v.toLowerCase() === p.toLowerCase(), negated: false },
  ipaddress: { match: ipMatch, negated: false },
  notipaddress: { match: ipMatch, negated: true },
  ...ordered('numeric', Number),
  ...ordered('date', dateMs),
};

/** The six comparisons of a family of ordered values (`NumericLessThan`, `DateGreaterThanEquals`, ...). */
function ordered(family: string, read: (text: string) => number): Record<string, { match: Match; negated: boolean }> {
  const compare = (test: (v: number, p: number) => boolean): Match => (v, p) => {
    const [a, b] = [read(v), read(p)];
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
  return {
    [`${family}equals`]: { match: compare((v, p) => v === p), negated: false },
    [`${family}notequals`]: { match: compare((v, p) => v === p), negated: true },
    [`${family}lessthan`]: { match: compare((v, p) => v < p), negated: false },
    [`${family}lessthanequals`]: { match: compare((v, p) => v <= p), negated: false },
    [`${family}greaterthan`]: { match: compare((v, p) => v > p), negated: false },
    [`${family}greaterthanequals`]: { match: compare((v, p) => v >= p), negated: false },
  };
}

/** A date as IAM takes it: ISO 8601 (UTC when no zone is given) or seconds since the epoch. */
function dateMs(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
}

/**
 * The value with its policy variables replaced by the request's values (`${aws:PrincipalAccount}`, a default
 * when absent: `${aws:x, 'd'}`); undefined when the request lacks one with no default, which matches nothing.
 */
export function substituted(value: string, keys: ConditionKeys): string | undefined {
  if (!value.includes('${')) return value;
  let missing = false;
  const text = value.replace(/\$\{([^},]+)(?:,\s*'([^']*)')?\s*\}/g, (_, key: string, fallback: string | undefined) => {
    // `${*}`, `${?}` and `${$}` write the character itself.
    if (key === '*' || key === '?' || key === '$') return key;
    const present = keys[key.trim().toLowerCase()];
    const single = typeof present === 'string' ? present : present?.length === 1 ? present[0] : undefined;
    if (single !== undefined) return single;
    if (fallback !== undefined) return fallback;
    missing = true;
    return '';
  });
  return missing ? undefined : text;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String);

/**
 * Whether every operator/key pair of a `Condition` block holds for the request (an absent block holds).
 * `variables`: whether the policy's language has policy variables (Version 2012-10-17); without, `${...}` is text.
 */
export function conditionsHold(condition: unknown, keys: ConditionKeys, variables: boolean): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) throw new Error('Condition must be an object');
  for (const [operator, block] of Object.entries(condition)) {
    for (const [key, policyValue] of Object.entries(block as Record<string, unknown>)) {
      const written = asList(policyValue);
      const values = variables ? written.flatMap((value) => substituted(value, keys) ?? []) : written;
      if (!operatorHolds(operator, keys[key.toLowerCase()], values)) return false;
    }
  }
  return true;
}

function operatorHolds(operator: string, present: string | readonly string[] | undefined, policyValues: string[]): boolean {
  let name = operator.toLowerCase();
  const qualifier = name.startsWith('foranyvalue:') ? 'any' : name.startsWith('forallvalues:') ? 'all' : undefined;
  if (qualifier) name = name.slice(name.indexOf(':') + 1);
  const ifExists = name.endsWith('ifexists');
  if (ifExists) name = name.slice(0, -'ifexists'.length);
  if (name === 'null') return policyValues.some((p) => (p.toLowerCase() === 'true') === (present === undefined));
  const op = OPERATORS[name];
  // An operator the sandbox does not know never holds: a Deny using it does not apply, an Allow does not allow.
  if (!op) return false;
  if (present === undefined) return ifExists || qualifier === 'all' || (op.negated && !qualifier);
  const values = typeof present === 'string' ? [present] : present;
  if (qualifier === 'all') return values.every((v) => matchesAny(op.match, v, policyValues) !== op.negated);
  if (qualifier === 'any') return values.some((v) => matchesAny(op.match, v, policyValues) !== op.negated);
  // A single-valued key: a negated operator holds when no policy value matches.
  return values.some((v) => matchesAny(op.match, v, policyValues)) !== op.negated;
}

function matchesAny(match: Match, value: string, policyValues: string[]): boolean {
  for (const p of policyValues) if (match(value, p)) return true;
  return false;
}
