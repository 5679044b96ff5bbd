/**
 * Relay bench, for each storage engine (SQLite file in WAL with synchronous=FULL; a private
 * redis-server with AOF, appendfsync always, as the relay requires): (1) ingest deliveries/s over loopback keep-alive HTTP with `concurrency`
 * senders while 10 SSE subscribers follow the channel, and the send → receive latency under that
 * load; (2) paced: one delivery at a time, latency from the start of the POST until each of the
 * 10 subscribers has parsed it (p50/p99 over deliveries × subscribers).
 * Run: node bench/relay-throughput.bench.ts [deliveries=2000] [concurrency=16] [paced=200]
 */
import { Agent, request } from 'node:http';
import { cpus, release, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startRelay } from '../src-relay/relay-server.ts';
import { mintToken } from '../src-relay/relay-tokens.ts';
import type { Engine, SseSubscription } from '../test/unit/relay/support/relay-harness.ts';
import { ENGINES, openTestStore, startRedis, subscribe, tempDir } from '../test/unit/relay/support/relay-harness.ts';

const N = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const PACED = Number(process.argv[4] ?? 200);
const SUBSCRIBERS = 10;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const body = (i: number, t: number) =>
  JSON.stringify({ id: `evt_${i}`, object: 'event', type: 'customer.updated', createdAt: new Date().toISOString(), t, data: { object: { id: `cst_${i % 50}`, object: 'customer', status: 'active', firstName: 'José', metadata: { note: 'x'.repeat(400) } } } });

function post(agent: Agent, port: number, payload: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/hooks/bench', method: 'POST', agent, headers: { 'content-type': 'application/json', 'webhook-id': `msg_${payload.length}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function run(engine: Engine, redisUrl: string | undefined) {
  const tmp = tempDir('relay-bench-');
  const store = await openTestStore(engine, { dir: tmp.dir, redisUrl, prefix: `bench${Date.now()}` }, 1_000_000);
  const relay = await startRelay({ store, ratePerSec: 1_000_000, rateBurst: 1_000_000 });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  // Receive times keyed by delivery index, one list per subscriber.
  const received = new Map<number, number[]>();
  const subs: SseSubscription[] = [];
  for (let s = 0; s < SUBSCRIBERS; s += 1) {
    const { token } = await mintToken(store, 'bench', `agent${s}`);
    subs.push(
      await subscribe(relay.url, 'bench', token, {
        onEvent: (e) => {
          if (e.event !== 'delivery') return;
          const now = performance.now();
          const d = JSON.parse(Buffer.from((JSON.parse(e.data) as { bodyBase64: string }).bodyBase64, 'base64').toString()) as { id: string; t: number };
          const i = Number(d.id.slice(4));
          const list = received.get(i) ?? [];
          list.push(now - d.t);
          received.set(i, list);
        },
      }),
    );
  }
  const allArrived = (from: number, to: number) => {
    for (let i = from; i < to; i += 1) if ((received.get(i)?.length ?? 0) < SUBSCRIBERS) return false;
    return true;
  };
  const until = async (cond: () => boolean, limitMs: number) => {
    const end = Date.now() + limitMs;
    while (!cond()) {
      if (Date.now() > end) throw new Error('deliveries did not all arrive in time');
      await new Promise((r) => setTimeout(r, 2));
    }
  };

  // Warm-up, then the throughput phase.
  for (let i = 0; i < 50; i += 1) await post(agent, relay.port, body(1_000_000 + i, performance.now()));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const status = await post(agent, relay.port, body(i, performance.now()));
        if (status !== 200) throw new Error(`ingest answered ${status}`);
      }
    }),
  );
  const ingestSec = (performance.now() - started) / 1000;
  await until(() => allArrived(0, N), 120_000);
  const loaded = [...Array(N).keys()].flatMap((i) => received.get(i)!);

  const pacedLat: number[] = [];
  for (let k = 0; k < PACED; k += 1) {
    const i = 2_000_000 + k;
    await post(agent, relay.port, body(i, performance.now()));
    await until(() => allArrived(i, i + 1), 10_000);
    pacedLat.push(...received.get(i)!);
  }
  for (const s of subs) s.close();
  await relay.close();
  await store.close();
  agent.destroy();
  tmp.remove();
  return { engine, rate: N / ingestSec, loadedP50: pct(loaded, 50), loadedP99: pct(loaded, 99), pacedP50: pct(pacedLat, 50), pacedP99: pct(pacedLat, 99), samples: pacedLat.length };
}

const redis = await startRedis();
console.log(`relay bench ${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? '?'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Linux ${release()}`);
console.log(`${N} deliveries (~${body(0, 0).length} B) with ${CONCURRENCY} senders, ${SUBSCRIBERS} SSE subscribers in the same process; then ${PACED} paced`);
console.log('| engine | ingest deliveries/s | under load p50 / p99 ms | paced p50 / p99 ms (×10 subscribers) |');
console.log('|---|---|---|---|');
try {
  for (const engine of ENGINES) {
    const r = await run(engine, redis.url);
    console.log(`| ${r.engine} | ${r.rate.toFixed(0)} | ${r.loadedP50.toFixed(1)} / ${r.loadedP99.toFixed(1)} | ${r.pacedP50.toFixed(2)} / ${r.pacedP99.toFixed(2)} (${r.samples} samples) |`);
  }
} finally {
  await redis.stop();
}
