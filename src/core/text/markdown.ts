/**
 * Text from outside put into Markdown: a policy file's values (hovers), account emails, OU and policy names,
 * condition keys and ARNs (tree tooltips, the task report). Any of them may be written to look like Markdown
 * (an image that calls home, a link saying "verified by AWS", a heading), so each is shown as written instead.
 */
import { printable, withoutAutolinks } from '../report/cells';

/**
 * Text as a code span. Backslash escapes mean nothing inside a code span (`a\_b` shows the backslash), so
 * the text goes in as written, fenced by a backtick run longer than any in it; controls and line breaks are
 * shown as `\u{…}`, since a blank line would end the span and let the rest be read as Markdown.
 */
export function codeSpan(text: string): string {
  const shown = printable(text);
  if (shown === '') return '';
  const longestRun = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A backtick at either end would join the fence; CommonMark strips one space from each end when both have one.
  const padded = /^`|`$/.test(shown) || /^ .* $/.test(shown) ? ` ${shown} ` : shown;
  return `${fence}${padded}${fence}`;
}

// Characters that open or close inline Markdown (emphasis, code, links, images, HTML, entities, tables,
// strikethrough) or a heading or block quote; a backslash shows each as itself.
const INLINE_MARKUP = /[\\`*_[\]<>&|~!#]/g;

/**
 * Text as inline Markdown that reads as plain text: on one line (controls and line breaks shown as `\u{…}`),
 * no emphasis, code, link, image or HTML, no block (heading, list, quote, code block) where it starts a line,
 * and no URL or address a renderer would link by itself.
 */
export function markdownText(text: string): string {
  return withoutAutolinks(
    printable(text)
      .replace(INLINE_MARKUP, (c) => `\\${c}`)
      // Four leading spaces make a code block; rendering shows a run of spaces as one anyway.
      .replace(/ {2,}/g, ' ')
      // A list item or a setext underline, where the text starts a line.
      .replace(/^( ?)([-+=])/, '$1\\$2')
      .replace(/^( ?\d+)([.)])/, '$1\\$2'),
  );
}
