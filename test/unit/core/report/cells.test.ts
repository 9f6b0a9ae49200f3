import assert from 'node:assert/strict';
import { csvCell, markdownCell, printable } from '../../../../src/core/report/cells';

describe('printable: names shown as what they are', () => {
  it('escapes the characters that show as nothing: a zero-width space in a name would pass it for another', () => {
    const invisible = ['\u00ad', '\u180e', '\u200b', '\u200c', '\u200d', '\u2060', '\u2061', '\u2064', '\ufeff'];
    for (const c of invisible) assert.equal(printable(`pro${c}d`), `pro\\u{${c.codePointAt(0)!.toString(16)}}d`);
  });

  it('escapes the other characters that show as nothing: tags, variation selectors, Hangul fillers, the grapheme joiner', () => {
    assert.equal(printable('pro\u{e0041}d'), 'pro\\u{e0041}d');
    const invisible = ['\u{e0000}', '\u{e0001}', '\u{e007f}', '\u{e0100}', '\u{e01ef}', '\ufe00', '\ufe0f', '\u180b', '\u180f', '\u034f', '\u115f', '\u1160', '\u3164', '\uffa0'];
    for (const c of invisible) assert.equal(printable(`pro${c}d`), `pro\\u{${c.codePointAt(0)!.toString(16)}}d`);
  });

  it('leaves the characters beside those ranges, and other characters outside the BMP, as they are', () => {
    assert.equal(printable('\u{e0080}\u{e01f0}\ufe10\u1161\u3165\uffa1\u{1f600}\u{20000}'), '\u{e0080}\u{e01f0}\ufe10\u1161\u3165\uffa1\u{1f600}\u{20000}');
  });

  it('escapes controls and bidirectional marks as before, and leaves other text as it is', () => {
    assert.equal(printable('a\u001b[2J\u202eb\u2066c\u200fd'), 'a\\u{1b}[2J\\u{202e}b\\u{2066}c\\u{200f}d');
    assert.equal(printable('Zürich-prod 東京 (ops)'), 'Zürich-prod 東京 (ops)');
  });
});

describe('csvCell: one cell of any report\'s CSV', () => {
  it('escapes controls and neutralises a cell that still starts a formula', () => {
    assert.equal(csvCell('=cmd|calc\r'), "'=cmd|calc\\u{d}");
    // Escaped, a leading CR is a backslash: no spreadsheet evaluates that.
    assert.equal(csvCell('\r=1+1'), '\\u{d}=1+1');
    assert.equal(csvCell('-'), "'-");
  });

  it('keeps numbers as numbers and writes a missing value as an empty cell', () => {
    assert.equal(csvCell(-1), -1);
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
  });
});

describe('markdownCell: a name as one table cell', () => {
  it('leaves no bare URL, www. address or email address that GitHub-flavoured Markdown would link', () => {
    assert.equal(
      markdownCell('|x|<img src=http://evil.example/a.png>[ok](http://evil.example) www.evil.example root@evil.example'),
      '\\|x\\|&lt;img src=http\\://evil.example/a.png&gt;\\[ok\\](http\\://evil.example) www\\.evil.example root\\@evil.example',
    );
    assert.equal(markdownCell('https://evil.example/aws-signin'), 'https\\://evil.example/aws-signin');
  });
});
