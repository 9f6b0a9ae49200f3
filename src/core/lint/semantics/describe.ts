/** Small wording helpers shared by the rule messages, so that lists read the same everywhere. */
import { UNKNOWN_VALUE } from '../../policy';

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The keys an answer depends on, as "aws:SourceIp and values known only at deployment" (a template's unknown parts). */
export function listKeys(keys: readonly string[]): string {
  return listNames(keys.map((key) => (key === UNKNOWN_VALUE ? 'values known only at deployment' : key)));
}

/** "1 task policy", "2 task policies". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
