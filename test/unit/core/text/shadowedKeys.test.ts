import assert from 'node:assert/strict';
import { type Node, type ParseError, getNodeValue, parseTree } from 'jsonc-parser';
import { dropShadowedKeys, overridingProperty } from '../../../../src/core/text/shadowedKeys';

function tree(text: string): Node {
  const errors: ParseError[] = [];
  return parseTree(text, errors, { allowTrailingComma: true })!;
}

/** The keys `dropShadowedKeys` took out, with their offsets; the tree's value after it; its objects' keys. */
function dropped(text: string): { shadowed: string[]; value: unknown; keyLists: string[][] } {
  const root = tree(text);
  const shadowed = dropShadowedKeys(root).map((p) => `${p.children![0].value}@${p.offset}`);
  const keyLists: string[][] = [];
  const walk = (node: Node) => {
    if (node.type === 'object') keyLists.push(node.children!.map((p) => p.children![0].value as string));
    node.children?.forEach(walk);
  };
  walk(root);
  // Through JSON text: getNodeValue's objects have no prototype, which deepStrictEqual tells apart.
  return { shadowed, value: JSON.parse(JSON.stringify(getNodeValue(root))), keyLists };
}

describe('dropShadowedKeys: a key given twice counts once, the last, as JSON.parse reads it', () => {
  for (const [why, text] of [
    ['no key twice', '{"a": 1, "b": {"a": 2}}'],
    ['a key twice', '{"a": 1, "b": 2, "a": 3}'],
    ['a key three times', '{"a": 1, "a": 2, "a": 3}'],
    ['in objects nested in arrays', '[{"x": [{"k": 1, "k": 2}]}, {"k": 3}]'],
    ['in an object of more keys than are compared pairwise', `{${Array.from({ length: 40 }, (_, i) => `"k${i % 30}": ${i}`).join(', ')}}`],
  ] as const) {
    it(`leaves each key once, with the value JSON.parse gives: ${why}`, () => {
      const { value, keyLists } = dropped(text);
      assert.deepStrictEqual(value, JSON.parse(text));
      for (const keys of keyLists) assert.equal(new Set(keys).size, keys.length, `keys ${keys.join(', ')}`);
    });
  }

  it('returns what it took out in the order of the text, and each one finds the property that overrides it', () => {
    const root = tree('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}');
    const shadowed = dropShadowedKeys(root);
    assert.deepEqual(shadowed.map((p) => p.offset), [1, 15]);
    assert.deepEqual(shadowed.map((p) => overridingProperty(p)!.offset), [32, 23]);
  });

  it('leaves alone what a broken text left without a key, and trees without objects', () => {
    assert.deepEqual(dropped('{"a": 1, : 2, "a": 3,}').shadowed, ['a@1']);
    assert.deepEqual(dropShadowedKeys(tree('[1, 2]')), []);
    assert.deepEqual(dropShadowedKeys(undefined), []);
  });
});
