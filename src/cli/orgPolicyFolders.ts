/**
 * SCPs and identity policies look alike, so a policy file whose type nothing names is linted as an identity
 * policy (docs/design.md). A file whose folder or name says SCP or RCP (`scp/`, `service_control_policies/`,
 * `deny-root.rcp.json`) was almost surely meant as one: linted as identity, the SCP and RCP checks skip it
 * and identity checks judge an allow-list as a grant. The run says so, and how to name the type, rather than
 * guess it.
 */
import type { FileType } from '../core/lint/model';

type OrgPolicyType = Extract<FileType, 'scp' | 'rcp'>;

const NAMED_FOR: ReadonlyArray<[OrgPolicyType, RegExp]> = [
  ['scp', /(^|[-_. ])(scps?|service[-_ ]?control[-_ ]?polic(y|ies))([-_. ]|$)/i],
  ['rcp', /(^|[-_. ])(rcps?|resource[-_ ]?control[-_ ]?polic(y|ies))([-_. ]|$)/i],
];

export interface DefaultedFile {
  /** The file as shown to people: relative to the current folder. */
  shown: string;
  /** The file relative to the folder of the configuration that applies to it, where its `types` globs start. */
  inConfig: string;
  /** That configuration as shown to people (`../.rootguard.json`), or `.rootguard.json` for one to write. */
  config: string;
  /** What it was linted as, having no type given. */
  lintedAs: FileType | undefined;
}

/**
 * The SCP or RCP a file's folders or name point to, within its path from the configuration's folder (the
 * nearest part that names one decides), with the glob that picks out what that part names: the folder's
 * files, or the file itself. Undefined when no part names one.
 */
export function orgPolicyTypeNamedBy(inConfig: string): { type: OrgPolicyType; glob: string } | undefined {
  const parts = inConfig.split(/[\\/]/);
  for (let at = parts.length - 1; at >= 0; at--) {
    if (parts[at] === '..' || parts[at] === '.') break;
    const named = NAMED_FOR.find(([, pattern]) => pattern.test(parts[at]));
    if (named) return { type: named[0], glob: at === parts.length - 1 ? parts.join('/') : `${parts.slice(0, at + 1).join('/')}/**` };
  }
  return undefined;
}

/**
 * What a file of each type is linted as when nothing names its type: an RCP names a `Principal`, so it reads
 * as a resource policy; so does an SCP written with one (a common mistake, which the SCP checks report).
 */
const DEFAULTS_FOR: Record<OrgPolicyType, readonly FileType[]> = { scp: ['identity', 'resource'], rcp: ['identity', 'resource'] };

/**
 * One note for the files linted as identity or resource policies though their path names an SCP or an RCP,
 * with the `.rootguard.json` entry that would say so; undefined when there are none.
 */
export function identityDefaultNote(files: readonly DefaultedFile[]): string | undefined {
  const misread = files.flatMap((file) => {
    const named = orgPolicyTypeNamedBy(file.inConfig);
    return named && file.lintedAs && DEFAULTS_FOR[named.type].includes(file.lintedAs) ? [{ ...file, ...named, lintedAs: file.lintedAs }] : [];
  });
  if (misread.length === 0) return undefined;
  const first = misread[0];
  const example = `{ "types": { "${first.glob}": "${first.type}" } }`;
  const kinds = NAMED_FOR.map(([type]) => type).filter((type) => misread.some((f) => f.type === type)).map((type) => type.toUpperCase());
  const as = [...new Set(misread.map((f) => f.lintedAs))].sort();
  if (misread.length === 1) {
    return `${first.shown} has a folder or name that says ${kinds[0]}, but nothing gave its type: it was linted as ${as[0] === 'identity' ? 'an identity' : 'a resource'} policy, and the ${kinds[0]} checks did not run on it. Name the type in ${first.config}, e.g. ${example}, or give --type.`;
  }
  return `${misread.length} files have folders or names that say ${kinds.join(' or ')} (${first.shown}, ...), but nothing gave their type: they were linted as ${as.join(' and ')} policies, and the ${kinds.join(' and ')} checks did not run on them. Name the type in ${first.config}, e.g. ${example}, or give --type.`;
}
