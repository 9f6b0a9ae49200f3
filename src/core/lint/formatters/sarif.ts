/**
 * SARIF 2.1.0, the format GitHub code scanning and other CI tools read: one run, the rules as
 * `tool.driver.rules` (name, descriptions, the rule's page as `help`, default level), and one result per
 * finding with a 1-based region in a file given relative to `%SRCROOT%`. The help travels in the file, so
 * code scanning shows it without following a link; links are written only where a real page exists.
 * Messages quote the policy file (a Sid, a key), and GitHub shows a bidirectional override in an alert as
 * such, so they carry controls and invisible characters as `\u{…}`, as the terminal output does.
 */
import path from 'node:path';
import { printable } from '../../report/cells';
import type { LintResult } from '../linter';
import { type Rule, ruleDocsPath, type Severity } from '../model';
import { displayPath, type PathRules, shownMessage } from './summary';

export interface SarifOptions {
  rules: readonly Rule[];
  /** The tool's version, e.g. from package.json. */
  version: string;
  /** Artifact paths are made relative to this folder (the checkout root in CI). */
  rootDir: string;
  /**
   * Whose file paths these are: this platform's (the default). `c:x/p.json` is a drive-relative path on
   * Windows but a file in folder `c:x` on Linux and macOS, where it stays relative to `%SRCROOT%`.
   */
  paths?: PathRules;
  /**
   * Rule docs are `docs/rules/RGnnn.md` resolved against this URI (a repository URL or a `file:` URL),
   * ending in `/`; without it no rule has a `helpUri`.
   */
  docsBaseUri?: string;
  /** The tool's home page, when it has a real one. */
  informationUri?: string;
  /** A rule's page as Markdown (`docs/rules/RGnnn.md`), written into the log as the rule's `help`. */
  ruleHelp?: (ruleId: string) => string | undefined;
  /**
   * What the run says about files beside its findings, as tool execution notifications: `error` for a file
   * that could not be read or checked (the run is then marked unsuccessful), `warning` for one not (fully)
   * checked where RG010 is off, `note` for one skipped as no policy.
   */
  notifications?: readonly SarifNotification[];
  /**
   * Problems with the tool's configuration (a `.rootguard.json` or `--config` that cannot be used), which
   * SARIF keeps apart from those of running it (§3.20.21, §3.20.22): tool configuration notifications.
   */
  configurationNotifications?: readonly SarifNotification[];
}

/** A notification about a file: one the run read, or the configuration it was given. */
export interface SarifNotification {
  path: string;
  message: string;
  level: 'error' | 'warning' | 'note';
}

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Formats results as a SARIF 2.1.0 log (a JSON string). */
export function formatSarif(results: readonly LintResult[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((rule, i) => [rule.meta.id, i]));
  const notifications = options.notifications ?? [];
  const configurationNotifications = options.configurationNotifications ?? [];
  const paths = options.paths ?? path;
  const notification = (n: SarifNotification) => ({
    level: n.level,
    message: { text: printable(n.message) },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.path, options.rootDir, paths) } }],
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'RootGuard',
            version: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: options.rules.map((rule) => {
              const help = options.ruleHelp?.(rule.meta.id);
              return {
                id: rule.meta.id,
                name: rule.meta.name,
                shortDescription: { text: rule.meta.description },
                fullDescription: { text: rule.meta.description },
                ...(help ? { help: { text: plainText(help), markdown: help } } : {}),
                ...(options.docsBaseUri ? { helpUri: new URL(ruleDocsPath(rule.meta.id), options.docsBaseUri).href } : {}),
                defaultConfiguration: { level: LEVELS[rule.meta.defaultSeverity], enabled: !rule.meta.optIn },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(options.rootDir, paths) } },
        // Columns count UTF-16 code units, as editors do (a character outside the BMP counts two).
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: ![...notifications, ...configurationNotifications].some((n) => n.level === 'error'),
            toolExecutionNotifications: notifications.map(notification),
            toolConfigurationNotifications: configurationNotifications.map(notification),
          },
        ],
        results: results.flatMap((result) => {
          // One location per file, not per finding: a file's findings share it.
          const artifact = result.findings.length ? artifactLocation(result.path, options.rootDir, paths) : undefined;
          return result.findings.map((f) => ({
            ruleId: f.ruleId,
            ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
            level: LEVELS[f.severity],
            message: { text: shownMessage(f) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifact,
                  // SARIF's endColumn points after the region, like the finding's.
                  region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
                },
                // The CDK construct or Terraform resource the policy of a generated file comes from.
                ...(f.definedIn ? { logicalLocations: [{ fullyQualifiedName: f.definedIn, kind: 'resource' }] } : {}),
              },
            ],
          }));
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative URI reference (each segment percent-encoded: corpus paths have spaces) against %SRCROOT%. */
function artifactLocation(filePath: string, rootDir: string, paths: PathRules): { uri: string; uriBaseId?: string } {
  const shown = displayPath(filePath, rootDir, paths);
  if (paths.isAbsolute(shown)) return { uri: fileUri(shown) };
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** An absolute path (forward slashes) as a `file:` URI. Only Windows has absolute paths that start with a drive, not `/`. */
function fileUri(absolute: string): string {
  const drive = !absolute.startsWith('/');
  const segments = absolute.replace(/^\//, '').split('/').map((s, i) => (i === 0 && drive ? s : encodeURIComponent(s)));
  return `file:///${segments.join('/')}`;
}

function directoryUri(dir: string, paths: PathRules): string {
  return `${fileUri(dir.split(paths.sep).join('/'))}/`.replace(/\/\/$/, '/');
}

/**
 * The Markdown of a rule page as plain text, for viewers that do not render Markdown (SARIF requires
 * `text` beside `markdown`): heading marks, emphasis and inline-code backticks dropped, code blocks kept.
 */
function plainText(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !line.startsWith('```'))
    .map((line) => line.replace(/^#{1,6}\s+/, '').replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1'))
    .join('\n');
}
