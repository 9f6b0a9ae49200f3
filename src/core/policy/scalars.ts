/**
 * The non-string comparisons of conditions: numbers, dates (ISO 8601 or epoch seconds) and IP addresses
 * against CIDR blocks (IPv4 and IPv6). A value that does not parse makes the comparison fail, as in IAM.
 */

/** Sign of `request - policy`, or undefined when either is not a number. */
export function compareNumbers(request: string, policy: string): number | undefined {
  const a = parseNumber(request);
  const b = parseNumber(policy);
  return a === undefined || b === undefined ? undefined : Math.sign(a - b);
}

const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** True when a policy value reads as a number: one that does not can match no request value. */
export function isNumber(text: string): boolean {
  return NUMBER.test(text);
}

/** The number a value reads as, as comparisons read it. */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** Sign of `request - policy` in time, or undefined when either is not a date. */
export function compareDates(request: string, policy: string): number | undefined {
  const a = parseDate(request);
  const b = parseDate(policy);
  return a === undefined || b === undefined ? undefined : Math.sign(a - b);
}

const EPOCH_SECONDS = /^\s*\d+\s*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[-+]\d{2}:?\d{2})?)?$/;

/** True when a policy value reads as a date: one that does not can match no request value. */
export function isDate(text: string): boolean {
  return parseDate(text) !== undefined;
}

/**
 * The time (milliseconds) a value reads as, as comparisons read it. A time without a zone is UTC, as AWS,
 * deciding on its own servers, reads it: `Date.parse` would take the local zone of the machine running the
 * linter, and answer differently in Tokyo and in London.
 */
export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed);
  if (!iso) return undefined;
  const time = Date.parse(iso[1] !== undefined && iso[4] === undefined ? `${trimmed}Z` : trimmed);
  return Number.isNaN(time) || !onCalendar(trimmed) ? undefined : time;
}

/** The day exists in its month: `Date.parse` takes 2025-02-31 for March 3. */
function onCalendar(iso: string): boolean {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

interface Address {
  bits: bigint;
  width: 32 | 128;
}

/** True when `address` lies in `block` (a CIDR, or a single address meaning /32 or /128). */
export function ipContains(block: string, address: string): boolean {
  const slash = block.indexOf('/');
  const network = parseAddress(slash < 0 ? block : block.slice(0, slash));
  const target = parseAddress(address.includes('/') ? address.slice(0, address.indexOf('/')) : address);
  if (!network || !target || network.width !== target.width) return false;
  if (slash >= 0 && !/^\d{1,3}$/.test(block.slice(slash + 1))) return false;
  const prefix = slash < 0 ? network.width : Number(block.slice(slash + 1));
  if (prefix > network.width) return false;
  const shift = BigInt(network.width - prefix);
  return network.bits >> shift === target.bits >> shift;
}

/** True when a policy value is an address block (or one address): one that is not contains no address. */
export function isIpBlock(block: string): boolean {
  const slash = block.indexOf('/');
  const network = parseAddress(slash < 0 ? block : block.slice(0, slash));
  return network !== undefined && (slash < 0 || (/^\d{1,3}$/.test(block.slice(slash + 1)) && Number(block.slice(slash + 1)) <= network.width));
}

/** The addresses a block holds, as a range of `width`-bit numbers; undefined when it is no block. */
export function blockRange(block: string): { width: 32 | 128; first: bigint; last: bigint } | undefined {
  if (!isIpBlock(block)) return undefined;
  const slash = block.indexOf('/');
  const network = parseAddress(slash < 0 ? block : block.slice(0, slash))!;
  const free = BigInt(network.width - (slash < 0 ? network.width : Number(block.slice(slash + 1))));
  const first = (network.bits >> free) << free;
  return { width: network.width, first, last: first + (1n << free) - 1n };
}

/** An address as text that `ipContains` reads back: dotted for IPv4, eight groups for IPv6. */
export function addressText(bits: bigint, width: 32 | 128): string {
  const parts = width === 32 ? 4 : 8;
  const size = width === 32 ? 8n : 16n;
  const groups = Array.from({ length: parts }, (_, i) => (bits >> (size * BigInt(parts - 1 - i))) & ((1n << size) - 1n));
  return width === 32 ? groups.join('.') : groups.map((g) => g.toString(16)).join(':');
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseAddress(text: string): Address | undefined {
  const v4 = IPV4.exec(text.trim());
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { bits: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), width: 32 };
  }
  return parseIpv6(text.trim());
}

function parseIpv6(text: string): Address | undefined {
  if (!text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  // An embedded IPv4 address (`::ffff:192.0.2.1`) counts as two groups.
  const last = (halves.length === 2 ? tail : head).at(-1);
  const embedded = last && IPV4.test(last) ? parseAddress(last) : undefined;
  if (embedded) {
    const list = halves.length === 2 ? tail : head;
    list.splice(list.length - 1, 1, ((embedded.bits >> 16n) & 0xffffn).toString(16), (embedded.bits & 0xffffn).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let bits = 0n;
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    bits = (bits << 16n) | BigInt(parseInt(group, 16));
  }
  return { bits, width: 128 };
}
