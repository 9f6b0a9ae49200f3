// The shape of the IAM User Guide example tables: each row names the guide's section and asserts the
// decision the page documents, with the deciding statements and their lines.
import assert from 'node:assert/strict';
import type { PolicySet, Request } from '../../../../src/core/policy';
import { decideSet } from './helpers';

export interface DocsRow {
  /** The section of the IAM User Guide the example comes from. */
  section: string;
  name: string;
  set: PolicySet;
  request: Request;
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  deciding: string[];
}

export function docsTable(rows: DocsRow[]): void {
  for (const row of rows) {
    it(`${row.section}: ${row.name}`, () => {
      const { decision, deciding } = decideSet(row.request, row.set);
      assert.deepEqual({ decision, deciding }, { decision: row.decision, deciding: row.deciding });
    });
  }
}

/** A request with its context keys and, when given, an AWS principal. */
export const docsRequest = (action: string, resource: string, context: Request['context'] = {}, principal?: string): Request => ({
  action,
  resource,
  context,
  ...(principal ? { principal: { type: 'AWS', id: principal } } : {}),
});
