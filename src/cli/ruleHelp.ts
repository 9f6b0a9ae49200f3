/**
 * What the SARIF log says about each rule: its page from `docs/rules/` (shipped with the package) as help,
 * and links only to pages that exist. The repository URL in package.json is a placeholder host until the
 * project is published, and a link there would send code-scanning users to nowhere.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads `docs/rules/<id>.md` on demand. The folder sits beside the bundle's folder in the package
 * (`dist/cli.js` -> `docs/rules`), and two levels up from the sources (`src/cli` -> `docs/rules`).
 */
export function ruleHelpReader(here = __dirname): (ruleId: string) => string | undefined {
  const folder = [path.join(here, '..', 'docs', 'rules'), path.join(here, '..', '..', 'docs', 'rules')].find((dir) => fs.existsSync(dir));
  return (ruleId) => {
    if (!folder || !/^RG\d{3}$/.test(ruleId)) return undefined;
    try {
      return fs.readFileSync(path.join(folder, `${ruleId}.md`), 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** Hosts reserved for examples and tests (RFC 2606, RFC 6761): never a real page. */
const RESERVED_HOST = /(^|\.)(example\.(com|net|org)|example|invalid|test|localhost)$/i;

/** The URL when it can point at a real page, else undefined. */
export function realPageUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'https:' || protocol === 'http:') && !RESERVED_HOST.test(hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}
