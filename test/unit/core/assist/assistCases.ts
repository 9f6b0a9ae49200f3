// The tables of completion and hover cases shared by the JSON-in-IaC suites (CloudFormation YAML, Terraform):
// each case names where the cursor is and what the editor must then offer or show.
import assert from 'node:assert/strict';
import { completionsAt } from '../../../../src/core/assist/completion';
import { type AssistSyntax, iacContextAt, iacHoverContextAt } from '../../../../src/core/assist/iacContext';

export interface CompletionCase {
  name: string;
  /** The text with the cursor written as `|`. */
  text: string;
  /** The text the completion replaces. */
  replaced: string;
  /** The first labels, in the order the editor lists them. */
  first: string[];
  /** Labels offered anywhere in the list. */
  includes?: string[];
  /** The exact text inserted for some labels. */
  insert?: Record<string, string>;
}

export interface HoverCase {
  name: string;
  text: string;
  hovered: string;
  markdown: RegExp;
}

export interface Completion {
  items: { label: string; insertText: string }[];
  labels: string[];
  replaced: string | undefined;
  list: ReturnType<typeof completionsAt>;
}

/** The completion list at `offset`, sorted as the editor shows it. */
export function completionAt(text: string, offset: number, syntax: AssistSyntax): Completion {
  const list = completionsAt(text, offset, syntax);
  const items = [...(list?.items ?? [])].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  return { items, labels: items.map((i) => i.label), replaced: list && text.slice(list.replace.start, list.replace.end), list };
}

export function itCompletes(cases: readonly CompletionCase[], complete: (textWithCursor: string) => Completion): void {
  for (const c of cases) {
    it(c.name, () => {
      const { labels, replaced, items } = complete(c.text);
      assert.equal(replaced, c.replaced, 'the text the completion replaces');
      assert.deepEqual(labels.slice(0, c.first.length), c.first);
      for (const label of c.includes ?? []) assert.ok(labels.includes(label), `${label} in ${labels.slice(0, 10).join()}`);
      for (const [label, insert] of Object.entries(c.insert ?? {})) assert.equal(items.find((i) => i.label === label)?.insertText, insert);
      assert.ok(items.length > 0);
    });
  }
}

export function itHovers(cases: readonly HoverCase[], hover: (textWithCursor: string) => { hovered: string; markdown: string } | undefined): void {
  for (const c of cases) {
    it(c.name, () => {
      const found = hover(c.text);
      assert.equal(found?.hovered, c.hovered);
      assert.match(found?.markdown ?? '', c.markdown);
    });
  }
}

/**
 * At every offset of `text` where the hover's reading of the file as written finds a word, the completion's
 * reading (a marker written at the cursor) finds the same word in the same slot; how many offsets found one.
 */
export function hoverWordsAgreeWithMarkers(text: string, syntax: Exclude<AssistSyntax, { kind: 'json' }>): number {
  let words = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    const asWritten = iacHoverContextAt(text, offset, syntax);
    if (!asWritten?.word) continue;
    words++;
    const marked = iacContextAt(text, offset, syntax);
    assert.deepEqual([asWritten.slot, asWritten.word], [marked?.slot, marked?.word], `at ${offset}`);
  }
  return words;
}
