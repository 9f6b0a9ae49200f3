import assert from 'node:assert/strict';
import type { Fix } from '../../../../src/core/lint/model';

/**
 * Asserts that a fix's edits do not overlap: an editor applies them at once, against the original text,
 * and VS Code refuses a WorkspaceEdit whose edits overlap ("Overlapping ranges are not allowed!"), where
 * `applyFix`, applying them one by one, may still produce the intended text.
 */
export function assertEditsApart(fix: Fix): void {
  const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  edits.forEach((edit, i) => {
    if (i > 0) assert.ok(edit.start >= edits[i - 1].end, `"${fix.title}": edits overlap: ${JSON.stringify(edits.map((e) => [e.start, e.end, e.text]))}`);
  });
}
