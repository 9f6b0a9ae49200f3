import assert from 'node:assert/strict';
import type { FileType } from '../../../../src/core/lint/model';
import { DEFAULT_LINT_INCLUDE, type DocumentFacts, type SelectionOptions, editorSyntax, matchesAny, refusedGlobs, selectFileType } from '../../../../src/extension/lint/selection';

const defaults: SelectionOptions = { enable: true, include: DEFAULT_LINT_INCLUDE, detectPolicies: true };
const policyText = '{ "Statement": [] }';
const facts = (path: string, extra: Partial<DocumentFacts> = {}): DocumentFacts => ({
  languageId: 'json',
  scheme: 'file',
  path,
  text: '{}',
  ...extra,
});
// Detection stands in for core's detectFileType: a policy when the text has a Statement.
const detect = (text: string): FileType | undefined => (text.includes('"Statement"') ? 'identity' : undefined);
const detectPermissionSet = (): FileType => 'permission-set';

describe('lint selection', () => {
  it('lints an included path even when its content is not recognised, as identity', () => {
    assert.equal(selectFileType(facts('policies/broken.json', { text: '{ "Stat' }), defaults, detect), 'identity');
    assert.equal(selectFileType(facts('iam/admin.policy.json'), defaults, detect), 'identity');
  });

  it('takes the detected type of an included path', () => {
    assert.equal(selectFileType(facts('permission-sets/admin.json'), defaults, detectPermissionSet), 'permission-set');
  });

  it('leaves other JSON to detection, and to nothing when detection is off', () => {
    assert.equal(selectFileType(facts('src/data.json', { text: policyText }), defaults, detect), 'auto');
    assert.equal(selectFileType(facts('src/data.json', { text: policyText }), { ...defaults, detectPolicies: false }, detect), undefined);
  });

  it('lints an organization policy document as the SCP or RCP its path names, whatever the globs', () => {
    const org = (path: string) => facts(path, { scheme: 'rootguard-org-policy', text: policyText });
    assert.equal(selectFileType(org('/o-abc/scp/DenyRoot (p-abcdefgh).json'), { ...defaults, include: [] }, detect), 'scp');
    assert.equal(selectFileType(org('/o-abc/rcp/ProtectS3 (p-abcdefgh) fixed.json'), defaults, detect), 'rcp');
    assert.equal(selectFileType(org('/o-abc/other/x.json'), defaults, detect), 'auto');
    assert.equal(selectFileType(org('/o-abc/scp/DenyRoot (p-abcdefgh).json'), { ...defaults, enable: false }, detect), undefined);
  });

  it('lets the configured type win over globs and detection', () => {
    const options = { ...defaults, configuredType: 'scp' as const };
    assert.equal(selectFileType(facts('scp/deny-root.json', { text: policyText }), options, detectPermissionSet), 'scp');
  });

  it('skips ignored files, languages that hold no policies, foreign schemes and a disabled linter', () => {
    assert.equal(selectFileType(facts('policies/a.json'), { ...defaults, ignored: true }, detect), undefined);
    assert.equal(selectFileType(facts('policies/a.md', { languageId: 'markdown' }), defaults, detect), undefined);
    assert.equal(selectFileType(facts('notes/a.txt', { languageId: 'plaintext' }), defaults, detect), undefined);
    assert.equal(selectFileType(facts('policies/a.json', { scheme: 'git' }), defaults, detect), undefined);
    assert.equal(selectFileType(facts('policies/a.json'), { ...defaults, enable: false }, detect), undefined);
  });

  it('accepts jsonc documents', () => {
    assert.equal(selectFileType(facts('policies/a.json', { languageId: 'jsonc' }), defaults, detect), 'identity');
  });

  it('leaves YAML and Terraform to the linter\'s detection, and to nothing when detection is off', () => {
    for (const [path, languageId] of [['stacks/scp.yaml', 'yaml'], ['main.tf', 'terraform'], ['main.tf', 'hcl'], ['main.tf', 'plaintext']]) {
      assert.equal(selectFileType(facts(path, { languageId }), defaults, detect), 'auto', `${languageId} ${path}`);
      assert.equal(selectFileType(facts(path, { languageId }), { ...defaults, detectPolicies: false }, detect), undefined, `${languageId} ${path}`);
    }
  });

  it('lints an included YAML file as a template and an included Terraform file as Terraform, whatever their content', () => {
    const include = ['stacks/**'];
    assert.equal(selectFileType(facts('stacks/broken.yaml', { languageId: 'yaml', text: 'Resources: [' }), { ...defaults, include }, detect), 'cloudformation');
    assert.equal(selectFileType(facts('stacks/main.tf', { languageId: 'plaintext' }), { ...defaults, include }, detect), 'terraform');
  });
});

describe('editor syntax', () => {
  it('reads JSON, YAML and the Terraform and HCL language ids', () => {
    assert.deepEqual(
      ['json', 'jsonc', 'yaml', 'terraform', 'hcl'].map((languageId) => editorSyntax(languageId, 'x')),
      ['json', 'json', 'yaml', 'hcl', 'hcl'],
    );
  });

  it('reads a plain-text document as Terraform only by a .tf name (VS Code without a Terraform extension)', () => {
    assert.equal(editorSyntax('plaintext', 'modules/org/main.tf'), 'hcl');
    assert.equal(editorSyntax('plaintext', 'MAIN.TF'), 'hcl');
    assert.equal(editorSyntax('plaintext', 'main.tf.bak'), undefined);
    assert.equal(editorSyntax('plaintext', 'notes.txt'), undefined);
    assert.equal(editorSyntax('python', 'main.tf'), undefined);
  });
});

describe('include globs', () => {
  const cases: Array<[string, boolean]> = [
    ['admin.policy.json', true],
    ['deep/dir/admin.policy.json', true],
    ['scp/deny-root.json', true],
    ['org/scps/prod/deny.json', true],
    ['policies/a.json', true],
    ['.github/policies/a.json', true],
    ['/home/me/outside/x.policy.json', true],
    ['package.json', false],
    ['src/policy.json', false],
    ['policies/readme.md', false],
  ];
  for (const [path, expected] of cases) {
    it(`${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(matchesAny(path, DEFAULT_LINT_INCLUDE), expected);
    });
  }

  it('matches Windows separators and nothing for an empty list', () => {
    assert.equal(matchesAny('policies\\a.json', DEFAULT_LINT_INCLUDE), true);
    assert.equal(matchesAny('policies/a.json', []), false);
  });

  it('skips a glob a workspace could stall the extension host with, and says why', () => {
    const include = ['**/@(a+|a)+!', '**/*.policy.json'];
    assert.equal(matchesAny('a'.repeat(24), include), false);
    assert.equal(matchesAny('x/y.policy.json', include), true);
    assert.deepEqual(refusedGlobs(include), ['"**/@(a+|a)+!": extended globs ("@(…)", "+(…)", "!(…)", "*(…)", "?(…)") are not supported']);
  });
});
