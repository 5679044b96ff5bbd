import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../src-main/store/migrations/index.ts';
import { migrate, openDatabase } from '../../../../src-main/store/database.ts';
import { post, settle, signed, startConsole, tempDir, type Console } from './harness.ts';

/** A genuine delivery just under the listener's 1 MiB limit. */
function bigEnvelope(id: string): string {
  const head = { id, object: 'event', type: 'customer.updated', createdAt: new Date().toISOString(), data: { object: { id: 'cst_big', object: 'customer' } } };
  const base = JSON.stringify({ ...head, pad: '' });
  return JSON.stringify({ ...head, pad: 'x'.repeat(1024 * 1024 - base.length - 64) });
}

const storedBytes = (db: DatabaseSync) => (db.prepare('SELECT coalesce(sum(length(raw_body)), 0) AS n FROM webhook_inbox').get() as { n: number }).n;

describe('duplicate deliveries are stored as references to the first copy', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  beforeEach(async () => {
    tmp = tempDir();
    c = await startConsole(tmp.dir);
  });
  afterEach(async () => {
    await c.stop();
    tmp.remove();
  });

  it('200 replays of one 1 MiB delivery add no body bytes; each still shows, reveals and replays the body', async () => {
    const body = bigEnvelope('evt_big');
    const headers = signed('evt_big', body);
    expect((await post(c, headers, body)).status).toBe(200);
    for (let i = 0; i < 200; i += 1) expect((await post(c, headers, body)).status).toBe(200);
    await settle(c);
    const rows = c.subsystem.inbox.list({ limit: 500 }).items;
    expect(rows).toHaveLength(201);
    expect(rows.filter((r) => r.duplicate)).toHaveLength(200);
    expect(rows.filter((r) => r.applied)).toHaveLength(1);
    const db = new DatabaseSync(join(tmp.dir, 'console.db'));
    try {
      // One copy of the body in all, not 201.
      expect(storedBytes(db)).toBeLessThan(1.1 * 1024 * 1024);
    } finally {
      db.close();
    }
    const dup = c.subsystem.inbox.get(rows[0]!.seq)!;
    expect(dup.duplicate).toBe(true);
    expect(dup.rawBytes.equals(Buffer.from(body))).toBe(true);
    expect(dup.bodySize).toBe(Buffer.byteLength(body));
    const replayed = await c.subsystem.processor.replay(rows[0]!.seq);
    expect(replayed).toMatchObject({ entry: { verdict: 'verified', source: 'replay' } });
  });

  it('a duplicate whose first copy was cleared from the log becomes the copy', async () => {
    const body = bigEnvelope('evt_clear');
    const headers = signed('evt_clear', body);
    await post(c, headers, body);
    await settle(c);
    c.subsystem.inbox.clear();
    await post(c, headers, body);
    await post(c, headers, body);
    const [second, first] = c.subsystem.inbox.list({}).items;
    expect(c.subsystem.inbox.get(first!.seq)!.rawBytes.equals(Buffer.from(body))).toBe(true);
    expect(c.subsystem.inbox.get(second!.seq)!.rawBytes.equals(Buffer.from(body))).toBe(true);
  });
});

describe('migration 006 turns stored whole duplicates into references', () => {
  it('keeps every row and its body, stores the bytes once', () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'console.db');
      const old = new DatabaseSync(path);
      migrate(old, migrations.filter((m) => m.version <= 5));
      const body = Buffer.alloc(512 * 1024, 'y');
      const insert = old.prepare(
        `INSERT INTO webhook_inbox (profile_id, event_id, type, verdict, reason, applied, duplicate, state, source, received_at, headers, raw_body, body_size)
         VALUES ('local', 'evt_old', 'customer.updated', 'verified', 'ok', ?, ?, 'done', 'listener', '2026-12-01T00:00:00Z', '{}', ?, ?)`,
      );
      const first = Number(insert.run(1, 0, body, body.length).lastInsertRowid);
      old.prepare("INSERT INTO webhook_dedupe (profile_id, event_id, first_seq, received_at) VALUES ('local', 'evt_old', ?, '2026-12-01T00:00:00Z')").run(first);
      for (let i = 0; i < 20; i += 1) insert.run(0, 1, body, body.length);
      expect(storedBytes(old)).toBe(21 * body.length);
      old.close();

      const db = openDatabase(path);
      expect(storedBytes(db)).toBe(body.length);
      expect((db.prepare('SELECT count(*) AS n FROM webhook_inbox WHERE body_ref_seq = ?').get(first) as { n: number }).n).toBe(20);
      db.close();
    } finally {
      tmp.remove();
    }
  });
});
