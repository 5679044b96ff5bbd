import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerView, envelope, post, signed, startConsole, tempDir, type Console } from './harness.ts';

// What the console bench found — a transaction per delivery, a settings read per
// delivery, and effects competing with acks. Counted here (never timed: bench/ prints the speed).

/**
 * A burst as it reaches the listener from another process: every connection open first, then all
 * requests written in one go, so they arrive together (an in-process client would trickle them).
 */
async function burst(port: number, requests: { headers: Record<string, string>; body: string }[]): Promise<number[]> {
  const sockets = await Promise.all(
    requests.map(() => new Promise<Socket>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    })),
  );
  // Let the server accept them all, as with a sender's kept-alive connections (else each accept
  // lands in its own loop turn and the burst trickles in).
  await new Promise((r) => setTimeout(r, 100));
  const replies = sockets.map(
    (s) =>
      new Promise<number>((resolve) => {
        let text = '';
        s.on('data', (d) => {
          text += d.toString();
          if (text.includes('\r\n\r\n')) {
            resolve(Number(text.slice(9, 12)));
            s.destroy();
          }
        });
        s.on('close', () => resolve(Number(text.slice(9, 12)) || 0));
      }),
  );
  requests.forEach(({ headers, body }, i) => {
    const head = Object.entries({ ...headers, host: '127.0.0.1', 'content-length': String(Buffer.byteLength(body)), connection: 'close' })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    sockets[i]!.write(`POST /webhooks/oms HTTP/1.1\r\n${head}\r\n\r\n${body}`);
  });
  return Promise.all(replies);
}

describe('pipeline under a burst', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Console;
  let profileReads = 0;
  let fetches = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  beforeEach(async () => {
    tmp = tempDir();
    profileReads = 0;
    fetches = 0;
    c = await startConsole(tmp.dir, {
      activeProfileId: () => (profileReads++, 'local'),
      // Every re-fetch hangs until released: acks must not wait for effects.
      refetchCustomer: async (id) => {
        if (id === 'cst_open') fetches++;
        await gate;
        return customerView(id);
      },
    });
  });
  afterEach(async () => {
    release();
    await c.stop();
    tmp.remove();
  });

  it('300 concurrent deliveries: all acked and stored before any effect ends, in few transactions, with few settings reads', async () => {
    c.subsystem.openCustomers.touch('cst_open');
    const first = envelope('evt_first', 'customer.updated', 'cst_open');
    expect((await post(c, signed('evt_first', first), first)).status).toBe(200);
    for (let i = 0; i < 100 && fetches === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fetches).toBe(1); // now hanging
    // The listener's commits are its thread's (main's batcher writes relay rows and outcomes).
    const commitsBefore = (await c.subsystem.sync()).commits;
    const readsBefore = profileReads;
    const statuses = await burst(
      c.subsystem.status().port!,
      Array.from({ length: 300 }, (_, i) => {
        const id = `evt_burst_${i}`;
        const body = envelope(id, 'customer.updated', i % 2 ? 'cst_open' : `cst_bg_${i}`);
        return { headers: signed(id, body), body };
      }),
    );
    expect(statuses).toEqual(Array(300).fill(200));
    // Every acknowledged row is committed (the ack waited for its commit) …
    expect(c.subsystem.inbox.list({ limit: 500 }).items.filter((e) => e.eventId?.startsWith('evt_burst_'))).toHaveLength(300);
    // … while the open customer's re-fetch is still hanging: acks never wait for effects.
    expect(fetches).toBe(1);
    expect(c.subsystem.inbox.pending().length).toBeGreaterThan(150);
    const commits = (await c.subsystem.sync()).commits - commitsBefore;
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(300);
    expect(profileReads - readsBefore).toBeLessThan(10);
    for (let i = 0; i < 100 && c.subsystem.processor.applyBacklog > 0; i++) await new Promise((r) => setImmediate(r));
    release();
    for (let i = 0; i < 100 && fetches < 2; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 150));
    // The open customer's 150 events during its hanging fetch collapse into one more fetch.
    expect(fetches).toBe(2);
  });

  it('a profile switch is seen by the very next delivery (the cached profile is dropped)', async () => {
    let active = 'local';
    await c.stop();
    c = await startConsole(tmp.dir, { activeProfileId: () => active });
    const b1 = envelope('evt_p1', 'customer.updated', 'cst_1');
    await post(c, signed('evt_p1', b1), b1);
    active = 'oms-sandbox';
    c.bus.publish('event.session.profileChanged', { profileId: active });
    const b2 = envelope('evt_p2', 'customer.updated', 'cst_1');
    await post(c, signed('evt_p2', b2), b2);
    expect(c.subsystem.inbox.listRecords({}).items.map((e) => [e.eventId, e.profileId])).toEqual([
      ['evt_p2', 'oms-sandbox'],
      ['evt_p1', 'local'],
    ]);
  });
});
