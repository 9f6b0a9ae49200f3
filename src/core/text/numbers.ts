/**
 * A whole number with its thousands grouped, as `toLocaleString('en-US')` writes it (`10,240`). Not that
 * call: its first use sets up ICU's number formatting, 20-35 ms of a `rootguard lint` that reports a size.
 */
export function withThousands(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  return `${n < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+$)/g, ',')}`;
}
