// SIGTERM while deliveries are arriving: the relay stops accepting, lets the ingests under way be
// stored and answered, then exits 0; every acknowledged delivery is there after a restart, whole.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, RedisServer } from '../unit/relay/support/relay-harness.ts';
import { ENGINES, numberedSenders, startRedis, subscribe, tempDir } from '../unit/relay/support/relay-harness.ts';
import { runRelayCli, startRelayProcess } from '../unit/relay/support/relay-process.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

/** One keep-alive connection on which the test sends requests byte by byte and reads the answers' status codes. */
function rawConnection(url: string): Promise<{ sock: Socket; send: (s: string) => void; nextStatus: () => Promise<number> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let text = '';
    let read = 0;
    let closed = false;
    const waiters = new Set<() => void>();
    const nextStatus = () =>
      new Promise<number>((r) => {
        const check = () => {
          // The answers are small JSON bodies, so status lines are the only "HTTP/1.1 " in the stream.
          const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
          if (statuses.length <= read && !closed) return;
          waiters.delete(check);
          r(statuses.length > read ? statuses[read++]! : 0);
        };
        waiters.add(check);
        check();
      });
    const sock = connect(Number(port), hostname, () => resolve({ sock, send: (s) => sock.write(s), nextStatus }));
    sock.on('data', (c: Buffer) => {
      text += c.toString();
      for (const w of [...waiters]) w();
    });
    sock.on('close', () => {
      closed = true;
      for (const w of [...waiters]) w();
    });
    sock.on('error', reject);
  });
}

const post = (body: string, id: string) => `POST /hooks/team HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\nwebhook-id: ${id}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;

describe.each(ENGINES)('relay stopped with SIGTERM during ingest (%s)', (engine: Engine) => {
  it('answers the ingests under way, loses nothing acknowledged, writes nothing half, and exits 0', async () => {
    const tmp = tempDir('relay-stop-');
    const storeArgs = engine === 'sqlite' ? ['--data-dir', tmp.dir] : ['--engine', 'redis', '--redis-url', redis.url, '--redis-prefix', `stop${process.pid}`];
    const minted = runRelayCli(['token', 'mint', '--channel', 'team', '--name', 'alice', ...storeArgs]);
    expect(minted.status, minted.stderr).toBe(0);
    const token = minted.stdout.trim();
    const flags = [...storeArgs, '--rate', '100000', '--burst', '100000', '--log-level', 'warn', '--shutdown-timeout', '30'];
    const first = await startRelayProcess(flags);
    try {
      // A sender that is halfway through its body when the stop comes.
      const slow = await rawConnection(first.url);
      const slowBody = JSON.stringify({ id: 'evt_slow', n: -1, pad: 'x'.repeat(2000) });
      slow.send(`${post('{"id":"evt_warm","n":-2}', 'msg_warm')}{"id":"evt_warm","n":-2}`);
      expect(await slow.nextStatus()).toBe(200);
      slow.send(post(slowBody, 'msg_slow') + slowBody.slice(0, 1000));

      const senders = numberedSenders(first.url, 'team');
      await senders.ackedAtLeast(200);
      await new Promise((r) => setTimeout(r, 300)); // let the relay read the slow request's head
      const exited = new Promise<number | null>((r) => first.child.once('exit', (code) => r(code)));
      first.child.kill('SIGTERM');
      while (!first.logs().includes('"msg":"stopping"')) await new Promise((r) => setTimeout(r, 20));
      slow.send(slowBody.slice(1000));
      expect(await slow.nextStatus()).toBe(200);
      await senders.stop();
      expect(await exited).toBe(0);
      expect(first.logs()).toContain('"msg":"stopped"');
      slow.sock.destroy();
      const acked = [...senders.acked, -1, -2];

      const second = await startRelayProcess(flags);
      try {
        const sub = await subscribe(second.url, 'team', token);
        await sub.waitFor((e) => e.some((x) => x.event === 'caught-up'), 20_000, 'caught-up');
        sub.close();
        const stored = sub.deliveries().map((d) => {
          const body = JSON.parse(d.body.toString()) as { id: string; n: number };
          expect(body.id).toBe(`evt_${body.n === -1 ? 'slow' : body.n === -2 ? 'warm' : body.n}`);
          expect(d.headers['webhook-id']).toBe(`msg_${body.n === -1 ? 'slow' : body.n === -2 ? 'warm' : body.n}`);
          return body.n;
        });
        expect(new Set(stored).size).toBe(stored.length);
        expect(acked.filter((n) => !stored.includes(n))).toEqual([]);
        expect(sub.deliveries().find((d) => d.headers['webhook-id'] === 'msg_slow')!.body.toString()).toBe(slowBody);
      } finally {
        await second.kill('SIGTERM');
      }
    } finally {
      await first.kill('SIGKILL');
      tmp.remove();
    }
  }, 120_000);
});
