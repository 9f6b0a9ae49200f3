import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Finding, Fix } from '../../../../src/core/lint/model';
import { diagnosticKey, FindingsCache, type LintEntry } from '../../../../src/extension/lint/findingsCache';

const URI = 'rootguard-org-policy:/o-1/scp/Deny%20root%20%28p-1%29.json';
const fix = (title: string): Fix => ({ title, edits: [{ start: 0, end: 1, text: '{' }] });

/** What the cache holds for one finding: the fields fixAt reads. */
function entry(message: string, fixes: Fix[]): LintEntry {
  const position = { line: 2, character: 4 };
  const diagnostic = { code: 'RG107', range: { start: position, end: position }, message } as unknown as vscode.Diagnostic;
  return { diagnostic, finding: { fixes } as unknown as Finding };
}

describe('the fixes the linter computed, named by a command', () => {
  const cache = new FindingsCache();
  const rg107 = entry('Denies the root principal', [fix('Exempt root sessions'), fix('Other')]);
  cache.set({ toString: () => URI } as vscode.Uri, 3, [entry('another', [fix('Not this one')]), rg107]);
  const key = diagnosticKey(rg107.diagnostic);

  it('finds the fix by document, version, diagnostic key and index', () => {
    assert.equal(cache.fixAt(URI, 3, key, 0)?.title, 'Exempt root sessions');
    assert.equal(cache.fixAt(URI, 3, key, 1)?.title, 'Other');
  });

  it('finds none for another version, key or document, or an index that is not one of its fixes', () => {
    for (const [uri, version, k, index] of [
      [URI, 4, key, 0],
      [URI, '3', key, 0],
      [URI, 3, 'RG107@2:4-2:4:Verified by AWS', 0],
      ['file:///other.json', 3, key, 0],
      [URI, 3, key, 2],
      [URI, 3, key, 'constructor'],
      [URI, 3, key, [{ start: 0, end: 1, text: '{}' }]],
    ]) {
      assert.equal(cache.fixAt(uri, version, k, index), undefined, JSON.stringify([uri, version, k, index]));
    }
  });
});
