/**
 * The full console at N signed webhooks/s with the UI open: a real console process in
 * browser mode with its embedded sandbox, real re-fetches through the sandbox, a real bridge
 * WebSocket subscribed to events, and a search loop through the bridge, while signed deliveries
 * arrive at a fixed rate over loopback. Prints ack p50/p95/p99, achieved rate and lost deliveries
 * (inbox rows compared to what was sent).
 *
 * Run: node bench/webhooks-console.bench.ts [rate=1000] [seconds=10] [openCustomers=20]
 * (BENCH_NO_SEARCH=1 / BENCH_NO_WS=1 leave the search loop / the WebSocket out, to tell their shares apart;
 * OMS_WEBHOOK_LISTENER_THREAD=main puts the listener back on main's thread, for a side-by-side run.)
 * Needs the built renderer (npm run build): browser mode refuses to start without it.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import WebSocket from 'ws';
import { signStandardWebhooks } from '../src-main/webhooks/signature-verifier.ts';
import { startConsole } from '../test/e2e/fixtures/console-process.ts';

const rate = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 10);
const openCount = Number(process.argv[4] ?? 20);
if (!(rate > 0 && rate <= 5000 && seconds > 0 && seconds <= 60)) throw new Error('rate must be 1..5000 and seconds 1..60');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * CPU time (user + system, ms) the console process has used: on a shared machine the latencies
 * swing with other load, while CPU per delivery does not, so both are printed.
 */
function consoleCpuMs(dataDir: string): number | null {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
    } catch {
      /* gone or not ours */
    }
  }
  return null;
}

const con = await startConsole();
const bridgeHeaders = { authorization: `Bearer ${con.token}`, 'content-type': 'application/json' };

/** One IPC call through the bridge, as the renderer makes it. */
async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${con.origin}/api/invoke/${channel}`, { method: 'POST', headers: bridgeHeaders, body: JSON.stringify(input) });
  const r = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!r.ok) throw new Error(`${channel}: ${r.error?.code} ${r.error?.message}`);
  return r.data as T;
}
/** One call to the inbox domain (the webhook deliveries main received). */
const inboxCall = <T>(op: string, input: unknown = {}): Promise<T> => call<T>(`inbox.${op}`, input);

try {
  // 1. The console registers its listener with its sandbox; wait for that, then take the secret
  //    back through the sandbox's control API (the console never hands it out).
  type Status = { state: string; url: string | null; secretFingerprints: string[] };
  let status: Status = { state: 'stopped', url: null, secretFingerprints: [] };
  for (let i = 0; i < 300 && !(status.url && status.secretFingerprints.length); i++) {
    status = await inboxCall<Status>('listenerStatus');
    if (!status.secretFingerprints.length) await sleep(100);
  }
  if (!status.url) throw new Error(`listener not ready: ${JSON.stringify(status)}`);
  // The local profile seeds its sandbox on first start, in the background: let that finish, so the
  // figures are about webhooks, not about seeding.
  let sandbox = await call<{ baseUrl: string | null; customers: number | null }>('sandbox.status');
  for (let i = 0, last = -1; i < 600 && sandbox.customers !== last; i++) {
    last = sandbox.customers ?? -1;
    await sleep(500);
    sandbox = await call('sandbox.status');
  }
  const hooks = await call<{ id: string; url: string }[]>('webhooks.list');
  const hook = hooks.find((h) => h.url === status.url);
  if (!sandbox.baseUrl || !hook) throw new Error('no sandbox endpoint for the listener');
  const sandboxOrigin = new URL(sandbox.baseUrl).origin;
  const { secret } = (await (await fetch(`${sandboxOrigin}/_sandbox/webhooks/${hook.id}/secret`)).json()) as { secret: string };
  const refetches = async () => {
    const stats = (await (await fetch(`${sandboxOrigin}/_sandbox/stats`)).json()) as { requests?: Record<string, number> };
    return stats.requests?.['GET /customers/{id}'] ?? 0;
  };

  // 2. The UI: customers open (their events re-fetch at once), a WebSocket on the event channel.
  const page = await call<{ items: { id: string }[] }>('customers.search', { limit: 100 });
  const ids = page.items.map((c) => c.id);
  const open = ids.slice(0, openCount);
  const background = ids.slice(openCount);
  for (const id of open) await call('customers.get', { customerId: id });
  const frames = new Map<string, number>();
  const wsOn = process.env.BENCH_NO_WS !== '1';
  const ws = new WebSocket(`ws://127.0.0.1:${new URL(con.origin).port}/api/events`, { headers: { authorization: bridgeHeaders.authorization, origin: con.origin } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  if (!wsOn) ws.close();
  ws.on('message', (d) => {
    const name = (JSON.parse(String(d)) as { name: string }).name;
    frames.set(name, (frames.get(name) ?? 0) + 1);
  });

  // 3. Deliveries signed up front: the sender stands in for OMS on another machine, so its signing
  //    must not take CPU from the console during the run (timestamps stay inside the 300 s window).
  const run = randomUUID().slice(0, 8);
  const total = Math.round(rate * seconds);
  const types = ['customer.endorsement.granted', 'customer.updated', 'transaction.cryptoToCrypto.completed'];
  const deliveries = Array.from({ length: total }, (_, i) => {
    const id = `bench_${run}_${i}`;
    // Half about customers the reviewer has open, half about others (paced background re-fetches).
    const customerId = i % 2 === 0 ? open[i % open.length]! : background[i % background.length]!;
    const object = { id: customerId, object: 'customer', status: 'active' };
    const body = JSON.stringify({ id, object: 'event', type: types[i % types.length], createdAt: new Date().toISOString(), data: { object } });
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': signStandardWebhooks(secret, id, ts, body),
    };
    return { body, headers };
  });

  // 4. A reviewer searching the whole time (and once before, quiet, for comparison).
  const terms = ['ma', 'jo', 'smi', 'an', 'rodrig', 'li', 'mar', 'el'];
  const quietMs: number[] = [];
  for (let i = 0; i < 16; i++) {
    const began = performance.now();
    await call('customers.search', { q: terms[i % terms.length], limit: 50 });
    quietMs.push(performance.now() - began);
  }
  let searching = process.env.BENCH_NO_SEARCH !== '1';
  const searchMs: number[] = [];
  const searchLoop = (async () => {
    for (let i = 0; searching; i++) {
      const began = performance.now();
      await call('customers.search', { q: terms[i % terms.length], limit: 50 }).catch(() => {});
      searchMs.push(performance.now() - began);
    }
  })();

  // 5. The deliveries at a fixed rate for a fixed time (bounded: rate × seconds), loopback only.
  const port = new URL(status.url).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const acks: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const send = (i: number) =>
    new Promise<void>((resolve) => {
      const { body, headers } = deliveries[i]!;
      const began = performance.now();
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      const req = request({ host: '127.0.0.1', port, path: '/webhooks/oms', method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          acks.push(performance.now() - began);
          if (res.statusCode !== 200) non2xx += 1;
          inFlight -= 1;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        inFlight -= 1;
        resolve();
      });
      req.end(body);
    });

  const pending: Promise<void>[] = [];
  const refetchesBefore = await refetches();
  const load = loadavg()[0]!;
  const cpuBefore = consoleCpuMs(con.dataDir);
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (sent < due) pending.push(send(sent++));
    await sleep(1);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  const ackedSeconds = (performance.now() - started) / 1000;
  const cpuAfter = consoleCpuMs(con.dataDir);
  searching = false;
  await searchLoop;
  const refetchCount = (await refetches()) - refetchesBefore;

  // 6. Lost = sent and not in the inbox as a verified row. Read the console's own store.
  const db = new DatabaseSync(join(con.dataDir, 'console.db'), { readOnly: true });
  const count = (sql: string) => (db.prepare(sql).get(`bench_${run}_%`) as { n: number }).n;
  const stored = count("SELECT count(*) AS n FROM webhook_inbox WHERE event_id LIKE ? AND verdict = 'verified'");
  const pendingApply = count("SELECT count(*) AS n FROM webhook_inbox WHERE event_id LIKE ? AND state = 'pending'");
  db.close();
  ws.close();
  agent.destroy();

  console.log(`webhooks-console bench — ${new Date().toISOString()} — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at start ${load.toFixed(1)}`);
  console.log(`target ${rate}/s for ${seconds} s = ${total} signed deliveries; ${open.length} customers open, ${background.length} others; search loop ${process.env.BENCH_NO_SEARCH === '1' ? 'off' : 'on'}, WebSocket ${wsOn ? 'on' : 'off'}; ` +
      `listener on ${process.env.OMS_WEBHOOK_LISTENER_THREAD === 'main' ? "main's thread (OMS_WEBHOOK_LISTENER_THREAD=main)" : 'its worker thread'}`);
  console.log('| figure | value |\n|---|---|');
  console.log(`| achieved send rate | ${(total / sendSeconds).toFixed(0)}/s (last ack after ${ackedSeconds.toFixed(1)} s) |`);
  console.log(`| ack p50 / p95 / p99 / max | ${ms(pct(acks, 50))} / ${ms(pct(acks, 95))} / ${ms(pct(acks, 99))} / ${ms(Math.max(...acks))} |`);
  console.log(`| non-2xx / socket errors | ${non2xx} / ${errors} |`);
  console.log(`| lost (sent − verified inbox rows) | ${total - stored} |`);
  console.log(`| acknowledged, effect still pending at the end | ${pendingApply} |`);
  console.log(`| peak requests in flight | ${peakInFlight} |`);
  if (cpuBefore !== null && cpuAfter !== null) {
    const perDelivery = ((cpuAfter - cpuBefore) * 1000) / total;
    console.log(`| console CPU while sending (all work: acks, effects, searches) | ${((cpuAfter - cpuBefore) / 1000).toFixed(1)} s = ${perDelivery.toFixed(0)} µs per delivery |`);
  }
  console.log(`| customer re-fetches the sandbox served during the run | ${refetchCount} |`);
  console.log(`| searches through the bridge during the run: n, p50 / p95 | ${searchMs.length}, ${ms(pct(searchMs, 50))} / ${ms(pct(searchMs, 95))} |`);
  console.log(`| the same searches before the run (no deliveries): p50 / p95 | ${ms(pct(quietMs, 50))} / ${ms(pct(quietMs, 95))} |`);
  console.log(`| WebSocket frames | ${[...frames].map(([k, v]) => `${k.replace('event.', '')} ${v}`).join(', ')} |`);
} finally {
  await con.stop();
}
