import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The parts of the shared AWS config files (`~/.aws/config`, `~/.aws/credentials`) RootGuard reads itself:
 * profile names for the extension's picker, a profile's region, and the configured endpoint URLs. Credentials
 * are never read here; the SDK's providers resolve them (see credentials.ts).
 */

/** One section of an INI file; nested keys (`sts =\n  endpoint_url = …`) are flattened to `sts.endpoint_url`. */
export type IniSection = Record<string, string>;

/** Sections by their header text, e.g. `profile dev`, `default`, `services local`. */
export type IniFile = Record<string, IniSection>;

export interface SharedConfig {
  /** `~/.aws/config`, sections keyed as written (`profile x`, `default`, `services y`, `sso-session z`). */
  config: IniFile;
  /** `~/.aws/credentials`, sections keyed by profile name. */
  credentials: IniFile;
}

/**
 * Parses the AWS flavour of INI: `#`/`;` comments, `[section]`, `key = value`, indented sub-keys. Sections and
 * their keys live in prototype-free objects, so `[__proto__]` or `constructor = …` is just a name, never a way
 * to reach (and pollute) `Object.prototype`.
 */
export function parseIni(text: string): IniFile {
  const file: IniFile = Object.create(null) as IniFile;
  let section: IniSection | undefined;
  let parentKey: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/\s[#;].*$/, '');
    if (!line.trim() || /^\s*[#;]/.test(line)) continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      section = file[header[1].trim().replace(/\s+/g, ' ')] ??= Object.create(null) as IniSection;
      parentKey = undefined;
      continue;
    }
    const pair = /^(\s*)([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (!section || !pair) continue;
    const [, indent, key, value] = pair;
    if (indent && parentKey) {
      section[`${parentKey}.${key.toLowerCase()}`] = value.trim();
    } else {
      section[key.toLowerCase()] = value.trim();
      parentKey = value.trim() === '' ? key.toLowerCase() : undefined;
    }
  }
  return file;
}

function configFilePath(env: NodeJS.ProcessEnv): string {
  return env.AWS_CONFIG_FILE ?? path.join(os.homedir(), '.aws', 'config');
}

function credentialsFilePath(env: NodeJS.ProcessEnv): string {
  return env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(os.homedir(), '.aws', 'credentials');
}

async function readIniIfPresent(file: string): Promise<IniFile> {
  try {
    return parseIni(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

/** Reads both shared files (honouring `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`); missing files are empty. */
export async function loadSharedConfig(env: NodeJS.ProcessEnv = process.env): Promise<SharedConfig> {
  const [config, credentials] = await Promise.all([
    readIniIfPresent(configFilePath(env)),
    readIniIfPresent(credentialsFilePath(env)),
  ]);
  return { config, credentials };
}

/** The config-file section of a profile: `[default]` for `default`, else `[profile name]`. */
export function profileSection(shared: SharedConfig, profile: string): IniSection | undefined {
  return profile === 'default'
    ? (shared.config['default'] ?? shared.config['profile default'])
    : shared.config[`profile ${profile}`];
}

/** How a profile gets its credentials, for the picker's description. */
export type ProfileKind = 'sso' | 'credential-process' | 'assume-role' | 'static' | 'other';

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  region?: string;
  /** True when a role chain in this profile asks for an MFA code (the caller must supply a callback). */
  needsMfa: boolean;
}

function profileKind(config: IniSection | undefined, credentials: IniSection | undefined): ProfileKind {
  const merged = { ...credentials, ...config };
  if (merged['sso_session'] || merged['sso_start_url']) return 'sso';
  if (merged['credential_process']) return 'credential-process';
  if (merged['role_arn']) return 'assume-role';
  if (merged['aws_access_key_id']) return 'static';
  return 'other';
}

/** Every profile named in either shared file, sorted, with how it authenticates. */
export function listProfiles(shared: SharedConfig): ProfileInfo[] {
  const names = new Set<string>(Object.keys(shared.credentials));
  for (const header of Object.keys(shared.config)) {
    if (header === 'default') names.add('default');
    else if (header.startsWith('profile ')) names.add(header.slice('profile '.length));
  }
  return [...names].sort().map((name) => {
    const config = profileSection(shared, name);
    return {
      name,
      kind: profileKind(config, shared.credentials[name]),
      region: config?.['region'],
      needsMfa: Boolean(config?.['mfa_serial']),
    };
  });
}

/** The services RootGuard talks to, by the SDK's `serviceId` key used in endpoint configuration. */
export type ServiceKey = 'sts' | 'iam' | 'organizations' | 's3' | 'sqs' | 'sso_admin' | 'cloudtrail' | 'account';

/**
 * The endpoint URL the SDK itself would pick from the environment and the profile, in its own precedence:
 * `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's `services` section, the profile's
 * `endpoint_url`; nothing when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
 * `ignore_configured_endpoint_urls`) is true. RootGuard resolves this itself so it can pass the endpoint
 * explicitly, which is what makes S3 path style and SQS queue URLs behave (see clients.ts).
 */
export function configuredEndpoint(
  service: ServiceKey,
  shared: SharedConfig,
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const section = profileSection(shared, profile);
  const ignored = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? section?.['ignore_configured_endpoint_urls'];
  if (ignored?.toLowerCase() === 'true') return undefined;
  const fromEnv = env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ?? env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  const servicesName = section?.['services'];
  if (servicesName) {
    const services = shared.config[`services ${servicesName}`];
    if (!services) throw new Error(`The services section "${servicesName}" named by profile "${profile}" is missing`);
    const perService = services[`${service}.endpoint_url`];
    if (perService) return perService;
  }
  return section?.['endpoint_url'];
}
