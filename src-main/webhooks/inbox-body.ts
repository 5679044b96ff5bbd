import { createHash } from 'node:crypto';
import type { StatementSync } from 'node:sqlite';

/** What one inbox row keeps of a delivery's body. */
export interface StoredBody {
  body: Buffer;
  truncated: boolean;
  sha256: string | null;
  /** The row holding these bytes, for a duplicate that stores none. */
  ref: number | null;
  /** This row holds the copy later duplicates of its event refer to. */
  copy: boolean;
}

const EMPTY = Buffer.alloc(0);
const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** All of an accepted body; a rejected one's head, size and hash (forged posts cannot fill the disk). */
export function storedBody(raw: Buffer, accept: boolean, rejectedBytes: number): StoredBody {
  const keepAll = accept || raw.length <= rejectedBytes;
  return { body: keepAll ? raw : raw.subarray(0, rejectedBytes), truncated: !keepAll, sha256: accept ? null : sha256Hex(raw), ref: null, copy: false };
}

/**
 * A duplicate (an id already applied) with the first copy's bytes refers to that row and stores
 * none: 200 replays of one 1 MiB delivery once stored 200 MiB. One whose first copy was cleared
 * from the log becomes the copy; one with other bytes keeps a head and hash, as a rejected body.
 * `firstCopy` selects (seq, raw_body) of the row holding the event's copy.
 */
export function duplicateBody(d: { profileId: string; eventId: string | null; rawBody: Buffer }, firstCopy: StatementSync, rejectedBytes: number): StoredBody {
  const first = firstCopy.get(d.profileId, d.eventId) as { seq: number; raw_body: Uint8Array } | undefined;
  if (!first) return { ...storedBody(d.rawBody, true, rejectedBytes), copy: true };
  if (Buffer.from(first.raw_body.buffer, first.raw_body.byteOffset, first.raw_body.byteLength).equals(d.rawBody)) {
    return { body: EMPTY, truncated: false, sha256: null, ref: first.seq, copy: false };
  }
  return storedBody(d.rawBody, false, rejectedBytes);
}
