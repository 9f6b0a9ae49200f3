import assert from 'node:assert/strict';
import { decodeFile } from '../../../../src/core/text/fileEncoding';

const TEXT = '{"Sid": "Ünïcödé 🔑"}';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('decodeFile: a file decoded by its byte order mark, the mark left out, as an editor reads it', () => {
  for (const [why, bytes, encoding] of [
    ['UTF-8 without a mark', Buffer.from(TEXT, 'utf8'), 'utf8'],
    ['UTF-8 with a mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf8bom'],
    ['UTF-16, little endian', Buffer.from(`\uFEFF${TEXT}`, 'utf16le'), 'utf16le'],
    ['UTF-16, big endian', utf16be(`\uFEFF${TEXT}`), 'utf16be'],
  ] as const) {
    it(why, () => assert.deepEqual(decodeFile(bytes), { text: TEXT, encoding }));
  }

  it('leaves the bytes it was given as they were, and drops a last odd byte of UTF-16 big endian', () => {
    const bytes = Buffer.concat([utf16be(`\uFEFF${TEXT}`), Buffer.from([0x41])]);
    const copy = Buffer.from(bytes);
    assert.deepEqual(decodeFile(bytes), { text: TEXT, encoding: 'utf16be' });
    assert.deepEqual(bytes, copy);
  });

  it('an empty file, and a mark alone', () => {
    assert.deepEqual(decodeFile(Buffer.alloc(0)), { text: '', encoding: 'utf8' });
    assert.deepEqual(decodeFile(Buffer.from([0xef, 0xbb, 0xbf])), { text: '', encoding: 'utf8bom' });
  });
});
