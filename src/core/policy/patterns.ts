/**
 * Policy values as IAM compares them: policy variables substituted from the request (`${aws:username}`,
 * with a default `${aws:username, 'nobody'}`; `${*}`, `${?}`, `${$}` for the literal characters), then
 * matched whole (`StringLike`, actions) or segment by segment (`Resource`, `Arn*` operators; see arnMatches).
 *
 * A value compiles into segments split at its wildcard stars. A `?` wildcard becomes ONE_CHAR inside a
 * segment, so that a literal `*` or `?` (from `${*}`, or a substituted value) stays literal. Unknown parts
 * (`UNKNOWN_PART`, or a `${NAME}` placeholder that is no IAM variable) split segments like a star but make
 * a match only possible, never certain.
 */
import { BoundedMemo } from '../boundedMemo';
import { noRequestCarries } from './globalKeys';
import { MAYBE, NO, type Tri, YES } from './tri';
import { UNKNOWN_PART } from './unknown';

/** Stands for a `?` wildcard inside a compiled segment (a private-use character no real value holds). */
const ONE_CHAR = '\uE001';

export interface Compiled {
  /** Literal runs between wildcard stars or unknown parts; a single segment means neither occurs. */
  segments: string[];
  /** Some split is an unknown part: a match is then possible only. */
  unknown: boolean;
  /** The value is exactly one unknown part (a whole partition written `${AWS::Partition}` or `${PARTITION}`). */
  wholeUnknown: boolean;
}

/** Request context keys by lower-case name. */
export type ContextValues = ReadonlyMap<string, readonly string[]>;

/** What resolving a value's variables found. */
export interface Resolution {
  /** Undefined when a variable's key is absent (or multi-valued) without a default: the value matches nothing. */
  compiled?: Compiled;
  /** Keys of variables that were absent from the request (and that some request may carry). */
  missing: string[];
}

const VARIABLE = /\$\{([^}]*)\}/g;
/**
 * `service:key`, with an optional default: after a `/` (`aws:PrincipalTag/cost center`) a tag key's own
 * characters (Unicode letters, digits and spaces, and `_ . : / = + - @`); a template's `${AWS::Partition}` or
 * `${Bucket.Arn}` is none.
 */
const IAM_VARIABLE = /^\s*([A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+(?:\/[\p{L}\p{N}\p{Z}_.:\/=+@-]*)?)\s*(?:,\s*'([^']*)'\s*)?$/u;

/** True when a `${...}` body is an IAM policy variable (`service:key`, with an optional default). */
export function isPolicyVariable(body: string): boolean {
  return body === '*' || body === '?' || body === '$' || IAM_VARIABLE.test(body);
}

/**
 * What a value's `${...}` parts read: the keys of its IAM policy variables (lower case), and whether one is a
 * placeholder that is no IAM variable. `${*}`, `${?}` and `${$}` read nothing.
 */
export function variablesOf(value: string): { keys: string[]; placeholder: boolean } {
  const keys: string[] = [];
  let placeholder = false;
  for (const [, body] of value.matchAll(VARIABLE)) {
    if (body === '*' || body === '?' || body === '$') continue;
    const variable = IAM_VARIABLE.exec(body);
    if (variable) keys.push(variable[1].toLowerCase());
    else placeholder = true;
  }
  return { keys, placeholder };
}

/**
 * The value with its policy variables replaced as AWS would for the keys `given` (lower case): a key's one
 * value, else the variable's default; undefined where one has neither (or several values), or where the value
 * holds a `${...}` that is no IAM variable. `${*}`, `${?}` and `${$}` become their character.
 */
export function withVariablesGiven(raw: string, given: ReadonlyMap<string, readonly string[]>): string | undefined {
  let complete = true;
  const replaced = raw.replace(VARIABLE, (_, body: string) => {
    if (body === '*' || body === '?' || body === '$') return body;
    const variable = IAM_VARIABLE.exec(body);
    const values = variable ? given.get(variable[1].toLowerCase()) : undefined;
    const value = values?.length === 1 ? values[0] : values === undefined ? variable?.[2] : undefined;
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete ? replaced : undefined;
}

const CACHE_LIMIT = 50_000;
const plainCache = new BoundedMemo<string, Compiled>(CACHE_LIMIT);

/**
 * Compiles a value. `glob`: `*` and `?` are wildcards (`Like`, ARN, resource, action matching); else they
 * are literal (`StringEquals`). `lowerCase`: for case-insensitive comparison (lower the text too).
 * `context`: substitutes policy variables (only `Resource` and condition values take them); without it an
 * IAM variable stays literal text. A `${NAME}` that is no IAM variable is an unknown part either way.
 */
export function resolve(raw: string, glob: boolean, lowerCase: boolean, context: ContextValues | undefined): Resolution {
  if (!raw.includes('${')) return { compiled: compilePlain(raw, glob, lowerCase), missing: [] };
  const missing: string[] = [];
  const builder = new SegmentBuilder(glob, lowerCase);
  let last = 0;
  let failed = false;
  for (const match of raw.matchAll(VARIABLE)) {
    builder.addPattern(raw.slice(last, match.index));
    last = match.index + match[0].length;
    const body = match[1];
    // Where variables are text (no context), `${*}` is text too: the three characters, not a star.
    if (body === '*' || body === '?' || body === '$') builder.addLiteral(context ? body : match[0]);
    else {
      const variable = IAM_VARIABLE.exec(body);
      if (!variable) builder.addUnknown();
      else if (!context) builder.addLiteral(match[0]);
      else {
        const values = context.get(variable[1].toLowerCase());
        // A key no request carries is absent from every one: the answer does not depend on it.
        const mayBeSent = !values && !noRequestCarries(variable[1]);
        if (values?.length === 1) builder.addLiteral(values[0]);
        else if (variable[2] !== undefined) {
          builder.addLiteral(variable[2]);
          if (mayBeSent) missing.push(variable[1]);
        } else {
          if (mayBeSent) missing.push(variable[1]);
          failed = true;
        }
      }
    }
  }
  builder.addPattern(raw.slice(last));
  return { compiled: failed ? undefined : builder.done(), missing };
}

function compilePlain(raw: string, glob: boolean, lowerCase: boolean): Compiled {
  const cacheKey = `${glob ? 'g' : 'l'}${lowerCase ? 'i' : 's'}${raw}`;
  const compiled = plainCache.get(cacheKey);
  if (compiled) return compiled;
  const builder = new SegmentBuilder(glob, lowerCase);
  builder.addPattern(raw);
  return plainCache.set(cacheKey, builder.done());
}

class SegmentBuilder {
  private readonly segments: string[] = [];
  private current = '';
  private unknown = false;
  constructor(
    private readonly glob: boolean,
    private readonly lowerCase: boolean,
  ) {}

  /** Text written in the policy: wildcards when globbing; unknown parts always. */
  addPattern(text: string): void {
    for (const c of text) {
      if (c === UNKNOWN_PART) this.addUnknown();
      else if (this.glob && c === '*') this.split();
      else if (this.glob && c === '?') this.current += ONE_CHAR;
      else this.current += this.lowerCase ? c.toLowerCase() : c;
    }
  }

  /** Text from a substitution: always literal. */
  addLiteral(text: string): void {
    this.current += this.lowerCase ? text.toLowerCase() : text;
  }

  addUnknown(): void {
    this.unknown = true;
    this.split();
  }

  private split(): void {
    this.segments.push(this.current);
    this.current = '';
  }

  done(): Compiled {
    this.segments.push(this.current);
    const [first, second] = this.segments;
    return { segments: this.segments, unknown: this.unknown, wholeUnknown: this.unknown && this.segments.length === 2 && first === '' && second === '' };
  }
}

/** Whether a compiled value matches a whole text (lower-cased by the caller when compiled so). */
export function matches(compiled: Compiled, text: string): Tri {
  const hit = segmentsMatch(compiled.segments, text);
  if (!hit) return NO;
  return compiled.unknown ? MAYBE : YES;
}

/** Leftmost placement of each segment between stars: never worse than any other, so nothing backtracks. */
function segmentsMatch(segments: readonly string[], text: string): boolean {
  const first = segments[0];
  if (segments.length === 1) return text.length === first.length && segmentAt(first, text, 0);
  const last = segments[segments.length - 1];
  const end = text.length - last.length;
  if (first.length > end || !segmentAt(first, text, 0) || !segmentAt(last, text, end)) return false;
  let from = first.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    let at = from;
    while (at + segment.length <= end && !segmentAt(segment, text, at)) at++;
    if (at + segment.length > end) return false;
    from = at + segment.length;
  }
  return true;
}

function segmentAt(segment: string, text: string, at: number): boolean {
  for (let i = 0; i < segment.length; i++) {
    const p = segment.charCodeAt(i);
    if (p !== 0xe001 && p !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/**
 * What `dependsOn` names when an answer hinges on an ARN pattern of fewer than six parts (`arn:aws:iam::*`):
 * AWS checks "each of the six colon-delimited components of the ARN ... separately" (IAM User Guide,
 * condition operators, ArnLike) and does not document what a shorter value matches.
 */
export const SHORT_ARN_PATTERN = 'how AWS reads an ARN pattern of fewer than six parts';

/**
 * ARN matching segment by segment (`arn:partition:service:region:account:resource`; the resource part
 * may hold colons). A value with fewer than six segments other than `*` is undocumented (shortArnMatches).
 * A partition that is wholly unknown (`${AWS::Partition}`) is the partition the policy is deployed in:
 * it matches the request's partition.
 */
export function arnMatches(raw: string, arn: string, context: ContextValues | undefined, missing: string[]): Tri {
  const text = arnSegments(arn);
  if (!raw.includes('${')) {
    const pattern = plainArnPattern(raw);
    return pattern && text ? arnSegmentsMatch(text, (i) => pattern[i]) : shortArnMatches(raw, compilePlain(raw, true, false), arn, text, missing);
  }
  const pattern = splitArn(raw, true);
  if (!pattern || !text) {
    const resolved = resolve(raw, true, false, context);
    missing.push(...resolved.missing);
    return resolved.compiled ? shortArnMatches(raw, resolved.compiled, arn, text, missing) : NO;
  }
  return arnSegmentsMatch(text, (i) => {
    const resolved = resolve(pattern[i], true, false, context);
    missing.push(...resolved.missing);
    return resolved.compiled;
  });
}

/**
 * A value that does not split into six parts, matched whole. Against an ARN, one of fewer than six parts (once
 * its variables are substituted) is not documented: read as one glob, `arn:aws:iam::*` covers
 * `111122223333:root`; read part by part, a `*` cannot cross a colon and the value matches no six-part ARN. So
 * the answer is "maybe", on `SHORT_ARN_PATTERN`, unless the value matches anything (`*`) or no reading can
 * match (the glob misses, and so does some part read in its place: see partDiffers).
 */
function shortArnMatches(raw: string, compiled: Compiled, arn: string, text: readonly string[] | null, missing: string[]): Tri {
  const whole = matches(compiled, arn);
  if (!text || compiled.segments.every((segment) => segment === '') || colonsOf(compiled) >= 5) return whole;
  if (whole === NO && partDiffers(raw, text)) return NO;
  missing.push(SHORT_ARN_PATTERN);
  return MAYBE;
}

function colonsOf(compiled: Compiled): number {
  return compiled.segments.reduce((sum, segment) => sum + segment.split(':').length - 1, 0);
}

/**
 * A part of a short value (without variables) that no reading can match: one before its last differs from the
 * ARN's part in its place; the last one differs both from that part and from the rest of the ARN from there
 * (which it would stand for, read as the resource part is).
 */
function partDiffers(raw: string, text: readonly string[]): boolean {
  if (raw.includes('${') || raw.includes(UNKNOWN_PART)) return false;
  const parts = raw.split(':');
  const last = parts.length - 1;
  return parts.some((part, i) => {
    const compiled = compilePlain(part, true, false);
    return matches(compiled, text[i]) === NO && (i < last || matches(compiled, text.slice(i).join(':')) === NO);
  });
}

/** An ARN's six segments against a pattern's, compiled one by one (`undefined`: a variable that matches nothing). */
function arnSegmentsMatch(text: readonly string[], compiledAt: (segment: number) => Compiled | undefined): Tri {
  let answer: Tri = YES;
  for (let i = 0; i < 6; i++) {
    const compiled = compiledAt(i);
    if (!compiled) return NO;
    if (i === 1 && compiled.wholeUnknown) continue;
    const segment = matches(compiled, text[i]);
    if (segment === NO) return NO;
    if (segment === MAYBE) answer = MAYBE;
  }
  return answer;
}

/*
 * A question matches the same few values against thousands of requests of a handful of resources: values
 * without variables are split and compiled once, and the ARNs compared split once (null: not an ARN).
 */
const plainArnPatterns = new BoundedMemo<string, readonly Compiled[] | null>(CACHE_LIMIT);
const splitArns = new BoundedMemo<string, readonly string[] | null>(CACHE_LIMIT);

function plainArnPattern(raw: string): readonly Compiled[] | null {
  let pattern = plainArnPatterns.get(raw);
  if (pattern === undefined) {
    pattern = splitArn(raw, true)?.map((segment) => compilePlain(segment, true, false)) ?? null;
    plainArnPatterns.set(raw, pattern);
  }
  return pattern;
}

function arnSegments(arn: string): readonly string[] | null {
  let segments = splitArns.get(arn);
  if (segments === undefined) {
    segments = splitArn(arn) ?? null;
    splitArns.set(arn, segments);
  }
  return segments;
}

const WHOLLY_UNKNOWN_PARTITION = /^arn:(\uE000|\$\{([^}]*)\}):/i;
/** A partition as ARNs spell them; anything else (a wildcard, a variable) is not written into a pattern. */
const ARN_PARTITION = /^arn:([a-z0-9-]+):/i;

/**
 * An ARN-shaped value compared as a string (`StringLike`, `StringEquals`) whose partition is wholly unknown
 * (`arn:${AWS::Partition}:iam::*:root`), with the compared ARN's partition written in: as in `arnMatches`,
 * the policy is deployed in the partition it governs. Any other value is returned unchanged.
 */
export function withDeployedPartition(policyValue: string, value: string): string {
  const unknown = WHOLLY_UNKNOWN_PARTITION.exec(policyValue);
  if (!unknown || (unknown[2] !== undefined && isPolicyVariable(unknown[2]))) return policyValue;
  const partition = ARN_PARTITION.exec(value)?.[1];
  return partition === undefined ? policyValue : `arn:${partition}:${policyValue.slice(unknown[0].length)}`;
}

/** The six segments of an ARN; in a policy value (`pattern`), colons inside `${...}` do not split. */
export function splitArn(arn: string, pattern = false): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  let at = 0;
  while (parts.length < 5) {
    if (at >= arn.length) return undefined;
    if (pattern && arn.startsWith('${', at)) {
      const close = arn.indexOf('}', at);
      at = close < 0 ? arn.length : close + 1;
      continue;
    }
    if (arn.charCodeAt(at) === 58) {
      parts.push(arn.slice(from, at));
      from = at + 1;
    }
    at++;
  }
  parts.push(arn.slice(from));
  return parts;
}
