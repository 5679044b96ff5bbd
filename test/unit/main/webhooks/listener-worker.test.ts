import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebhookProcessor } from '../../../../src-main/webhooks/webhook-processor.ts';
import { customerView, envelope, post, settle, signed, startConsole, tempDir, type Console } from './harness.ts';
import { httpRequest } from './http-client.ts';

// The listener acknowledges on its own thread, so an ack never queues behind main's work.
// Order and acknowledgement are asserted, never a time budget (bench/ prints the speed).

/**
 * A sender on another thread: it posts one delivery, reads the inbox row through its own SQLite
 * connection, then wakes the blocked main thread (slot 0 → 1) with what it saw.
 */
const SENDER = `
const { workerData, parentPort } = require('node:worker_threads');
const { request } = require('node:http');
const { DatabaseSync } = require('node:sqlite');
const { port, headers, body, dbPath, eventId, flag } = workerData;
parentPort.once('message', () => {
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/webhooks/oms', headers }, (res) => {
    res.resume();
    res.on('end', () => {
      const db = new DatabaseSync(dbPath, { readOnly: true });
      const row = db.prepare('SELECT state, applied FROM webhook_inbox WHERE event_id = ?').get(eventId);
      db.close();
      parentPort.postMessage({ status: res.statusCode, row: row ? { state: row.state, applied: row.applied } : null });
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
  });
  req.on('error', (e) => { parentPort.postMessage({ error: String(e) }); Atomics.store(flag, 0, 2); Atomics.notify(flag, 0); });
  req.end(body);
});
`;

describe('listener on its own thread', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  const fetched: string[] = [];
  beforeEach(async () => {
    tmp = tempDir();
    fetched.length = 0;
    c = await startConsole(tmp.dir, { refetchCustomer: async (id) => (fetched.push(id), customerView(id)) });
  });
  afterEach(async () => {
    await c.stop();
    tmp.remove();
  });

  it('acknowledges and stores a delivery while main is blocked; main announces and applies it once it is free', async () => {
    const body = envelope('evt_blocked', 'customer.updated', 'cst_blocked');
    let announced = 0;
    c.bus.on('event.webhooks.received', () => (announced += 1));
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const sender = new Worker(SENDER, {
      eval: true,
      workerData: { port: c.subsystem.status().port, headers: signed('evt_blocked', body), body, dbPath: join(tmp.dir, 'console.db'), eventId: 'evt_blocked', flag },
    });
    const report = new Promise<{ status?: number; row?: { state: string; applied: number } | null; error?: string }>((r) => sender.once('message', r));
    await new Promise((r) => sender.once('online', r));
    sender.postMessage('go');
    // Main's thread stops here (no event loop, no I/O) until the sender has its answer.
    const woke = Atomics.wait(flag, 0, 0, 10_000);
    const announcedWhileBlocked = announced;
    expect(woke).toBe('ok');
    expect(flag[0]).toBe(1);
    expect(announcedWhileBlocked).toBe(0);
    expect(fetched).toEqual([]);
    // Acknowledged and durable while main could not run a single line; not yet applied.
    expect(await report).toEqual({ status: 200, row: { state: 'pending', applied: 1 } });
    await sender.terminate();
    await settle(c);
    expect(fetched).toEqual(['cst_blocked']);
    expect(announced).toBe(1);
    expect(c.subsystem.inbox.pending()).toEqual([]);
  });

  it('applies each acknowledged delivery exactly once on main, redeliveries and restarts included', async () => {
    const applied = vi.spyOn(WebhookProcessor.prototype, 'apply');
    const ids = Array.from({ length: 40 }, (_, i) => `evt_once_${i}`);
    // On screen, so each is re-fetched at once rather than in the paced background queue.
    for (const id of ids) c.subsystem.openCustomers.touch(`cst_${id}`);
    const send = (id: string) => {
      const body = envelope(id, 'customer.updated', `cst_${id}`);
      return post(c, signed(id, body), body);
    };
    const first = await Promise.all(ids.map(send));
    expect(first.map((r) => r.status)).toEqual(ids.map(() => 200));
    // OMS redelivers what it thinks was not received: acknowledged again, applied never again.
    const again = await Promise.all(ids.slice(0, 10).map(send));
    expect(again.map((r) => (JSON.parse(r.body) as { duplicate: boolean }).duplicate)).toEqual(Array(10).fill(true));
    await settle(c);
    await c.stop();
    c = await startConsole(tmp.dir, { refetchCustomer: async (id) => (fetched.push(id), customerView(id)) });
    await settle(c);
    expect([...fetched].sort()).toEqual(ids.map((id) => `cst_${id}`).sort());
    const rows = c.subsystem.inbox.listRecords({ limit: 100 }).items;
    const seqs = rows.filter((r) => r.applied).map((r) => r.seq);
    expect(seqs).toHaveLength(40);
    expect(applied.mock.calls.map(([e]) => e.seq).sort((a, b) => a - b)).toEqual(seqs.sort((a, b) => a - b));
    expect(rows.filter((r) => r.duplicate)).toHaveLength(10);
    applied.mockRestore();
  });

  it('stopping mid-stream loses nothing acknowledged: every 2xx has its row, applied by the next start', async () => {
    const applied = vi.spyOn(WebhookProcessor.prototype, 'apply');
    const port = c.subsystem.status().port!;
    const acked: string[] = [];
    let stopping: Promise<void> | null = null;
    let refused = 0;
    // Four senders in a loop; the console is stopped once 60 deliveries are acknowledged. A wallet
    // event's effect is immediate (no re-fetch queue), so what is left pending is what the stop cut.
    const sender = async (n: number) => {
      for (let i = 0; i < 400; i++) {
        const id = `evt_stream_${n}_${i}`;
        const body = envelope(id, 'wallet.updated', `cst_s${n}`);
        const r = await httpRequest(port, { headers: signed(id, body), body }).catch(() => null);
        if (r?.status === 200) acked.push(id);
        else if (stopping) return void (refused += 1);
        if (acked.length >= 60) stopping ??= c.stop();
      }
    };
    await Promise.all([0, 1, 2, 3].map(sender));
    await stopping;
    expect(acked.length).toBeGreaterThanOrEqual(60);
    expect(refused).toBeGreaterThan(0); // the stream really was cut, not finished
    const db = new DatabaseSync(join(tmp.dir, 'console.db'), { readOnly: true });
    const rows = db.prepare("SELECT seq, event_id FROM webhook_inbox WHERE event_id LIKE 'evt_stream_%'").all() as { seq: number; event_id: string }[];
    db.close();
    const seqOf = new Map(rows.map((r) => [r.event_id, r.seq]));
    expect(acked.filter((id) => !seqOf.has(id))).toEqual([]);
    // The next start applies whatever the stop left pending; nothing acknowledged stays unapplied.
    c = await startConsole(tmp.dir);
    await settle(c);
    expect(c.subsystem.inbox.pending()).toEqual([]);
    const ran = new Set(applied.mock.calls.map(([e]) => e.seq));
    expect(acked.filter((id) => !ran.has(seqOf.get(id)!))).toEqual([]);
    applied.mockRestore();
  });
});
