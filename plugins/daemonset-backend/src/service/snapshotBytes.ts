import type { StatusSnapshot } from '../watch/EntityStatusView';

const bytesOf = new WeakMap<StatusSnapshot, WeakRef<Buffer>>();

/**
 * The snapshot's JSON as UTF-8 bytes, encoded once for every live channel it is pushed to at
 * the same moment (a hundred tabs of one entity get the same buffer, not a hundred copies of a
 * multi-megabyte string). Held weakly: once written to every socket it may be collected.
 *
 * @internal
 */
export function snapshotBytes(snapshot: StatusSnapshot): Buffer {
  let bytes = bytesOf.get(snapshot)?.deref();
  if (!bytes) {
    bytes = Buffer.from(snapshot.json());
    bytesOf.set(snapshot, new WeakRef(bytes));
  }
  return bytes;
}
