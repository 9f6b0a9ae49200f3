import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { codeSpan, markdownText } from '../../../../src/core/text/markdown';

// GitHub-flavoured, with bare URLs linked, as VS Code renders hovers and tooltips.
const md = new MarkdownIt({ html: false, linkify: true });

/** The text a reader sees: markdown-it's rendering with its one paragraph unwrapped and entities decoded. */
function shown(markdown: string): string {
  const html = md.render(markdown);
  const paragraph = /^<p>(.*)<\/p>\n$/s.exec(html);
  assert.ok(paragraph, `not one paragraph: ${html}`);
  return paragraph[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

const HOSTILE = [
  '![](https://attacker.example/beacon.png) [Verified safe by AWS - click to review](https://attacker.example/login)',
  'see https://attacker.example/runbook or www.attacker.example or <https://attacker.example> or root@attacker.example',
  '**bold** _em_ ~~struck~~ `code` <b>html</b> &#x202E; a | b \\',
];

describe('text from outside in Markdown', () => {
  describe('markdownText', () => {
    for (const text of HOSTILE) {
      it(`shows ${JSON.stringify(text.slice(0, 40))} as written`, () => {
        assert.equal(shown(markdownText(text)), text);
        assert.equal(shown(`**${markdownText(text)}**`), `<strong>${text}</strong>`);
      });
    }

    it('starts no block where it starts a line: heading, list, quote, rule, code block', () => {
      for (const text of ['# Fixed', '- item', '+ item', '1. item', '2) item', '> quote', '---', '===', '    indented code', '```', '~~~', '<div>']) {
        const html = md.render(`${markdownText(text)}\n`);
        assert.match(html, /^<p>[^<]*<\/p>\n$/, `${JSON.stringify(text)}: ${html}`);
        assert.equal(md.render(`- ${markdownText(text)}\n`).match(/<(ul|ol|h\d|pre|blockquote|hr)/g)?.length, 1, text);
      }
    });

    it('keeps it on one line, with line breaks, controls and bidirectional overrides shown as code points', () => {
      const text = 'Prod\n====\n\n    code\u202Egnp.exe\u0007';
      assert.equal(markdownText(text), 'Prod\\\\u{a}====\\\\u{a}\\\\u{a} code\\\\u{202e}gnp.exe\\\\u{7}');
      assert.equal(shown(markdownText(text)), 'Prod\\u{a}====\\u{a}\\u{a} code\\u{202e}gnp.exe\\u{7}');
    });

    it('leaves ordinary names and ARNs as they are', () => {
      for (const text of ['Production (EU)', 'arn:aws:iam::111122223333:role/Admin', 'member-0004, 12 actions.']) assert.equal(markdownText(text), text);
    });
  });

  describe('codeSpan', () => {
    for (const text of ['a_b\\c*d', 'a`[Re-verify root MFA](https://attacker.example/mfa)`@x.io', '``x```y`', '`edge`', ' both ', 'C:\\Users\\jane_doe']) {
      it(`fences ${JSON.stringify(text)} so it shows as written, backslashes and all`, () => {
        assert.equal(shown(codeSpan(text)), `<code>${text}</code>`);
      });
    }

    it('keeps a blank line from ending the span and the rest from being read as Markdown', () => {
      assert.equal(shown(codeSpan('x\n\n[click](https://attacker.example)')), '<code>x\\u{a}\\u{a}[click](https://attacker.example)</code>');
    });

    it('is the value in backticks for an ordinary value', () => {
      assert.equal(codeSpan('arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/jane_doe'), '`arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/jane_doe`');
      assert.equal(codeSpan(''), '');
    });
  });
  it('shows the bidirectional marks and the line separators as escapes too, not only the overrides', () => {
    for (const mark of ['\u200e', '\u200f', '\u061c', '\u2028', '\u2029']) {
      const escaped = `\\u{${mark.codePointAt(0)!.toString(16)}}`;
      assert.equal(codeSpan(`prod${mark}dorp`), `\`prod${escaped}dorp\``);
      assert.equal(shown(markdownText(`prod${mark}dorp`)), `prod${escaped}dorp`);
    }
  });
});
