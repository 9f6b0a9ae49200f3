// The explorer's on-demand reads (holders, root session history) must never show what another connection
// read, nor read twice for one expansion, nor stay failed once the user tries again.
import assert from 'node:assert/strict';
import { ConnectionScopedRead } from '../../../../src/extension/explorer/connectionScopedRead';

/** A read whose calls the test settles one by one, and the signals each was given. */
function controlledReads() {
  const calls: { signal: AbortSignal; resolve: (value: string) => void; reject: (err: Error) => void }[] = [];
  let changes = 0;
  const state = new ConnectionScopedRead<string>({
    read: (signal) => new Promise<string>((resolve, reject) => calls.push({ signal, resolve, reject })),
    onChange: () => void changes++,
  });
  return { state, calls, changes: () => changes };
}

describe('a read kept for the active connection', () => {
  it('reads once for callers that ask while the read is in flight, and keeps the value', async () => {
    const { state, calls, changes } = controlledReads();
    const first = state.load();
    const second = state.load();
    assert.equal(calls.length, 1);
    calls[0].resolve('account A');
    assert.deepEqual(await Promise.all([first, second]), ['account A', 'account A']);
    assert.equal(state.current, 'account A');
    assert.equal(changes(), 1);
    assert.equal(await state.load(), 'account A');
    assert.equal(calls.length, 1, 'a kept value is not read again');
  });

  it('aborts the read in flight on reset, and never keeps what it returns late', async () => {
    const { state, calls } = controlledReads();
    const stale = state.load();
    state.reset();
    assert.equal(calls[0].signal.aborted, true);
    const fresh = state.load();
    assert.equal(calls.length, 2);
    assert.equal(calls[1].signal.aborted, false);
    calls[0].resolve('old connection');
    calls[1].resolve('new connection');
    assert.equal(await stale, 'old connection');
    assert.equal(await fresh, 'new connection');
    assert.equal(state.current, 'new connection');
  });

  it('drops the kept value on reset and says so, also after a failed read (the view shows the failure)', async () => {
    const { state, calls, changes } = controlledReads();
    const loading = state.load();
    calls[0].resolve('account A');
    await loading;
    state.reset();
    assert.equal(state.current, undefined);
    assert.equal(changes(), 2);
    const failing = state.load();
    calls[1].reject(new Error('AccessDenied'));
    await assert.rejects(failing);
    state.reset();
    assert.equal(changes(), 3);
  });

  it('reads again after a failure', async () => {
    const { state, calls } = controlledReads();
    const failing = state.load();
    calls[0].reject(new Error('AccessDenied'));
    await assert.rejects(failing, /AccessDenied/);
    const retry = state.load();
    assert.equal(calls.length, 2);
    calls[1].resolve('account A');
    assert.equal(await retry, 'account A');
  });

  it('aborts the read in flight when disposed', () => {
    const { state, calls } = controlledReads();
    void state.load();
    state.dispose();
    assert.equal(calls[0].signal.aborted, true);
  });
});
