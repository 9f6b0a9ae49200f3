/**
 * How every bench reports a figure: the spread over its runs (min, median, max), the machine load while it was
 * measured, and comparisons that only claim a difference the spread supports. Not a benchmark itself (no
 * `.bench.ts` suffix): the benches import it.
 */
import os from 'node:os';

/** A measured quantity over several runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number;
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no runs to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], runs: sorted.length };
}

/** "1.23 (1.20-1.31)": the median, then the range it came from. */
export function formatSpread(s: Spread, digits = 2, unit = ''): string {
  const f = (v: number) => v.toFixed(digits);
  return s.runs === 1 ? `${f(s.median)}${unit} (1 run)` : `${f(s.median)}${unit} (${f(s.min)}-${f(s.max)})`;
}

/**
 * Whether `a` and `b` differ by more than their spreads: their ranges do not overlap. A comparison whose
 * ranges overlap is reported as "no measurable difference", whatever the medians say.
 */
export function measurablyDifferent(a: Spread, b: Spread): boolean {
  return a.max < b.min || b.max < a.min;
}

/** "a is 1.8x b" when the ranges are apart, else a sentence saying the runs cannot tell them apart. */
export function compare(aName: string, a: Spread, bName: string, b: Spread): string {
  if (!measurablyDifferent(a, b)) return `${aName} vs ${bName}: no measurable difference (ranges overlap)`;
  return `${aName} / ${bName} = ${(a.median / b.median).toFixed(2)}x (ranges apart)`;
}

/** The 1-minute load average and the CPU count, sampled when a figure is taken. */
export interface MachineLoad {
  loadAverage1m: number;
  cpus: number;
}

export function machineLoad(): MachineLoad {
  return { loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100, cpus: os.cpus().length };
}

/** Load over a measurement: as it was at its start and at its end. */
export function formatLoad(start: MachineLoad, end: MachineLoad): string {
  return `load ${start.loadAverage1m.toFixed(1)} -> ${end.loadAverage1m.toFixed(1)} on ${end.cpus} CPUs`;
}

/** Prints rows as a right-aligned table with a header line. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const line of [header, ...rows]) process.stdout.write(`${line.map((c, i) => c.padStart(widths[i])).join('  ')}\n`);
}
