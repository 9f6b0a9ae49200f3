/**
 * Which open documents the linter looks at, and as what. Free of `vscode` so that it is unit-tested on
 * its own: the diagnostics manager hands it plain facts about a document.
 */
import { compileFileGlob, type FileGlobMatcher, GlobError } from '../../core/lint/fileGlobs';
import type { LintSyntax } from '../../core/lint/linter';
import type { FileType } from '../../core/lint/model';

/** Language ids the linter reads, and the syntax each is read as; everything else (Markdown, Python...) is left alone. */
const LANGUAGE_SYNTAX: ReadonlyMap<string, LintSyntax> = new Map([
  ['json', 'json'],
  ['jsonc', 'json'],
  // VS Code's own YAML support gives `yaml`: CloudFormation and SAM templates need no other extension.
  ['yaml', 'yaml'],
  // HashiCorp's Terraform extension gives `terraform`; other HCL extensions give `hcl`.
  ['terraform', 'hcl'],
  ['hcl', 'hcl'],
]);

/** Terraform files are plain text to a VS Code without a Terraform extension: those are known by name. */
const PLAIN_TEXT_TERRAFORM = /\.tf$/i;

/** What the linter reads, as a document selector's filters (the status item and the quick fixes use it). */
export const LINTED_DOCUMENTS: ReadonlyArray<{ language: string; pattern?: string }> = [
  ...[...LANGUAGE_SYNTAX.keys()].map((language) => ({ language })),
  { language: 'plaintext', pattern: '**/*.tf' },
];

/** How the linter reads a document of this language and path; undefined when it leaves it alone. */
export function editorSyntax(languageId: string, path: string): LintSyntax | undefined {
  return LANGUAGE_SYNTAX.get(languageId) ?? (languageId === 'plaintext' && PLAIN_TEXT_TERRAFORM.test(path) ? 'hcl' : undefined);
}

/**
 * The read-only documents in which the holders view shows an account's policy (the statement that lets a
 * principal open root sessions): linted like a file, so the findings sit beside the grant they explain.
 */
export const ACCOUNT_POLICY_SCHEME = 'rootguard-account-policy';

/**
 * The read-only documents in which the Organization policies node shows an SCP or RCP as AWS Organizations
 * holds it (and the text its quick fixes made of it): `/<organization>/scp/…` or `/<organization>/rcp/…`,
 * linted as that type whatever the workspace's globs say.
 */
export const ORG_POLICY_SCHEME = 'rootguard-org-policy';

/** The type an organization policy document is linted as, from the folder its path names. */
export function orgPolicyFileType(path: string): 'scp' | 'rcp' | undefined {
  return /\/(scp|rcp)\/[^/]+$/.exec(path)?.[1] as 'scp' | 'rcp' | undefined;
}

/** URI schemes of documents a user edits or RootGuard shows as policies; diff views, output panes and git blobs are left alone. */
export const LINTED_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', ACCOUNT_POLICY_SCHEME, ORG_POLICY_SCHEME];

/** The default of `rootguard.lint.include` (package.json declares the same list; a unit test checks). */
export const DEFAULT_LINT_INCLUDE: readonly string[] = [
  '**/*.policy.json',
  '**/scp*/**/*.json',
  '**/rcp*/**/*.json',
  '**/policies/**/*.json',
  '**/permission-sets/**/*.json',
];

export interface DocumentFacts {
  languageId: string;
  scheme: string;
  /** Path relative to the workspace folder (`/`-separated); the absolute path outside any folder. */
  path: string;
  text: string;
}

export interface SelectionOptions {
  enable: boolean;
  include: readonly string[];
  detectPolicies: boolean;
  /** The type the workspace configuration (`.rootguard.json`) gives the path, if any. */
  configuredType?: FileType;
  /** The configuration's `ignore` globs match the path. */
  ignored?: boolean;
}

/** Works out what a file holds from its text; undefined when it does not look like anything we lint. */
export type DetectFileType = (text: string) => FileType | undefined;

/** Lint as this type, let the linter detect the type (`auto`: skips what is not a policy), or leave alone. */
export type Selection = FileType | 'auto' | undefined;

/**
 * How to lint a document. The configuration's types win; an included path is linted even when detection
 * fails (JSON as an identity policy, the design's default; YAML as a template; HCL as Terraform), so that a
 * broken policy still gets its RG001; anything else is left to the linter's detection, which skips what
 * does not look like a policy (YAML that is no template, Terraform without policy resources).
 */
export function selectFileType(facts: DocumentFacts, options: SelectionOptions, detect: DetectFileType): Selection {
  if (!options.enable || options.ignored) return undefined;
  const syntax = editorSyntax(facts.languageId, facts.path);
  if (!syntax || !LINTED_SCHEMES.includes(facts.scheme)) return undefined;
  if (facts.scheme === ORG_POLICY_SCHEME) return orgPolicyFileType(facts.path) ?? 'auto';
  if (options.configuredType) return options.configuredType;
  if (matchesAny(facts.path, options.include)) return INCLUDED_TYPE[syntax](facts.text, detect);
  return options.detectPolicies ? 'auto' : undefined;
}

const INCLUDED_TYPE: Record<LintSyntax, (text: string, detect: DetectFileType) => FileType> = {
  json: (text, detect) => detect(text) ?? 'identity',
  yaml: () => 'cloudformation',
  hcl: () => 'terraform',
};

/** Compiled setting globs, or the reason one is refused (see core's fileGlobs.ts). */
const compiled = new Map<string, FileGlobMatcher | GlobError>();

function settingGlob(glob: string): FileGlobMatcher | GlobError {
  let entry = compiled.get(glob);
  if (!entry) {
    try {
      entry = compileFileGlob(glob);
    } catch (err) {
      if (!(err instanceof GlobError)) throw err;
      entry = err;
    }
    compiled.set(glob, entry);
  }
  return entry;
}

/**
 * Glob matching as users write globs in settings: `**` crosses folders, dot files and folders match too.
 * A glob the matcher refuses (an extended glob a workspace may set to stall the extension host) matches nothing.
 */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  return globs.some((glob) => {
    const matcher = settingGlob(glob);
    return !(matcher instanceof GlobError) && matcher(normalized);
  });
}

/** The globs of a setting that are refused, each with the reason, for the log. */
export function refusedGlobs(globs: readonly string[]): string[] {
  return globs.flatMap((glob) => {
    const matcher = settingGlob(glob);
    return matcher instanceof GlobError ? [`"${glob}": ${matcher.message}`] : [];
  });
}
