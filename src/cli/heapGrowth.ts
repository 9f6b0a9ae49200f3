/**
 * Bounds how far V8 lets the heap grow between full collections, for the CLI commands that make thousands
 * of AWS calls. Each call's objects outlive a young-generation collection or two while the call is in
 * flight, so they die in old space: an audit of 5,000 accounts keeps about 25 MB alive, yet with collection
 * this cheap V8 lets old space reach four times that before collecting it. Measured with `rootguard audit`
 * against the 5,000-account sandbox at concurrency 64: peak resident memory 221-228 MB by default, 180-185 MB
 * with growth bounded to twice the live set (at concurrency 8: 198 and 169 MB), for a few percent more CPU,
 * within the runs' spread.
 * V8's setting is process-wide, so only the CLI's own process sets it, never the editor's extension host,
 * which other extensions share; and not `rootguard lint`, which keeps little alive and so has nothing to gain.
 */
import { setFlagsFromString } from 'node:v8';

/** Old space may grow to twice what survived the last full collection (V8 otherwise chooses up to 4x). */
const HEAP_GROWING_PERCENT = 100;

export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
