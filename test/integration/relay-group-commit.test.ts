// Group commit: ingests arriving together share one durable commit, and each is acknowledged only
// once its own batch is committed. A batch whose commit fails acknowledges none of its ingests.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelayRedisClient } from '../../src-relay/redis-connection.ts';
import { startRelay } from '../../src-relay/relay-server.ts';
import type { IncomingDelivery, RelayStore } from '../../src-relay/relay-types.ts';
import { SqliteRelayStore } from '../../src-relay/sqlite-relay-store.ts';
import type { RedisServer } from '../unit/relay/support/relay-harness.ts';
import { ingest, openTestStore, startRedis, tempDir } from '../unit/relay/support/relay-harness.ts';

const delivery = (id: string): IncomingDelivery => ({ receivedAt: Date.now(), headers: { 'webhook-id': id }, body: Buffer.from(`{"id":"${id}"}`) });
const nextTurn = () => new Promise((r) => setImmediate(r));

/** Makes every later insert of a delivery whose headers name `poison` fail inside the transaction. */
function poisonSqlite(file: string): void {
  const db = new DatabaseSync(file);
  db.exec("CREATE TRIGGER poison BEFORE INSERT ON deliveries WHEN NEW.headers LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'poisoned delivery'); END;");
  db.close();
}

describe('SQLite group commit', () => {
  it('acknowledges each append only once a separate connection can read it, and shares commits', async () => {
    const tmp = tempDir('relay-group-');
    const file = join(tmp.dir, 'relay.db');
    const store = new SqliteRelayStore({ file, maxPerChannel: 100_000 });
    const reader = new DatabaseSync(file);
    const visible = reader.prepare('SELECT 1 FROM deliveries WHERE seq = ?');
    try {
      await store.ensureChannel('team');
      const seenAtAck: boolean[] = [];
      const acked = (cursor: string) => void seenAtAck.push(visible.get(Number(cursor)) !== undefined);
      const all: Promise<void>[] = [];
      for (let wave = 0; wave < 5; wave += 1) {
        for (let i = 0; i < 40; i += 1) all.push(store.append('team', delivery(`msg_${wave}_${i}`)).then(acked));
        await nextTurn();
      }
      await Promise.all(all);
      expect(seenAtAck).toHaveLength(200);
      expect(seenAtAck.every(Boolean)).toBe(true);
      const { commits, appends } = store.commitStats();
      expect(appends).toBe(200);
      expect(commits).toBeLessThan(200);
    } finally {
      reader.close();
      await store.close();
      tmp.remove();
    }
  });

  it('rejects every append of a batch whose commit fails, stores none of it, and commits the next batch', async () => {
    const tmp = tempDir('relay-group-');
    const file = join(tmp.dir, 'relay.db');
    const store = new SqliteRelayStore({ file, maxPerChannel: 100_000 });
    try {
      await store.ensureChannel('team');
      await store.append('team', delivery('msg_before'));
      poisonSqlite(file);
      let woken = 0;
      const unwatch = await store.watch('team', () => (woken += 1));
      // One turn: the ten form one batch, and the poisoned one fails the whole transaction.
      const failing = ['msg_a', 'msg_b', 'msg_c', 'poison', 'msg_d', 'msg_e', 'msg_f', 'msg_g', 'msg_h', 'msg_i'].map((id) => store.append('team', delivery(id)));
      await nextTurn();
      // Queued while that batch is being committed: the next batch.
      const later = ['msg_x', 'msg_y'].map((id) => store.append('team', delivery(id)));
      const outcomes = await Promise.allSettled(failing);
      expect(outcomes.map((o) => o.status)).toEqual(Array(10).fill('rejected'));
      expect(String((outcomes[0] as PromiseRejectedResult).reason)).toContain('poisoned delivery');
      await Promise.all(later);
      const stored = (await store.readAfter('team', null, 100)).map((d) => d.headers['webhook-id']);
      expect(stored).toEqual(['msg_before', 'msg_x', 'msg_y']);
      expect(woken).toBe(1); // only the committed batch woke subscribers
      unwatch();
    } finally {
      await store.close();
      tmp.remove();
    }
  });

  it('over HTTP: a poisoned ingest gets 503, and every ingest answered 200 is stored while every 503 is not', async () => {
    const tmp = tempDir('relay-group-');
    const file = join(tmp.dir, 'relay.db');
    const store = new SqliteRelayStore({ file, maxPerChannel: 100_000 });
    const relay = await startRelay({ store, ratePerSec: 100_000, rateBurst: 100_000 });
    try {
      await store.ensureChannel('team');
      poisonSqlite(file);
      const ids = Array.from({ length: 32 }, (_, i) => (i === 7 ? 'poison' : `msg_${i}`));
      const statuses = await Promise.all(ids.map((id) => ingest(relay.url, 'team', `{"id":"${id}"}`, { 'webhook-id': id })));
      expect(statuses[7]).toBe(503);
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
      const stored = new Set((await store.readAfter('team', null, 100)).map((d) => d.headers['webhook-id']));
      expect(ids.filter((_, i) => statuses[i] === 200).every((id) => stored.has(id))).toBe(true);
      expect(ids.filter((_, i) => statuses[i] === 503).some((id) => stored.has(id))).toBe(false);
    } finally {
      await relay.close();
      await store.close();
      tmp.remove();
    }
  });
});

describe('Redis group commit', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('sends a batch as one script per channel: a failing channel rejects all of its appends, the other channel commits', async () => {
    const prefix = `group${process.pid}`;
    const store: RelayStore = await openTestStore('redis', { dir: '', redisUrl: redis.url, prefix });
    const admin = createRelayRedisClient(redis.url);
    await admin.connect();
    try {
      await store.ensureChannel('good');
      await store.ensureChannel('bad');
      // A key of the wrong type makes XADD fail for every delivery sent to that channel.
      await admin.set(`${prefix}:stream:bad`, 'not a stream');
      const good = Array.from({ length: 20 }, (_, i) => store.append('good', delivery(`msg_${i}`)));
      const bad = Array.from({ length: 5 }, (_, i) => store.append('bad', delivery(`bad_${i}`)));
      const [g, b] = await Promise.all([Promise.allSettled(good), Promise.allSettled(bad)]);
      expect(g.every((o) => o.status === 'fulfilled')).toBe(true);
      expect(b.every((o) => o.status === 'rejected')).toBe(true);
      expect((await store.readAfter('good', null, 50)).map((d) => d.headers['webhook-id'])).toEqual(Array.from({ length: 20 }, (_, i) => `msg_${i}`));
      expect(await admin.get(`${prefix}:stream:bad`)).toBe('not a stream');
      const { commits, appends } = store.commitStats();
      expect(appends).toBe(20);
      expect(commits).toBe(1); // the twenty went to Redis as one script
    } finally {
      await admin.close();
      await store.close();
    }
  });
});
