/**
 * The editor's IAM reference: per action its access level, description and resource types, per service its
 * name and ARN templates, per service condition key what it means. Generated at build time
 * (scripts/generateIamAssist.cjs) and loaded on the first completion or hover, never by the linter.
 */
import { actionPosition, documentedServiceKeysAt, serviceActions } from '../lint/actions';

interface AssistFile {
  levels: string[];
  services: Record<string, { name: string; actions: [level: number, description: string, resourceTypes: number[]][]; resourceTypes: [name: string, arn: string][] }>;
  keys: Record<string, string>;
}

let loaded: { file: AssistFile; keys: Map<string, { key: string; description: string }> } | undefined;

function data(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  // Required lazily (a lazily evaluated module in the bundle): 1.8 MB that only completion and hover need.
  const file = require('../lint/data/iamAssist.json') as AssistFile;
  const keys = new Map(Object.entries(file.keys).map(([key, description]) => [key.toLowerCase(), { key, description }]));
  loaded = { file, keys };
  return loaded;
}

export interface ResourceType {
  name: string;
  /** The ARN template, e.g. `arn:${Partition}:iam::${Account}:root`. */
  arn: string;
  required: boolean;
}

export interface ActionReference {
  /** `service:Action` in documented spelling. */
  action: string;
  accessLevel: string;
  /** "Grants permission to ..." as the Service Authorization Reference words it. */
  description: string;
  /** The same without "Grants permission to", for one line of a completion list. */
  summary: string;
  resourceTypes: ResourceType[];
  /** Service condition keys (documented spelling); the global `aws:` keys apply besides. */
  conditionKeys: readonly string[];
  service: ServiceReference;
}

export interface ServiceReference {
  prefix: string;
  name: string;
  /** The service's page of the Service Authorization Reference. */
  url: string;
}

const GRANTS = 'Grants permission to ';

/** The reference of one action (`sts:AssumeRoot`, any case), or undefined when IAM has no such action. */
export function actionReference(action: string): ActionReference | undefined {
  const at = actionPosition(action);
  return at && referenceAt(at.prefix, at.name, at.position);
}

/** The reference of the action at `position` of its service's documented list. */
function referenceAt(prefix: string, name: string, position: number): ActionReference | undefined {
  const service = data().file.services[prefix];
  const entry = service?.actions[position];
  if (!service || !entry) return undefined;
  const [level, text, types] = entry;
  const action = `${prefix}:${name}`;
  // The generator keeps "Grants permission to" descriptions without it, in lower case; others whole.
  const shortened = /^[a-z]/.test(text);
  return {
    action,
    accessLevel: data().file.levels[level] ?? '',
    description: shortened ? GRANTS + text : text,
    summary: shortened ? text.charAt(0).toUpperCase() + text.slice(1) : text,
    resourceTypes: types.map((t) => {
      const [name, arn] = service.resourceTypes[t < 0 ? -1 - t : t];
      return { name, arn, required: t < 0 };
    }),
    conditionKeys: documentedServiceKeysAt(prefix, position),
    service: serviceReference(prefix)!,
  };
}

/** The references of every action of a service, in documented order. */
export function serviceActionReferences(prefix: string): ActionReference[] {
  const lower = prefix.toLowerCase();
  return serviceActions(lower).flatMap((name, position) => referenceAt(lower, name, position) ?? []);
}

/** The access level of every action of a service, in documented order: all a wildcard's hover needs of 22,000 actions. */
export function serviceAccessLevels(prefix: string): string[] {
  const { file } = data();
  return file.services[prefix.toLowerCase()]?.actions.map(([level]) => file.levels[level] ?? '') ?? [];
}

/** A service's name and reference page, or undefined for an unknown prefix. */
export function serviceReference(prefix: string): ServiceReference | undefined {
  const lower = prefix.toLowerCase();
  const service = data().file.services[lower];
  if (!service) return undefined;
  // The reference names each service's page after its name: "AWS Security Token Service" is list_awssecuritytokenservice.html.
  const page = service.name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return { prefix: lower, name: service.name, url: `https://docs.aws.amazon.com/service-authorization/latest/reference/list_${page}.html` };
}

/** What a service condition key means, in the reference's words, with its documented spelling. */
export function serviceKeyReference(key: string): { key: string; description: string } | undefined {
  const { keys } = data();
  const lower = key.toLowerCase();
  const exact = keys.get(lower);
  if (exact) return exact;
  // A tag key (`s3:ExistingObjectTag/team`) is documented as its template (`s3:ExistingObjectTag/<key>`).
  const slash = lower.indexOf('/');
  if (slash < 0) return undefined;
  for (const [documented, reference] of keys) if (documented.startsWith(lower.slice(0, slash + 1)) && documented.length > slash + 1) return reference;
  return undefined;
}
