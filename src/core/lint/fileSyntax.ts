/** How a file to lint is written, read from its name and the start of its text when the caller does not say. */
import type { FileType } from './model';

/** The syntaxes the linter reads. */
export type LintSyntax = 'json' | 'yaml' | 'hcl';

/** What a file's syntax is read from: its name, its text, and the type the caller gives it. */
interface NamedText {
  path: string;
  text: string;
  type?: FileType;
}

export function syntaxByName(input: NamedText): LintSyntax {
  if (/\.tf$/i.test(input.path) ? input.type === undefined || input.type === 'terraform' : input.type === 'terraform' && !looksJson(input.text)) return 'hcl';
  return isYaml(input) ? 'yaml' : 'json';
}

/**
 * YAML is read by file name (`.yaml`, `.yml`), and for a template named otherwise (`.template`, given
 * `--type cloudformation`) when its text does not start as JSON does.
 */
function isYaml(input: NamedText): boolean {
  if (/\.ya?ml$/i.test(input.path)) return true;
  return !looksJson(input.text) && (input.type === 'cloudformation' || /\.template$/i.test(input.path));
}

function looksJson(text: string): boolean {
  return /^\uFEFF?\s*(\{|\[|\/\/|\/\*|$)/.test(text);
}
