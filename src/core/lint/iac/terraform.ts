/**
 * The policies of a Terraform file: in the resources that hold them (`aws_organizations_policy` with its
 * `type`, `aws_iam_*policy`, `aws_iam_role`'s trust and inline policies, permission set inline policies,
 * bucket and queue policies), written as `jsonencode({...})`, a heredoc or quoted JSON, `file("...")` or
 * `templatefile("...", {...})` of a file beside it (templateFile.ts), or a reference to a local
 * `data "aws_iam_policy_document"` (linted where its statements are written), or a `local.` value holding
 * any of these (linted where the local is written), or one of these passed to a module of the repository
 * that gives it to such a resource (terraformModuleCalls.ts, linted in the calling file). Anything else (a
 * variable, a module output) is reported as not checked, with the reason.
 */
import { SIZE_LIMITS } from '../documents';
import { describeSides } from '../templateSides';
import type { AttachedPolicy, OffsetRange, ParseProblem, PolicyDocument } from '../model';
import { takenSide } from './hclConditions';
import { type HclNode, type HclParser, MAX_TREE_DEPTH } from './hclParser';
import { describeExpression, firstDirective, forEachScopes, functionCall, hclValue, isMinifiedReference, isTemplateString, localDocumentName, NO_SCOPE, rangeOf, type Scope, soleInterpolation, templateText, traversal, unwrap } from './hclValues';
import { loopNotRead, withLoopsNotRead } from './hclLoops';
import { hclWriter, verbatimEdit } from './hclWriter';
import { attachedArns, managedPolicyLookups } from './managedPolicyData';
import { localsFile, withModuleLocals } from './moduleLocals';
import { type ReadRelativeFile, readNamedPolicyFile } from './namedPolicyFile';
import { attributes, attributeValue, blockLabels, madeBlocks, topLevelBlocks } from './hclBlocks';
import { presentUnlessWrittenEmpty } from './dynamicBlocks';
import { linkedDocumentNames, namesPrincipals, readPolicyDocument } from './policyDocumentData';
import type { IacValue, MappedText } from './sourceTree';
import { type DocumentSite, mappedStringDocument } from './synthesized';
import type { ModuleContext, ModuleNames, NamedUse } from './terraformModule';
import { isLocalSource, namesPrincipalInText, notFollowedReason, organizationsPolicyType, policyVariables, type ReadModuleFolder, writtenAsPolicy } from './terraformModuleCalls';
import { readStackTemplate, STACK_RESOURCES } from './terraformStacks';
import { terraformFunctionUrlPolicies, terraformPermissionPolicy } from './terraformPermissions';
import { ATTACHMENT_ATTRIBUTES, policyAttributes } from './terraformPolicyAttributes';
import { type ConditionalPolicy, NO_SIDES, readConditionalPolicies, readSides, type Sides, sidesWhereMade, withSides } from './terraformSides';

export interface ReadTerraform {
  documents: PolicyDocument[];
  parseErrors: ParseProblem[];
  unchecked: ParseProblem[];
  /** What the file gives the other files of its module: its policy documents and locals, by name. */
  defines: ModuleNames;
  /** Its uses of policy documents and locals it does not define, which another file of the module may. */
  externalUses: NamedUse[];
  /** The policies of its resources that another file of its module defines, and is linted with. */
  linkedElsewhere: LinkedPolicy[];
  /** The documents its documents merge (`source_policy_documents`, `override_policy_documents`), by name. */
  merges: string[];
  /** The locals its policies name in part (`Action = local.root_actions`), by name: read where they are named. */
  localsInPolicies: string[];
  /** The managed policies its resources attach by ARN. */
  attachedPolicies?: AttachedPolicy[];
}

/** A resource's policy defined in another file of its module. */
export interface LinkedPolicy {
  site: DocumentSite;
  /** `data.aws_iam_policy_document.NAME` or `local.NAME`. */
  name: string;
  path: string;
}

/**
 * Reads a file's policies. With `module`, the file is one of a module's: a policy document or local another
 * of its files defines is linted there, and this file's own are linted as the other files use them.
 */
export function readTerraform(text: string, parser: HclParser, readRelative?: ReadRelativeFile, module?: ModuleContext, readModule?: ReadModuleFolder): ReadTerraform {
  const called: CalledModules | undefined = readModule && { read: readModule, parser };
  return parser.parse(text, (root) => {
    if (module?.foreignLocals.size) withModuleLocals(root, parser.parse(localsFile(module.foreignLocals), (locals) => locals));
    return read(text, root, readRelative, module, false, called);
  });
}

/** How a file reads the folders of the modules it calls (terraformModuleCalls.ts). */
interface CalledModules {
  read: ReadModuleFolder;
  parser: HclParser;
}

/** What a file defines and uses of its module's names, read without building its documents. */
export function readTerraformNames(text: string, parser: HclParser, readModule?: ReadModuleFolder): Pick<ReadTerraform, 'defines' | 'externalUses' | 'merges' | 'localsInPolicies'> {
  const called: CalledModules | undefined = readModule && { read: readModule, parser };
  return parser.parse(text, (root) => read(text, root, undefined, undefined, true, called));
}

/** Why the type of a policy given as an output's value is not known: whoever reads the output attaches it. */
const OUTPUT_UNTYPED = 'an output does not say what type of policy its value is';

/** Why the type of a policy document nothing uses is not known. */
const UNUSED_UNTYPED = 'no resource, output or module argument the linter reads uses it, so its policy type is not known';

/** A module block's arguments that are Terraform's own, not the module's variables. */
const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

const NOTHING_DEFINED: ModuleNames = { documents: new Set(), locals: new Set(), localTexts: new Map(), managedPolicies: new Map() };

function read(text: string, root: HclNode, readRelative: ReadRelativeFile | undefined, module: ModuleContext | undefined, namesOnly: boolean, called?: CalledModules): ReadTerraform {
  const none = { documents: [], unchecked: [], defines: NOTHING_DEFINED, externalUses: [], linkedElsewhere: [], merges: [], localsInPolicies: [] };
  if (root.hasError) return { ...none, parseErrors: [firstError(root)] };
  if (root.tooDeep) {
    const { startIndex, endIndex } = root.tooDeep;
    return { ...none, parseErrors: [{ message: `nesting deeper than the linter reads (${MAX_TREE_DEPTH} levels of HCL syntax)`, range: { start: startIndex, end: Math.max(endIndex, startIndex + 1) } }] };
  }
  const blocks = topLevelBlocks(root);
  const policyDocuments = new Map<string, HclNode>();
  const locals = new Map<string, HclNode>();
  for (const block of blocks) {
    const [type, name] = blockLabels(block);
    if (block.namedChildren[0]?.text === 'data' && type === 'aws_iam_policy_document' && name) policyDocuments.set(name, block);
    if (block.namedChildren[0]?.text === 'locals') for (const [local, attribute] of attributes(block)) locals.set(local, attributeValue(attribute));
  }
  // The managed policies the module's `data "aws_iam_policy"` blocks find; this file's own go first.
  const ownManagedPolicies = managedPolicyLookups(blocks);
  const managedPolicies = new Map([...(module?.foreignManagedPolicies ?? []), ...ownManagedPolicies]);
  const writer = hclWriter(text);
  const localsInPolicies: string[] = [];
  const documents: (PolicyDocument | ConditionalPolicy)[] = [];
  const unchecked: ParseProblem[] = [];
  const attachedPolicies: AttachedPolicy[] = [];
  const externalUses: NamedUse[] = [];
  const linkedElsewhere: LinkedPolicy[] = [];
  // A name this file does not define: the use is recorded (the module's other files read it, see
  // terraformModule.ts), and true when one of them defines the name, which is then linted there.
  const definedElsewhere = (kind: NamedUse['kind'], name: string, site: DocumentSite, sides: Sides): boolean => {
    externalUses.push({ kind, name, site, sides });
    const path = module?.definedIn.get(`${kind}:${name}`);
    if (path !== undefined) linkedElsewhere.push({ site, name: kind === 'document' ? `data.aws_iam_policy_document.${name}` : `local.${name}`, path });
    return path !== undefined;
  };
  // Each document once per type and sides: one several resources use is linted where it is written.
  const linted = new Set<string>();
  const usedBlocks = new Set<HclNode>();
  // True when the document is checked (else RG010 says why not).
  const lintPolicyDocument = (block: HclNode, site: DocumentSite, sides: Sides): boolean => {
    if (namesOnly) return false;
    const key = `${block.startIndex}\u0000${site.type}\u0000${sides.key}`;
    if (linted.has(key)) return true;
    linted.add(key);
    usedBlocks.add(block);
    const notRead: ParseProblem[] = [];
    const { result: document, loopsNotRead } = withLoopsNotRead(() => readPolicyDocument(block, (n) => policyDocuments.get(n), notRead));
    notRead.push(...loopsNotRead.map((loop) => loopNotRead(loop, block)));
    // A document read without some of its statements is not checked: what is left could read as wider or
    // narrower than what the deployment sends.
    if (notRead.length) notChecked(site, notRead);
    else pushReadings(document, site, sides);
    return notRead.length === 0;
  };
  const notChecked = (site: DocumentSite, notRead: readonly ParseProblem[]) =>
    void unchecked.push(...notRead.map((problem) => ({ ...problem, message: `${site.origin} is not checked: ${problem.message}.` })));
  // A policy with conditionals (`var.strict ? a : b`) is read once all are found, in its place among the
  // documents: the file's bound on their readings is one for them all (terraformSides.ts).
  const pushReadings = (value: IacValue, site: DocumentSite, sides: Sides) => void documents.push({ value, site, sides });
  const push = (document: PolicyDocument, sides: Sides) => void documents.push(withSides(document, sides));

  // Locals being followed, so that `local.a = local.b`, `local.b = local.a` ends; and those already linted
  // as a type, so that a local several resources use is linted once per type, where it is written.
  const followedLocals = new Set<string>();
  const lintedLocals = new Set<string>();
  // `scope`: the string `each.value` holds in one instance of a resource made with for_each.
  const readSlot = (expression: HclNode, site: DocumentSite, sides: Sides = NO_SIDES, scope: Scope = NO_SCOPE): void => {
    const node = unwrap(expression);
    if (node.type === 'conditional') {
      const decided = takenSide(node, scope);
      return decided ? readSlot(decided, site, sides, scope) : readSides(node, (side, taken) => readSlot(side, site, taken, scope), sides);
    }
    const interpolated = soleInterpolation(node);
    if (interpolated) return readSlot(interpolated, site, sides, scope);
    const path = traversal(node.type === 'expression' ? node : expression);
    const localName = path?.length === 2 && path[0] === 'local' ? path[1] : undefined;
    // A local being followed (`local.a = local.b`, `local.b = local.a`) is not followed again.
    if (localName !== undefined && locals.has(localName) && !followedLocals.has(localName)) return readLocal(localName, site, sides);
    if (localName !== undefined && definedElsewhere('local', localName, site, sides)) return;
    const reference = node.type === 'expression' ? node : expression;
    const documentName = localDocumentName(reference);
    // The provider renders `.json` indented by two spaces, `.minified_json` without blanks: an SCP's size counts them.
    const rendered = documentName === undefined ? site : { ...site, rendering: isMinifiedReference(reference) ? ('compact' as const) : ('indented' as const) };
    if (documentName !== undefined && policyDocuments.has(documentName)) return readDocument(documentName, rendered, sides);
    if (documentName !== undefined && definedElsewhere('document', documentName, rendered, sides)) return;
    // Past here a policy is written in place (or not read): it names nothing of the module as a whole, but
    // may name its locals in part.
    if (namesOnly) return void localsInPolicies.push(...localsNamedIn(node));
    const call = functionCall(node);
    if (call?.name === 'jsonencode' && call.args.length === 1) {
      const { result: value, loopsNotRead } = withLoopsNotRead(() => hclValue(call.args[0], scope));
      if (loopsNotRead.length) return notChecked(site, loopsNotRead.map((loop) => loopNotRead(loop, node)));
      if (value.kind === 'map') return pushReadings(value, site, sides);
      // jsonencode(jsondecode(x)) sends x again without its blanks: a common way to minify a policy file.
      const inner = functionCall(unwrap(call.args[0]));
      if (inner?.name === 'jsondecode' && inner.args.length === 1) return readSlot(inner.args[0], site, sides, scope);
    }
    // A templatefile()'s variables are read as jsonencode's argument is: a `[for ...]` past the bounds on
    // iterations, read once, would render a statement per task as one for any task.
    const { result: named, loopsNotRead } = withLoopsNotRead(() => (call && readRelative ? readNamedPolicyFile(node, readRelative) : undefined));
    if (loopsNotRead.length) return notChecked(site, loopsNotRead.map((loop) => loopNotRead(loop, node)));
    if (named && 'notChecked' in named) {
      unchecked.push({ message: `${site.origin} is not checked: ${named.notChecked}.`, range: rangeOf(node) });
      return;
    }
    if (named) {
      // Findings of a policy read from another file are placed on the call that names it.
      const callRange = rangeOf(node);
      const mapped: MappedText = { text: named.text, offsets: new Int32Array(named.text.length + 1).fill(callRange.start) };
      mapped.offsets[named.text.length] = callRange.end;
      return push(mappedStringDocument(mapped, { ...site, origin: `${site.origin} (${named.relative})` }), sides);
    }
    const directive = isTemplateString(node) ? firstDirective(node) : undefined;
    if (directive) {
      const when = sides.branches.length ? ` when ${describeSides(sides.branches)}` : '';
      // Its opening (`%{ for b in var.buckets }`), not the text it encloses.
      const opening = directive.text.slice(0, directive.text.indexOf('}') + 1 || undefined).split('\n')[0].trim();
      unchecked.push({ message: `${site.origin} is not checked${when}: its text uses template directives (${opening}), which keep, drop or repeat text by values the linter does not evaluate.`, range: rangeOf(directive) });
      return;
    }
    if (isTemplateString(node)) {
      const mapped = templateText(node, scope);
      return push(mappedStringDocument(mapped, site, (edit, m) => verbatimEdit(text, node, edit, m)), sides);
    }
    const when = sides.branches.length ? ` when ${describeSides(sides.branches)}` : '';
    unchecked.push({ message: `${site.origin} is not checked${when}: the policy is given by ${describeExpression(node)}, which the linter cannot evaluate.`, range: rangeOf(node) });
  };

  const readLocal = (name: string, site: DocumentSite, sides: Sides): void => {
    const key = `${name}\u0000${site.type}\u0000${sides.key}`;
    if (lintedLocals.has(key)) return;
    lintedLocals.add(key);
    followedLocals.add(name);
    try {
      readSlot(locals.get(name)!, { ...site, origin: `local.${name} (${site.origin})` }, sides);
    } finally {
      followedLocals.delete(name);
    }
  };
  const readDocument = (name: string, site: DocumentSite, sides: Sides): void =>
    void lintPolicyDocument(policyDocuments.get(name)!, { ...site, origin: `data.aws_iam_policy_document.${name} (${site.origin})` }, sides);

  const readResource = (block: HclNode, type: string, address: string, scope: Scope): void => {
    const attrs = attributes(block);
    if (type === 'aws_organizations_policy') {
      // SERVICE_CONTROL_POLICY when `type` is not written: the provider's default.
      const typeAttribute = attrs.get('type');
      const policyType = typeAttribute ? organizationsPolicyType(attributeValue(typeAttribute)) : 'scp';
      const content = attrs.get('content');
      if (content && policyType) readSlot(attributeValue(content), { type: policyType, origin: `${address}.content`, sizeLimit: SIZE_LIMITS[policyType] }, NO_SIDES, scope);
      else if (content && policyType === undefined) {
        const typeNode = attributeValue(attrs.get('type')!);
        unchecked.push({ message: `${address}.content is not checked: its policy type is given by ${describeExpression(typeNode)}.`, range: rangeOf(typeNode) });
      }
      return;
    }
    const templateBody = STACK_RESOURCES.has(type) && !namesOnly ? attrs.get('template_body') : undefined;
    if (templateBody) documents.push(...readStackTemplate(attributeValue(templateBody), `${address}.template_body`, writer, unchecked, attachedPolicies));
    const attachment = namesOnly ? undefined : attrs.get(ATTACHMENT_ATTRIBUTES[type] ?? '');
    if (attachment) attachedPolicies.push(...attachedArns(attributeValue(attachment), managedPolicies, scope, address));
    // A Lambda permission writes no policy: the statement Lambda builds of its attributes.
    const permission = namesOnly ? undefined : terraformPermissionPolicy(block, type, scope);
    if (permission) pushReadings(permission, { type: 'resource', origin: address }, NO_SIDES);
    const url = namesOnly ? undefined : terraformFunctionUrlPolicies(block, type, scope);
    for (const { action, policy } of url?.policies ?? []) {
      pushReadings(policy, { type: 'resource', origin: `${address} (the ${action} permission the provider adds)` }, NO_SIDES);
    }
    if (url?.unknownAuthType) {
      const { expression, range } = url.unknownAuthType;
      unchecked.push({ message: `${address} is not checked for public access: its authorization_type is given by ${expression}, which the linter cannot evaluate. Where it is "NONE", the provider lets anyone call the function URL, without AWS credentials.`, range });
    }
    for (const slot of policyAttributes(type)) {
      const attribute = attrs.get(slot.attribute);
      if (attribute) readSlot(attributeValue(attribute), { type: slot.type, origin: `${address}.${slot.attribute}`, sizeLimit: slot.sizeLimit }, NO_SIDES, scope);
    }
    if (type === 'aws_iam_role') {
      // A `dynamic "inline_policy"` over `[]` makes none, over `var.on ? [1] : []` one on the true side only.
      madeBlocks(block, ['inline_policy'], presentUnlessWrittenEmpty).forEach(({ content, presence }, i) => {
        const policy = attributes(content).get('policy');
        for (const sides of policy ? sidesWhereMade(presence) : []) readSlot(attributeValue(policy!), { type: 'identity', origin: `${address}.inline_policy[${i}].policy` }, sides, scope);
      });
    }
  };
  // The documents of this file passed where nothing says their type (a module's argument the linter does
  // not follow, an output), and why.
  const passedUntyped: { name: string; origin: string; why: string; range: OffsetRange }[] = [];
  // A policy passed to a module: linted here, where it is written, as the module's resource that takes it
  // is typed (terraformModuleCalls.ts).
  const readModuleCall = (block: HclNode, name: string): void => {
    const attrs = attributes(block);
    const sourceAttribute = attrs.get('source');
    const sourceValue = sourceAttribute && hclValue(attributeValue(sourceAttribute));
    const source = sourceValue?.kind === 'scalar' && typeof sourceValue.value === 'string' ? sourceValue.value : undefined;
    const args = new Map([...attrs].filter(([argument]) => !MODULE_META_ARGUMENTS.has(argument)).map(([argument, attribute]) => [argument, attributeValue(attribute)]));
    const local = source !== undefined && isLocalSource(source);
    const files = local && called ? called.read(source) : undefined;
    const uses = files && !('unreadable' in files) ? policyVariables(files, called!.parser, policyAttributes, args) : [];
    const followed = new Set<string>();
    for (const use of uses) {
      const expression = args.get(use.variable);
      if (!expression) continue;
      followed.add(use.variable);
      const origin = `module.${name}.${use.variable} (${use.slot} in ${source})`;
      if (typeof use.type === 'object' && use.type) unchecked.push({ message: `${origin} is not checked: its policy type is given by ${use.type.unknown}.`, range: rangeOf(expression) });
      else if (use.type) readSlot(expression, { type: use.type, origin, sizeLimit: use.sizeLimit }, NO_SIDES, NO_SCOPE);
    }
    // A policy passed to an argument the linter does not follow into the module: written in place, nothing
    // else would check it; a document of this file is linted alone, and says its type is a guess.
    for (const [argument, expression] of args) {
      if (followed.has(argument)) continue;
      const why = () => notFollowedReason(sourceAttribute && attributeValue(sourceAttribute), source, files);
      const documentName = localDocumentName(expression);
      if (documentName !== undefined && policyDocuments.has(documentName)) passedUntyped.push({ name: documentName, origin: `module.${name}.${argument}`, why: why(), range: rangeOf(expression) });
      else if (writtenAsPolicy(expression)) unchecked.push({ message: `module.${name}.${argument} is not checked: ${why()}.`, range: rangeOf(expression) });
    }
  };
  // A policy written in place as an output's value is linted as a document an output names is (below); as
  // one passed to a module not followed, RG010 says it is checked as an identity policy only.
  const readOutput = (block: HclNode, name: string): void => {
    const value = attributes(block).get('value');
    const expression = value && attributeValue(value);
    if (!expression) return;
    const origin = `output.${name}`;
    const documentName = localDocumentName(expression);
    if (documentName !== undefined && policyDocuments.has(documentName)) passedUntyped.push({ name: documentName, origin, why: OUTPUT_UNTYPED, range: rangeOf(expression) });
    else if (writtenAsPolicy(expression) && namesPrincipalInText(expression)) readSlot(expression, { type: 'resource', origin });
    else if (writtenAsPolicy(expression)) {
      readSlot(expression, { type: 'identity', origin, typeAssumed: true });
      unchecked.push({ message: `${origin} is only partly checked: ${OUTPUT_UNTYPED}; it is checked as an identity policy, not as an SCP.`, range: rangeOf(expression) });
    }
  };
  for (const block of blocks) {
    const [type, name] = blockLabels(block);
    // Read for names too: a document another file writes and a module call here passes is used as the module types it.
    if (block.namedChildren[0]?.text === 'module' && type) readModuleCall(block, type);
    if (block.namedChildren[0]?.text === 'output' && type) readOutput(block, type);
    if (block.namedChildren[0]?.text !== 'resource' || !type || !name) continue;
    // A resource made for each string of a set written in place is read once per instance, as Terraform
    // makes them (`aws_iam_policy.p["a"]`), `each.value` holding its string; otherwise once, `each` unknown.
    const forEach = attributes(block).get('for_each');
    const instances = forEach && forEachScopes(attributeValue(forEach), 'each', block);
    // Past the bounds on iterations, not read at all: read once, `each.value` unknown, a policy per task
    // would read as one for any task.
    if (instances && 'notRead' in instances) unchecked.push({ message: `${type}.${name} is not checked: ${instances.notRead}.`, range: rangeOf(attributeValue(forEach!)) });
    else if (!instances?.every((scope) => scope.has('each.key'))) readResource(block, type, `${type}.${name}`, NO_SCOPE);
    else for (const scope of instances) readResource(block, type, `${type}.${name}[${JSON.stringify(scope.get('each.key')!.value)}]`, scope);
  }
  // The module's other files use this one's documents and locals as their resources' policies.
  for (const use of module?.incoming ?? []) {
    if (use.kind === 'document' && policyDocuments.has(use.name)) readDocument(use.name, use.site, use.sides);
    if (use.kind === 'local' && locals.has(use.name)) readLocal(use.name, use.site, use.sides);
  }
  // A policy document no listed resource uses (a module output, or an argument of a module that attaches
  // it) is still linted: as a resource policy when a statement names principals (an identity policy never
  // does; a role's trust policy passed to a role module does), else as an identity policy. One that only
  // feeds another's source_ or override_policy_documents is checked as part of that one, never alone: a
  // base of broad grants narrowed where it is merged is no finding. One another file of the module merges
  // is not either; that file reports the merged part as not checked.
  const merges = [...policyDocuments.values()].flatMap(linkedDocumentNames);
  if (namesOnly) for (const block of policyDocuments.values()) localsInPolicies.push(...localsNamedIn(block));
  const merged = new Set(namesOnly ? [] : [...merges, ...(module?.mergedElsewhere ?? [])]);
  for (const [name, block] of policyDocuments) {
    if (usedBlocks.has(block) || merged.has(name)) continue;
    const resource = namesPrincipals(block);
    const origin = `data.aws_iam_policy_document.${name}`;
    const checked = lintPolicyDocument(block, resource ? { type: 'resource', origin } : { type: 'identity', origin, typeAssumed: true }, NO_SIDES);
    // Without principals it may as well be an SCP or an RCP's other part, which the identity rules do not
    // weigh. One nothing uses is said at its name; one not checked at all, only as such.
    const passed = passedUntyped.filter((p) => p.name === name).map((p) => ({ ...p, origin: `${p.origin} (${origin})` }));
    const guesses = passed.length ? passed : [{ origin, why: UNUSED_UNTYPED, range: rangeOf(block.namedChildren[2] ?? block) }];
    for (const guess of resource || !checked ? [] : guesses) {
      unchecked.push({ message: `${guess.origin} is only partly checked: ${guess.why}; it is checked as an identity policy, not as an SCP.`, range: guess.range });
    }
  }
  const defines = { documents: new Set(policyDocuments.keys()), locals: new Set(locals.keys()), localTexts: new Map([...locals].map(([name, value]) => [name, value.text])), managedPolicies: ownManagedPolicies };
  const read = readConditionalPolicies(documents, writer, unchecked);
  return { documents: read, parseErrors: [], unchecked, defines, externalUses, linkedElsewhere, merges, localsInPolicies: [...new Set(localsInPolicies)], attachedPolicies };
}

/** The names of the locals an expression or block names (`local.root_actions`, `"${local.account}"`). */
function localsNamedIn(node: HclNode): string[] {
  const names: string[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const path = current.type === 'expression' ? traversal(current, true) : undefined;
    if (path?.[0] === 'local' && path.length >= 2) names.push(path[1]);
    else stack.push(...current.namedChildren);
  }
  return names;
}

function firstError(root: HclNode): ParseProblem {
  const stack: HclNode[] = [root];
  while (stack.length > 0) {
    const node = stack.shift()!;
    if (node.isError || node.isMissing) {
      return { message: node.isMissing ? `missing ${node.type}` : 'unexpected text', range: { start: node.startIndex, end: Math.max(node.endIndex, node.startIndex + 1) } };
    }
    for (const child of node.children) if (child?.hasError || child?.isMissing) stack.push(child);
  }
  return { message: 'the file does not parse as HCL', range: { start: 0, end: 0 } };
}
