/** Whole-number options (`--concurrency`, `--max-attempts`, `--sandbox-accounts`) as every command reads them. */
import { RootGuardError } from '../core/aws/errors';

/**
 * The option's value: digits only, from 1 to `max`. `Number()` alone took `1e3`, `0x10` and a 20-digit
 * number as counts; a usage error names the option instead.
 */
export function positiveInt(name: string, raw: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= max)) {
    throw new RootGuardError('Usage', `--${name} must be a whole number from 1${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}, not "${raw}"`);
  }
  return value;
}
