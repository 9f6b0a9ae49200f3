import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { type Node, type ParseError, parseTree } from 'jsonc-parser';
import { parseJsonTree, readPlainJson } from '../../../../src/core/text/jsonTree';

/** What jsonc-parser makes of a text: the tree and errors the linter and the engine read. */
function jsoncParse(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  return { root: parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }), errors };
}

function assertSameAsJsonc(text: string): void {
  const errors: ParseError[] = [];
  const { root, plain } = parseJsonTree(text, errors);
  // deepStrictEqual follows `parent` cycles and compares every offset, length, colon and value.
  assert.deepStrictEqual({ root, errors }, jsoncParse(text), text);
  assert.equal(plain, readPlainJson(text) !== undefined, text);
}

const FIXTURES = path.resolve(__dirname, '../../../fixtures');

function fixtureTexts(): Array<[string, string]> {
  return fs
    .readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.jsonc?$/i.test(name))
    .map((name): [string, string] => [name, fs.readFileSync(path.join(FIXTURES, name), 'utf8')]);
}

describe('JSON tree: the strict reader for plain JSON, jsonc-parser for the rest', () => {
  for (const [why, text] of [
    ['an object with every kind of value', '{"a": "x", "b": [1, -2.5e+3, true, false, null, {}], "c": {"d": []}}'],
    ['a bare value', ' "x" '],
    ['escapes, decoded as JSON decodes them', '{"Sid": "a\\"b\\\\c\\/d\\u00e9\\n\\t"}'],
    ['numbers at their edges', '[0, -0, 1e400, 1.5E-3, -12.75]'],
    ['a duplicated key (both kept, in order)', '{"Effect": "Allow", "Effect": "Deny"}'],
    ['CRLF line ends and tabs', '{\r\n\t"a":\t1\r\n}'],
    ['raw U+2028 inside a string', '{"a": "x\u2028y"}'],
  ] as const) {
    it(`reads plain JSON itself: ${why}`, () => {
      assert.ok(readPlainJson(text), 'the strict reader must take it');
      assertSameAsJsonc(text);
    });
  }

  for (const [why, text] of [
    ['a line comment', '{"a": 1 // one\n}'],
    ['a block comment', '/* c */ {"a": 1}'],
    ['a trailing comma in an object', '{"a": 1,}'],
    ['a trailing comma in an array', '[1, 2,]'],
    ['a byte-order mark', '\ufeff{"a": 1}'],
    ['a vertical tab, which JSON does not count as a blank', '{"a":\v1}'],
    ['an unterminated string', '{"a": "x'],
    ['a control character in a string', '{"a": "x\u0001y"}'],
    ['an escape JSON does not have', '{"a": "\\x41"}'],
    ['a short unicode escape', '{"a": "\\u12"}'],
    ['a leading zero', '[01]'],
    ['a fraction without digits', '[1.]'],
    ['a lone minus', '[-]'],
    ['an exponent without digits', '[1e+]'],
    ['a misspelled word', '[truex]'],
    ['single quotes', "{'a': 1}"],
    ['a missing colon', '{"a" 1}'],
    ['a missing comma', '[1 2]'],
    ['content after the value', '{} {}'],
    ['an empty text', ''],
    ['only blanks', ' \n '],
    ['an unclosed object', '{"a": {"b": 1}'],
    ['nesting deeper than the strict reader goes', `${'['.repeat(300)}${']'.repeat(300)}`],
  ] as const) {
    it(`leaves it to jsonc-parser, with the same tree and errors: ${why}`, () => {
      assert.equal(readPlainJson(text), undefined);
      assertSameAsJsonc(text);
    });
  }

  it('builds the same tree as jsonc-parser for every JSON fixture', () => {
    const texts = fixtureTexts();
    assert.ok(texts.length >= 30, `only ${texts.length} fixtures found`);
    let strict = 0;
    for (const [name, text] of texts) {
      if (readPlainJson(text)) strict++;
      assert.doesNotThrow(() => assertSameAsJsonc(text), name);
    }
    assert.ok(strict > texts.length / 2, `the strict reader took only ${strict} of ${texts.length} fixtures`);
  });

  it('builds the same tree as jsonc-parser for generated JSON, however indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, '\t', ' \r\n'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        assert.ok(readPlainJson(text), text);
        assertSameAsJsonc(text);
      }),
      { numRuns: 500, seed: 2205 },
    );
  });

  it('agrees with jsonc-parser on generated JSON with one character inserted or removed', () => {
    const noise = fc.oneof(
      fc.constantFrom(',', ']', '}', '"', '\\', '/', '*', ':', '0', '-', '.', 'e', ' ', '\ufeff', '\u00a0', '\u2028'),
      fc.integer({ min: 0, max: 0x20 }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), noise, fc.boolean(), (value, at, character, remove) => {
        const text = JSON.stringify(value, null, 1);
        const cut = at % (text.length + 1);
        const damaged = remove ? text.slice(0, cut) + text.slice(cut + 1) : text.slice(0, cut) + character + text.slice(cut);
        assertSameAsJsonc(damaged);
        // The strict reader takes a text exactly when JSON.parse does (none here nests 256 deep).
        assert.equal(readPlainJson(damaged) !== undefined, parsesAsJson(damaged), damaged);
      }),
      { numRuns: 2000, seed: 2206 },
    );
  });
});

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
