import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../src-main/secrets/credentials.ts';
import { envelope, post, SECRET, settle, signed, startConsole, tempDir, type Console } from './harness.ts';
import { httpRequest } from './http-client.ts';

// Defects once found in the webhook receiver, each through the real listener, SQLite and HTTP.

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const dbBytes = (dir: string) =>
  ['console.db', 'console.db-wal'].reduce((n, f) => {
    try {
      return n + statSync(join(dir, f)).size;
    } catch {
      return n;
    }
  }, 0);

const forgedHeaders = (id: string) => ({ ...signed(id, '{}', { secret: `whsec_${'11'.repeat(32)}` }) });

describe('forged deliveries cannot fill the disk', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  afterEach(async () => {
    await c.stop();
    tmp.remove();
  });

  it('200 forged 1 MiB posts grow the store by a few MB at most; the newest are listed with size and hash', async () => {
    tmp = tempDir();
    c = await startConsole(tmp.dir);
    const before = dbBytes(tmp.dir);
    const hashes: string[] = [];
    for (let i = 0; i < 200; i++) {
      // Each body differs (so each hash does); 1 MiB minus a little, under the listener's cap.
      const body = JSON.stringify({ type: 'customer.updated', pad: `${i}:`.padEnd(1024 * 1024 - 64, 'x') });
      hashes.push(createHash('sha256').update(body).digest('hex'));
      const r = await post(c, forgedHeaders(`evt_forged_${i}`), body);
      expect(r.status).toBe(400);
    }
    const grown = dbBytes(tmp.dir) - before;
    expect(grown).toBeLessThan(6 * 1024 * 1024);
    const { items } = c.subsystem.inbox.listRecords({ limit: 5 });
    expect(items.map((e) => e.bodySha256)).toEqual(hashes.slice(-5).reverse());
    for (const e of items) expect(e).toMatchObject({ verdict: 'bad_signature', applied: false, bodySize: Buffer.byteLength(JSON.stringify({ type: 'customer.updated', pad: ''.padEnd(1024 * 1024 - 64) })) });
    const detail = c.subsystem.inbox.get(items[0]!.seq)!;
    expect(detail.bodyTruncated).toBe(true);
    expect(detail.rawBytes.length).toBe(4096);
  }, 60_000);

  it('keeps only the newest rejected rows; accepted rows are never dropped by the cap', async () => {
    tmp = tempDir();
    c = await startConsole(tmp.dir, { inbox: { maxRejectedRows: 50 } });
    const good = envelope('evt_good', 'customer.updated', 'cst_1');
    expect((await post(c, signed('evt_good', good), good)).status).toBe(200);
    for (let i = 0; i < 120; i++) await post(c, forgedHeaders(`evt_f${i}`), `{"type":"x","i":${i}}`);
    await settle(c);
    const { items } = c.subsystem.inbox.listRecords({ limit: 500 });
    const rejected = items.filter((e) => !e.applied);
    expect(rejected).toHaveLength(50);
    expect(rejected[0]!.eventId).toBe('evt_f119');
    expect(rejected.at(-1)!.eventId).toBe('evt_f70');
    expect(items.find((e) => e.eventId === 'evt_good')).toMatchObject({ applied: true, verdict: 'verified' });
  });
});

describe('configureListener binds first, then swaps, then saves', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  let blocker: Server;
  beforeEach(async () => {
    tmp = tempDir();
    c = await startConsole(tmp.dir);
    blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  });
  afterEach(async () => {
    await new Promise((r) => blocker.close(r));
    await c.stop();
    tmp.remove();
  });

  it('a busy port: clear error, the old listener keeps answering, nothing saved', async () => {
    const oldPort = c.subsystem.status().port!;
    const busy = (blocker.address() as { port: number }).port;
    await expect(c.subsystem.configure({ port: busy, relayUrl: 'http://127.0.0.1:1/channel' })).rejects.toThrow(`port ${busy} is in use`);
    expect(c.subsystem.status()).toMatchObject({ state: 'listening', port: oldPort, verification: 'enforce' });
    expect(c.subsystem.status().detail).toContain(`Still listening on port ${oldPort}`);
    expect(c.subsystem.config.get('local')).toMatchObject({ port: 0, relayUrl: null });
    const body = envelope('evt_after', 'customer.updated', 'cst_1');
    expect((await httpRequest(oldPort, { headers: signed('evt_after', body), body })).status).toBe(200);
  });

  it('a free port: bound, swapped (the old one closed), then saved', async () => {
    const oldPort = c.subsystem.status().port!;
    const port = await freePort();
    const s = await c.subsystem.configure({ port });
    expect(s).toMatchObject({ state: 'listening', port, detail: null });
    expect(c.subsystem.config.get('local').port).toBe(port);
    await expect(httpRequest(oldPort, { headers: {}, body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('secrets, dedupe keys and fingerprints', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  let reads = 0;
  let secrets = [SECRET];
  beforeEach(async () => {
    tmp = tempDir();
    reads = 0;
    secrets = [SECRET];
    c = await startConsole(tmp.dir, { secrets: async () => (reads++, [...secrets]) });
  });
  afterEach(async () => {
    await c.stop();
    tmp.remove();
  });

  it('forged deliveries do not re-read the keychain; an explicit change does', async () => {
    const body = envelope('evt_w', 'customer.updated', 'cst_1');
    await post(c, signed('evt_w', body), body);
    const start = reads;
    for (let i = 0; i < 40; i++) expect((await post(c, forgedHeaders(`evt_x${i}`), body)).status).toBe(400);
    expect(reads - start).toBe(0);
    // A secret added through the console (webhooks.create / rotate) is announced, then used.
    const fresh = `whsec_${'77'.repeat(32)}`;
    secrets = [SECRET, fresh];
    await c.subsystem.secretsChanged();
    const b2 = envelope('evt_new', 'customer.updated', 'cst_1');
    expect((await post(c, signed('evt_new', b2, { secret: fresh }), b2)).status).toBe(200);
    expect(c.subsystem.status().secretFingerprints).toEqual([fingerprint(SECRET), fingerprint(fresh)]);
  });

  it('two distinct long Webhook-Ids sharing a 200-char prefix are both applied', async () => {
    const prefix = `evt_${'p'.repeat(250)}`;
    for (const id of [`${prefix}A`, `${prefix}B`]) {
      const body = envelope(id.slice(0, 40), 'customer.updated', 'cst_1');
      const r = await post(c, signed(id, body), body);
      expect(JSON.parse(r.body)).toMatchObject({ received: true, duplicate: false });
    }
    const again = envelope('x', 'customer.updated', 'cst_1');
    expect(JSON.parse((await post(c, signed(`${prefix}A`, again), again)).body)).toMatchObject({ duplicate: true });
  });

  it('listenerStatus shows the same fingerprint as webhooks.list (credentials.fingerprint)', async () => {
    expect(c.subsystem.status().secretFingerprints).toEqual([fingerprint(SECRET)]);
    expect(fingerprint(SECRET)).toMatch(/^sha256:[0-9a-f]{8}$/);
  });
});
