import assert from 'node:assert/strict';
import { type Alias, parseDocument, visit } from 'yaml';
import { aliasTargetsOf } from '../../../../../src/core/lint/iac/yamlAliases';

/** Every alias of the text with what the `yaml` package's own (document-walking) resolution gives it, and ours. */
function resolutions(text: string): Array<{ alias: string; theirs: unknown; ours: unknown }> {
  const document = parseDocument(text, { uniqueKeys: false });
  const ours = aliasTargetsOf(document);
  const aliases: Alias[] = [];
  visit(document, { Alias: (_key, node) => void aliases.push(node) });
  return aliases.map((alias) => ({ alias: `*${alias.source}@${alias.range?.[0]}`, theirs: alias.resolve(document), ours: ours.get(alias) }));
}

describe('YAML aliases resolved in one walk of the document', () => {
  const cases: Array<[string, string]> = [
    ['an anchor used twice', 'a: &x [1, 2]\nb: *x\nc: *x\n'],
    ['an anchor defined again: each alias takes the last one before it', 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n'],
    ['an alias before its anchor resolves to nothing', 'a: *x\nb: &x 1\n'],
    ['an anchored collection counts before what it holds (an alias to itself within it)', 'a: &x [1, *x]\n'],
    ['anchors inside anchors, and aliases of aliases', 'a: &outer {b: &inner [1], c: *inner}\nd: *outer\ne: [*inner, *outer]\n'],
    ['aliases and anchors in keys', '? &k key\n: 1\n*k : 2\nz: *k\n'],
    ['an anchor redefined inside a collection after an alias within it', 'a: &x [1]\nb: [*x, &x 2, *x]\nc: *x\n'],
    ['aliases of aliases ten deep', Array.from({ length: 10 }, (_, i) => (i === 0 ? 'a0: &a0 [x]' : `a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`)).join('\n')],
  ];
  for (const [name, text] of cases) {
    it(`gives each alias what the yaml package gives it: ${name}`, () => {
      const found = resolutions(text);
      assert.ok(found.length > 0);
      for (const { alias, theirs, ours } of found) assert.equal(ours, theirs, alias);
    });
  }
});
