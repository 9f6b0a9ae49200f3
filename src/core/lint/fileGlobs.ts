/**
 * File globs from `.rootguard.json` and the `rootguard.lint.include` setting: text a repository controls.
 * Glob libraries compile to backtracking regular expressions, where `@(a+|a)+!` or `*a*a*a*a*a*b` against
 * a file name of a few dozen characters takes seconds to hours, and the linear regular-expression ports
 * reject the lookarounds those libraries emit. So these globs are matched here, without backtracking:
 *
 * - `**` as a whole segment crosses folders (zero or more), `*` any run within a segment, `?` one
 *   character, `[a-z]`/`[!a-z]` one character of a class, `{a,b}` alternatives, `\x` a literal x;
 * - dot files and folders match like any other; matching is case-sensitive;
 * - extended globs (`@(…)`, `+(…)`, `!(…)`) and leading `!` negations are refused with a message.
 *
 * The pieces between stars have a fixed length, so each is placed at its leftmost match, which is never
 * worse than any other placement: nothing backtracks, and a match costs at most the path's length times
 * the pattern's length (see `MatchMeter`), whatever the pattern.
 */

/** Longer patterns are refused: no real file glob comes near. */
export const MAX_GLOB_LENGTH = 1_024;
/** `{a,b}` alternatives after expansion; more are refused (`{a,b}{c,d}…` doubles with each group). */
export const MAX_GLOB_ALTERNATIVES = 64;

/** A glob that cannot be used, with the reason, ready to print after the pattern. */
export class GlobError extends Error {}

/** Counts character comparisons, so that tests can check the bound without timing anything. */
export interface MatchMeter {
  steps: number;
}

export type FileGlobMatcher = (path: string, meter?: MatchMeter) => boolean;
/** A glob matched against a path already split at its slashes: one path asked of many globs is split once. */
export type SegmentsGlobMatcher = (segments: readonly string[], meter?: MatchMeter) => boolean;

/** One character position of a segment pattern: a literal, `?`, or a class. */
type CharTest = { kind: 'literal'; char: string } | { kind: 'any' } | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> };
/** A segment pattern: pieces of fixed length, separated by stars (`a*b` is [[a], [b]]). */
type SegmentPattern = CharTest[][];
/** The segment patterns between globstars (`a/**\/b/c` is [[a], [b, c]]). */
type GlobRuns = SegmentPattern[][];

const EXTGLOB = /[@+!*?]\(/;

/** Compiles a glob matched against whole `/`-separated relative paths; throws `GlobError` when refused. */
export function compileFileGlob(pattern: string): FileGlobMatcher {
  const matches = compileSegmentsGlob(pattern);
  return (path, meter) => matches(path.split('/'), meter);
}

/** `compileFileGlob` for paths split at their slashes. */
export function compileSegmentsGlob(pattern: string): SegmentsGlobMatcher {
  if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(`longer than ${MAX_GLOB_LENGTH} characters`);
  if (pattern.startsWith('!')) throw new GlobError('negated globs ("!…") are not supported');
  if (EXTGLOB.test(pattern)) throw new GlobError('extended globs ("@(…)", "+(…)", "!(…)", "*(…)", "?(…)") are not supported');
  // `./policies/*.json` means `policies/*.json`: paths are relative already.
  const alternatives = expandBraces(pattern.replace(/^(\.\/)+/, '')).map(parseRuns).map((runs) => ({ runs, literals: literalSegments(runs) }));
  return (segments, meter) => alternatives.some(({ runs, literals }) => literals.every((literal) => segments.includes(literal)) && matchRuns(runs, segments, meter));
}

/**
 * The segments of a glob written without wildcards (`scp` in `**\/scp/**`), which a path it matches has as
 * segments of its own: most paths lack one, and a configuration's many globs each rule them out at a glance.
 */
function literalSegments(runs: GlobRuns): string[] {
  return runs.flat().flatMap((pieces) => (pieces.length === 1 && pieces[0].every((test) => test.kind === 'literal') ? [pieces[0].map((test) => test.char).join('')] : []));
}

/** `a{b,c{d,e}}` → `ab`, `acd`, `ace`; a brace without a comma stays literal, as in shells. */
function expandBraces(pattern: string): string[] {
  const open = findUnescaped(pattern, '{', 0);
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === ',' && depth === 1) commas.push(i);
    else if (c === '}' && --depth === 0) {
      const head = pattern.slice(0, open);
      const bodies = commas.length === 0 ? [`\\{${pattern.slice(open + 1, i)}\\}`] : splitAt(pattern, open, commas, i);
      const tails = expandBraces(pattern.slice(i + 1));
      const result: string[] = [];
      for (const body of bodies.flatMap(expandBraces)) {
        for (const tail of tails) {
          result.push(head + body + tail);
          if (result.length > MAX_GLOB_ALTERNATIVES) throw new GlobError(`more than ${MAX_GLOB_ALTERNATIVES} alternatives after expanding "{…}"`);
        }
      }
      return result;
    }
  }
  throw new GlobError('"{" without its closing "}"');
}

function splitAt(pattern: string, open: number, commas: number[], close: number): string[] {
  const bounds = [open, ...commas, close];
  return bounds.slice(1).map((end, i) => pattern.slice(bounds[i] + 1, end));
}

function findUnescaped(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function parseRuns(glob: string): GlobRuns {
  const runs: GlobRuns = [[]];
  for (const segment of splitSegments(glob)) {
    if (segment === '**') runs.push([]);
    else runs[runs.length - 1].push(parseSegment(segment));
  }
  return runs;
}

/** Splits at unescaped slashes outside classes (`[/]` is a literal class, as in other glob libraries it is not). */
function splitSegments(glob: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '/') {
      segments.push(glob.slice(start, i));
      start = i + 1;
    }
  }
  segments.push(glob.slice(start));
  return segments;
}

function parseSegment(segment: string): SegmentPattern {
  const pieces: CharTest[][] = [[]];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    const piece = pieces[pieces.length - 1];
    if (c === '*') {
      if (piece.length > 0 || pieces.length === 1) pieces.push([]);
    } else if (c === '?') piece.push({ kind: 'any' });
    else if (c === '\\' && i + 1 < segment.length) piece.push({ kind: 'literal', char: segment[++i] });
    else if (c === '[') {
      const parsed = parseClass(segment, i);
      if (parsed) {
        piece.push(parsed.test);
        i = parsed.end;
      } else piece.push({ kind: 'literal', char: c });
    } else piece.push({ kind: 'literal', char: c });
  }
  return pieces;
}

/** `[abc]`, `[a-z]`, `[!x]`/`[^x]`, `]` first is literal; undefined when the bracket never closes (then it is literal). */
function parseClass(segment: string, open: number): { test: CharTest; end: number } | undefined {
  let i = open + 1;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i++;
  const ranges: Array<[string, string]> = [];
  for (let first = true; i < segment.length; first = false, i++) {
    let c = segment[i];
    if (c === ']' && !first) return { test: { kind: 'class', negated, ranges }, end: i };
    if (c === '\\' && i + 1 < segment.length) c = segment[++i];
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      ranges.push([c, segment[i + 2]]);
      i += 2;
    } else ranges.push([c, c]);
  }
  return undefined;
}

/**
 * The runs of segment patterns between globstars, each placed at its leftmost match after the previous
 * one; the first run is anchored at the start (unless the glob starts with `**`), the last at the end.
 */
function matchRuns(runs: GlobRuns, segments: readonly string[], meter: MatchMeter | undefined): boolean {
  const first = runs[0];
  if (runs.length === 1) return first.length === segments.length && runMatchesAt(first, segments, 0, meter);
  const last = runs[runs.length - 1];
  const end = segments.length - last.length;
  if (first.length > end || !runMatchesAt(first, segments, 0, meter) || !runMatchesAt(last, segments, end, meter)) return false;
  let from = first.length;
  for (let r = 1; r < runs.length - 1; r++) {
    const run = runs[r];
    let at = from;
    while (at + run.length <= end && !runMatchesAt(run, segments, at, meter)) at++;
    if (at + run.length > end) return false;
    from = at + run.length;
  }
  return true;
}

function runMatchesAt(run: SegmentPattern[], segments: readonly string[], at: number, meter: MatchMeter | undefined): boolean {
  return run.every((pattern, i) => segmentMatches(pattern, segments[at + i], meter));
}

/** The same leftmost placement within one segment, for the pieces between its stars. */
function segmentMatches(pieces: SegmentPattern, text: string, meter: MatchMeter | undefined): boolean {
  const first = pieces[0];
  if (pieces.length === 1) return text.length === first.length && pieceAt(first, text, 0, meter);
  const last = pieces[pieces.length - 1];
  const end = text.length - last.length;
  if (first.length > end || !pieceAt(first, text, 0, meter) || !pieceAt(last, text, end, meter)) return false;
  // A star never matches an empty segment on its own (`*` does not match the empty name between `a//b`).
  if (text.length === 0) return false;
  let from = first.length;
  for (let p = 1; p < pieces.length - 1; p++) {
    const piece = pieces[p];
    let at = from;
    while (at + piece.length <= end && !pieceAt(piece, text, at, meter)) at++;
    if (at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}

function pieceAt(piece: CharTest[], text: string, at: number, meter: MatchMeter | undefined): boolean {
  for (let i = 0; i < piece.length; i++) {
    if (meter) meter.steps++;
    if (!charMatches(piece[i], text[at + i])) return false;
  }
  return true;
}

function charMatches(test: CharTest, char: string): boolean {
  if (test.kind === 'any') return true;
  if (test.kind === 'literal') return test.char === char;
  return test.ranges.some(([low, high]) => char >= low && char <= high) !== test.negated;
}
