/**
 * The customer directory on a documented-only OMS: the console (main, in this process, as the
 * integration tests build it) over the embedded sandbox (its own thread) in documented-only mode,
 * seeded to N customers. Prints:
 *  - the walk: time to index every customer at the default request budget (the sandbox allows 25
 *    calls a second; the console uses 20), main's event-loop delay p99 while it runs, memory;
 *  - typing: customers.search through the dispatcher (what the bridge calls), prefix by prefix at
 *    30 ms a key, p50/p95 per query, from the finished directory;
 *  - user first: while a second walk runs (a rebuild) and webhook-style background re-fetches flood
 *    the budget, user calls (customers.get, as opening a record does) p50/p95 and how many waited on a 429.
 * Run: node bench/customer-directory.bench.ts [customers=100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createConsole } from '../src-main/app/composition.ts';
import { inBackground } from '../src-main/oms/request-priority.ts';
import { MemorySecretStore } from '../src-main/secrets/memory-secret-store.ts';

const total = Number(process.argv[2] ?? 100_000);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
const caller = { transport: 'test' as const, origin: 'bench' };

console.log(`customer directory — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · load ${load()}`);
const dataDir = mkdtempSync(join(tmpdir(), 'oms-directory-bench-'));
const app = await createConsole({
  transport: 'browser',
  dataDir,
  version: 'bench',
  secretStore: new MemorySecretStore('memory'),
  sandbox: { seed: 2000, documentedOnly: true },
  webhookPort: 0,
  heartbeatMs: 60_000,
});
const call = async <T>(channel: string, input: object): Promise<T> => {
  const r = await app.dispatch(channel, input, caller);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
};
try {
  const status = await call<{ baseUrl: string }>('sandbox.status', {});
  await call('customers.search', { limit: 1 });
  const origin = new URL((await call<{ baseUrl: string }>('sandbox.status', {})).baseUrl ?? status.baseUrl).origin;
  let t = performance.now();
  for (let left = total - 2000; left > 0; left -= 50_000) {
    const res = await fetch(`${origin}/_sandbox/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: Math.min(50_000, left), seed: 700 + left }) });
    if (!res.ok) throw new Error(`seed: ${res.status} ${await res.text()}`);
  }
  console.log(`sandbox (documented-only) seeded to ${total.toLocaleString('en')} customers in ${((performance.now() - t) / 1000).toFixed(1)} s · load ${load()}`);

  // ---- the walk
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // Main's garbage-collection pauses while it builds: what the event-loop delay is made of.
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcPauses.push(e.duration)));
  gcObserver.observe({ entryTypes: ['gc'] });
  t = performance.now();
  await call('customers.search', { q: 'ma', limit: 20 }); // the first free-text search starts the directory
  let st = await call<{ state: string; indexed: number }>('customers.directory', {});
  while (st.state !== 'ready') {
    await new Promise((r) => setTimeout(r, 250));
    st = await call<{ state: string; indexed: number }>('customers.directory', {});
    if (st.state === 'failed') throw new Error(`directory failed: ${JSON.stringify(st)}`);
  }
  const buildS = (performance.now() - t) / 1000;
  loop.disable();
  gcObserver.disconnect();
  const heapAfterWalk = process.memoryUsage().heapUsed;
  global.gc?.();
  const rss1 = process.memoryUsage().rss;
  console.log(`\n| walk | figure | budget |\n|---|---|---|`);
  console.log(`| indexed | ${st.indexed.toLocaleString('en')} customers | — |`);
  console.log(`| build time at the default budget | ${buildS.toFixed(1)} s | ≤ 60 s |`);
  console.log(`| main event-loop delay while it builds | p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms | p99 ≤ 20 ms |`);
  const dir = await app.services.customerSearch.directoryIfNeeded();
  console.log(`| main GC pauses while it builds | ${gcPauses.length}, p99 ${pct(gcPauses, 99).toFixed(1)} ms, max ${Math.max(0, ...gcPauses).toFixed(1)} ms, ${(gcPauses.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s in all; heap ${mb(heapAfterWalk)} MB at the end | — |`);
  console.log(`| directory size (SQLite pages in memory) | ${mb(dir?.store.bytes() ?? NaN)} MB | ≤ 100 MB |`);
  const parts = (dir?.store.breakdown() ?? []).slice(0, 8).map((p) => `${p.name} ${(p.bytes / 1024 / 1024).toFixed(1)}`);
  console.log(`| of which (MB) | ${parts.join(', ')} | — |`);
  // This process also holds the embedded sandbox's thread and store: main's own RSS is bench/main-memory.bench.ts.
  console.log(`| RSS growth over the walk, this process (main and the embedded sandbox) | ${mb(rss1 - rss0)} MB (RSS ${mb(rss1)} MB) | main alone: main-memory bench |`);
  console.log(`load ${load()}`);

  // ---- typing
  const QUERIES = ['ma', 'rodrig', 'mary smith', 'globex', 'crm-15000', 'jo status:active'];
  console.log(`\n| typed query | p50 ms | p95 ms | rows |\n|---|---|---|---|`);
  const all: number[] = [];
  for (const q of QUERIES) {
    const xs: number[] = [];
    let rows = 0;
    for (let rep = 0; rep < 5; rep++) {
      for (let n = 1; n <= q.length; n++) {
        const text = q.slice(0, n);
        const [free, status] = text.includes(' status:') ? [text.split(' status:')[0]!, text.split(' status:')[1]] : [text, undefined];
        const s = performance.now();
        const page = await call<{ items: unknown[] }>('customers.search', { q: free, ...(status === 'active' ? { status } : {}), limit: 50 });
        xs.push(performance.now() - s);
        rows = page.items.length;
        await new Promise((r) => setTimeout(r, 30));
      }
    }
    all.push(...xs);
    console.log(`| \`${q}\` | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${rows} |`);
  }
  console.log(`all keystrokes (n=${all.length}): p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms (dispatch → rows, no renderer; budget for keystroke → rows in the full console ≤ 50 ms p95)`);

  // ---- user first
  const ids = (await call<{ items: { id: string }[] }>('customers.search', { limit: 100 })).items.map((c) => c.id);
  const userCalls = async (n: number) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await call('customers.get', { customerId: ids[i % ids.length]! });
      xs.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 100));
    }
    return xs;
  };
  const quiet = await userCalls(40);
  await call('customers.directoryControl', { action: 'rebuild' });
  // Background re-fetches as a webhook flood would ask for them: far more than the budget allows.
  let stop = false;
  const flood = (async () => {
    while (!stop) await Promise.all(Array.from({ length: 20 }, (_, i) => inBackground(() => app.services.refetchCustomer(ids[i]!)).catch(() => undefined)));
  })();
  const busy = await userCalls(40);
  stop = true;
  await flood;
  await call('customers.directoryControl', { action: 'pause' });
  const logs = await call<{ items: { status: number | null }[] }>('logs.requests', { limit: 500, minStatus: 429 });
  const limited = logs.items.filter((r) => r.status === 429).length;
  console.log(`\n| user calls (customers.get) | p50 ms | p95 ms |\n|---|---|---|`);
  console.log(`| quiet | ${pct(quiet, 50).toFixed(1)} | ${pct(quiet, 95).toFixed(1)} |`);
  console.log(`| during a directory walk and a re-fetch flood | ${pct(busy, 50).toFixed(1)} | ${pct(busy, 95).toFixed(1)} |`);
  console.log(`429 answers in the request log: ${limited} (budget: a typed search never waits on a 429; p95 within 2× quiet)`);
  console.log(`load ${load()}`);
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
