/**
 * Relay at team scale, for each engine, with the relay as its own process (`node src-relay/cli.ts
 * serve`, as deployed; log level warn) and the senders and subscribers in this one:
 *   1. ingest: `deliveries` POSTs from `senders` keep-alive connections as fast as they are
 *      acknowledged, first with no subscriber, then while 50 SSE subscribers follow the channel
 *      (from=latest): acknowledged ingests/s, and CPU per delivery of the relay and of this process;
 *   2. paced: 1,000 deliveries/s for `pacedSeconds` on a fixed schedule (an ack that is late delays
 *      no later send): ack latency from each scheduled send, and delivery latency from that send to
 *      each of the 50 subscribers;
 *   3. catch-up: 100,000 deliveries already stored, one subscriber connects without a cursor: time
 *      from the request to the `caught-up` event.
 * Every figure is printed with os.loadavg() taken right after it (the machine is shared).
 * SQLite: a temp dir (WAL, synchronous=FULL); Redis: a private redis-server from the Debian
 * package with appendonly yes + appendfsync always, as the relay requires.
 * Run: node bench/relay-scale.bench.ts [deliveries=10000] [senders=64] [pacedSeconds=5] [backlog=100000]
 */
import { readFileSync } from 'node:fs';
import { Agent, get, request } from 'node:http';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RelayStore } from '../src-relay/relay-types.ts';
import { mintToken } from '../src-relay/relay-tokens.ts';
import type { Engine } from '../test/unit/relay/support/relay-harness.ts';
import { ENGINES, openTestStore, startRedis, tempDir } from '../test/unit/relay/support/relay-harness.ts';
import { startRelayProcess } from '../test/unit/relay/support/relay-process.ts';

const N = Number(process.argv[2] ?? 10_000);
const SENDERS = Number(process.argv[3] ?? 64);
const PACED_SECONDS = Number(process.argv[4] ?? 5);
const BACKLOG = Number(process.argv[5] ?? 100_000);
const SUBSCRIBERS = 50;
const PACED_RATE = 1000;

const pct = (xs: number[], p: number) => {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
/** CPU seconds (user + system) a process has used, from /proc: what load on the shared cores hardly moves. */
const cpuOf = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const payload = (i: number) => JSON.stringify({ id: `evt_${i}`, object: 'event', type: 'customer.updated', createdAt: new Date().toISOString(), data: { object: { id: `cst_${i % 50}`, object: 'customer', status: 'active', firstName: 'José', metadata: { note: 'x'.repeat(400) } } } });

function post(agent: Agent, port: number, channel: string, i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/hooks/${channel}`, method: 'POST', agent, headers: { 'content-type': 'application/json', 'webhook-id': `msg_${i}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload(i));
  });
}

/**
 * A lean SSE follower: finds each delivery's webhook-id in the raw frames (the headers travel as
 * plain JSON beside the base64 body), so 50 of them cost little of the shared cores.
 */
function follow(port: number, path: string, token: string, onDelivery: (i: number) => void, onCaughtUp: () => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`subscribe answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let carry = '';
      res.on('data', (chunk: string) => {
        const text = carry + chunk;
        const end = text.lastIndexOf('\n\n');
        if (end < 0) {
          carry = text;
          return;
        }
        carry = text.slice(end + 2);
        for (const m of text.slice(0, end).matchAll(/"webhook-id":"msg_(\d+)"|event: caught-up/g)) {
          if (m[1] === undefined) onCaughtUp();
          else onDelivery(Number(m[1]));
        }
      });
      res.on('error', () => {});
      resolve(() => req.destroy());
    });
    req.on('error', reject);
  });
}

async function fill(store: RelayStore, channel: string, n: number): Promise<void> {
  await store.ensureChannel(channel);
  let next = 0;
  const body = Buffer.from(payload(0));
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next < n) {
      const i = next++;
      await store.append(channel, { receivedAt: Date.now(), headers: { 'content-type': 'application/json', 'webhook-id': `msg_${i}` }, body });
    }
  }));
}

async function run(engine: Engine, redisUrl: string) {
  const tmp = tempDir('relay-scale-');
  const prefix = `scale${Date.now()}`;
  // Tokens and the backlog are written straight into the store before the relay starts.
  const setup = await openTestStore(engine, { dir: tmp.dir, redisUrl, prefix }, 1_000_000);
  const tokens: string[] = [];
  for (let s = 0; s < SUBSCRIBERS; s += 1) tokens.push((await mintToken(setup, 'team', `agent${s}`)).token);
  const { token: catchUpToken } = await mintToken(setup, 'backlog', 'late');
  await fill(setup, 'backlog', BACKLOG);
  await setup.close();

  const storeArgs = engine === 'sqlite' ? ['--data-dir', tmp.dir] : ['--engine', 'redis', '--redis-url', redisUrl, '--redis-prefix', prefix];
  const relay = await startRelayProcess([...storeArgs, '--rate', '1000000', '--burst', '1000000', '--max-per-channel', '1000000', '--log-level', 'warn']);
  const port = Number(new URL(relay.url).port);
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const sentAt = new Map<number, number>();
  const arrivals = new Map<number, number[]>();
  const until = async (cond: () => boolean, what: string, limitMs = 120_000) => {
    const end = Date.now() + limitMs;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`${engine}: ${what} did not happen within ${limitMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const out: string[] = [];

  for (let i = 0; i < 200; i += 1) await post(agent, port, 'team', 10_000_000 + i);
  const relayPid = relay.child.pid!;
  let cpu = [cpuOf(relayPid), cpuOf(process.pid)];
  const cpuPer = (n: number) => {
    const now = [cpuOf(relayPid), cpuOf(process.pid)];
    const per = now.map((c, k) => (((c - cpu[k]!) / n) * 1e6).toFixed(0));
    cpu = now;
    return `relay ${per[0]} µs CPU/delivery, bench ${per[1]} µs`;
  };
  let next = 0;
  const burst = async (from: number) => {
    next = from;
    const started = performance.now();
    await Promise.all(Array.from({ length: SENDERS }, async () => {
      while (next < from + N) {
        const status = await post(agent, port, 'team', next++);
        if (status !== 200) throw new Error(`ingest answered ${status}`);
      }
    }));
    return N / ((performance.now() - started) / 1000);
  };
  cpuPer(1);
  const alone = await burst(30_000_000);
  out.push(`| ${engine} | ingest, ${SENDERS} senders, no subscribers | ${alone.toFixed(0)} ingests/s (${cpuPer(N)}) | load ${load()} |`);
  const closers = await Promise.all(tokens.map((t) => follow(port, '/channels/team/events?from=latest', t, (i) => {
    const at = sentAt.get(i);
    if (at === undefined) return;
    const list = arrivals.get(i) ?? [];
    list.push(performance.now() - at);
    arrivals.set(i, list);
  }, () => {})));
  cpuPer(1);
  const rate = await burst(0);
  out.push(`| ${engine} | ingest, ${SENDERS} senders, 50 subscribers | ${rate.toFixed(0)} ingests/s (${cpuPer(N)}) | load ${load()} |`);

  // Paced: send i is due at t0 + i ms; latencies count from when it was due.
  const total = PACED_RATE * PACED_SECONDS;
  const base = 20_000_000;
  cpuPer(1);
  const acks: number[] = [];
  const t0 = performance.now() + 50;
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < total; k += 1) {
    const due = t0 + (k * 1000) / PACED_RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sentAt.set(base + k, due);
    inFlight.push(post(agent, port, 'team', base + k).then((status) => {
      if (status !== 200) throw new Error(`paced ingest answered ${status}`);
      acks.push(performance.now() - due);
    }));
  }
  await Promise.all(inFlight);
  await until(() => { for (let k = 0; k < total; k += 1) if ((arrivals.get(base + k)?.length ?? 0) < SUBSCRIBERS) return false; return true; }, 'paced fan-out');
  const delivered = [...Array(total).keys()].flatMap((k) => arrivals.get(base + k)!);
  out.push(`| ${engine} | ack at ${PACED_RATE}/s (${total}) | p50 ${pct(acks, 50).toFixed(1)} ms · p99 ${pct(acks, 99).toFixed(1)} ms | load ${load()} |`);
  out.push(`| ${engine} | delivery at ${PACED_RATE}/s to ${SUBSCRIBERS} subscribers (${delivered.length}) | p50 ${pct(delivered, 50).toFixed(1)} ms · p99 ${pct(delivered, 99).toFixed(1)} ms (${cpuPer(total)}) | load ${load()} |`);
  for (const close of closers) close();

  cpuPer(1);
  let caught = 0;
  let caughtUp = false;
  const asked = performance.now();
  const stop = await follow(port, '/channels/backlog/events', catchUpToken, () => (caught += 1), () => (caughtUp = true));
  await until(() => caughtUp, 'catch-up');
  const catchUpSec = (performance.now() - asked) / 1000;
  stop();
  if (caught !== BACKLOG) throw new Error(`${engine}: caught up ${caught} of ${BACKLOG}`);
  out.push(`| ${engine} | catch-up of ${BACKLOG} stored deliveries, one subscriber | ${catchUpSec.toFixed(2)} s (${(BACKLOG / catchUpSec).toFixed(0)}/s; ${cpuPer(BACKLOG)}) | load ${load()} |`);

  agent.destroy();
  await relay.kill('SIGTERM');
  tmp.remove();
  return out;
}

const redis = await startRedis('always');
console.log(`relay scale bench ${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? '?'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Linux ${release()} · load at start ${load()}`);
console.log(`~${payload(0).length} B bodies; relay in its own process; senders and ${SUBSCRIBERS} SSE subscribers in this one`);
console.log('| engine | what | figure | load average (1 5 15 min) after it |');
console.log('|---|---|---|---|');
try {
  for (const engine of ENGINES) for (const line of await run(engine, redis.url)) console.log(line);
} finally {
  await redis.stop();
}
