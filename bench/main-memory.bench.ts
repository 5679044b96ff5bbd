/**
 * Main's memory with a 100,000-customer directory (budget: RSS ≤ 300 MB), main alone in its process.
 * The OMS is the sandbox as a process of its own (`node src-sandbox/cli.ts --documented-only`: no
 * text search, so the console builds its directory), seeded to N customers. Main is what browser
 * mode ships (`out/main/browser-main.js`, started as the e2e fixture starts it) on a data dir whose
 * active profile already points at that sandbox, as after a restart: on the local profile main
 * would start its embedded sandbox (a thread and its store) and the figure would hold it too.
 * The bench sets the profile's credentials through the bridge (session only), starts the walk
 * with a text search, and once the directory is ready uses it (typed searches, record opens).
 * RSS and peak RSS come from /proc/<pid>/status (every thread of main: listener, workers); the
 * heap is main thread's V8 heap from the inspector (`--inspect` on loopback, which is also how the
 * bench forces a full GC: HeapProfiler.collectGarbage). Electron's main process adds its runtime.
 * Run: node bench/main-memory.bench.ts [customers=100000]   (build first: npm run build)
 * To try V8 flags on main: BENCH_MAIN_V8_FLAGS='--max-semi-space-size=4' (added to main's NODE_OPTIONS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { openDatabase } from '../src-main/store/database.ts';
import { SettingsStore } from '../src-main/store/settings-store.ts';
import { ProfilesStore } from '../src-main/services/settings/profiles.repo.ts';
import { staleBuild, startConsole } from '../test/e2e/fixtures/console-process.ts';

const total = Number(process.argv[2] ?? 100_000);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const KEY = 'sk_sdbx_memory_bench_0123456789';
const SECRET = 'memory-bench-secret-0123456789abcdef';
const PROFILE = 'bench-remote';
const root = join(import.meta.dirname, '..');

const stale = staleBuild();
if (stale) throw new Error(`${stale} (this bench measures the shipped bundle: run npm run build first)`);
console.log(`main memory — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · load ${load()}`);

const children: ChildProcess[] = [];
process.once('exit', () => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGTERM')));
const sbDir = mkdtempSync(join(tmpdir(), 'oms-main-memory-sandbox-'));
const dataDir = mkdtempSync(join(tmpdir(), 'oms-main-memory-'));
try {
  const sb = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', join(root, 'src-sandbox/cli.ts'), '--port', '0', '--json', '--quiet', '--data-dir', sbDir, '--seed', '2000', '--documented-only', '--review-delay', '0', '--api-key', KEY, '--api-secret', SECRET], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(sb);
  const origin = await new Promise<string>((resolve, reject) => {
    sb.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
    createInterface({ input: sb.stdout! }).on('line', (l) => {
      if (l.startsWith('{') && (JSON.parse(l) as { event?: string }).event === 'ready') resolve((JSON.parse(l) as { origin: string }).origin);
    });
  });
  const t = performance.now();
  for (let left = total - 2000; left > 0; left -= 50_000) {
    const res = await fetch(`${origin}/_sandbox/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: Math.min(50_000, left), seed: 900 + left }) });
    if (!res.ok) throw new Error(`seed: ${res.status} ${await res.text()}`);
  }
  console.log(`sandbox process (documented-only, its default 25 requests/s) seeded to ${total.toLocaleString('en')} customers in ${((performance.now() - t) / 1000).toFixed(1)} s · load ${load()}`);

  const db = openDatabase(join(dataDir, 'console.db'));
  const profiles = new ProfilesStore(new SettingsStore(db));
  profiles.save({ id: PROFILE, name: 'Bench OMS', kind: 'custom', baseUrl: origin, apiVersion: 'v0.9', webhookVerification: 'enforce' });
  profiles.setActiveId(PROFILE);
  db.close();

  const flags = process.env.BENCH_MAIN_V8_FLAGS ?? '';
  if (flags) console.log(`main's extra V8 flags: ${flags}`);
  const app = await startConsole({ dataDir, env: { NODE_OPTIONS: `--inspect=127.0.0.1:0 ${flags}`.trim() } });
  try {
    const pid = readdirSync('/proc').find((p) => /^\d+$/.test(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dataDir) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('browser-main'));
    const inspectorUrl = app.stderr.map((l) => /ws:\/\/127\.0\.0\.1:\d+\/\S+/.exec(l)?.[0]).find(Boolean);
    if (!pid || !inspectorUrl) throw new Error(`could not find main's process (${pid}) or its inspector (${inspectorUrl})`);
    const cdp = await inspector(inspectorUrl);
    const call = async <T>(channel: string, input: object): Promise<T> => {
      const res = await fetch(`${app.origin}/api/invoke/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const r = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
      if (!r.ok) throw new Error(`${channel}: ${r.error?.code} ${r.error?.message}`);
      return r.data as T;
    };
    const status = () => Object.fromEntries(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').map((l) => l.split(':').map((s) => s.trim())));
    const kb = (v: string | undefined) => Number((v ?? '0').split(' ')[0]) * 1024;
    const snap = async (label: string, gc: boolean) => {
      if (gc) await cdp('HeapProfiler.collectGarbage');
      const heap = (await cdp('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      const s = status();
      console.log(`| ${label} | ${mb(kb(s.VmRSS))} | ${mb(heap.usedSize)} / ${mb(heap.totalSize)} | ${s.Threads} | ${load()} |`);
      return kb(s.VmRSS);
    };
    if ((await call<{ profile: { id: string } }>('app.info', {})).profile.id !== PROFILE) throw new Error('main did not start on the bench profile');
    await call('settings.setCredentials', { profileId: PROFILE, apiKey: KEY, apiSecret: SECRET, sessionOnly: true });
    console.log(`\nmain: node out/main/browser-main.js, pid ${pid}\n\n| main process | RSS | main thread's heap used / total | threads | load |\n|---|---|---|---|---|`);
    await snap('started, no OMS call yet, after a forced GC', true);
    const t0 = performance.now();
    await call('customers.search', { q: 'ma', limit: 50 }); // the first text search starts the walk
    let st = await call<{ state: string; indexed: number }>('customers.directory', {});
    // Sampled while it walks: whether the peak is live data or garbage not yet collected.
    const during = { used: 0, total: 0, rss: 0 };
    while (st.state !== 'ready') {
      if (st.state === 'failed' || st.state === 'off') throw new Error(`the directory is ${st.state}: ${JSON.stringify(st)}`);
      await new Promise((r) => setTimeout(r, 500));
      const heap = (await cdp('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      Object.assign(during, { used: Math.max(during.used, heap.usedSize), total: Math.max(during.total, heap.totalSize), rss: Math.max(during.rss, kb(status().VmRSS)) });
      st = await call<{ state: string; indexed: number }>('customers.directory', {});
    }
    console.log(`| during the walk, sampled every 0.5 s: largest | ${mb(during.rss)} | ${mb(during.used)} / ${mb(during.total)} | | ${load()} |`);
    await snap(`directory ready: ${st.indexed.toLocaleString('en')} customers walked in ${((performance.now() - t0) / 1000).toFixed(1)} s`, false);
    // A few seconds on: the walk's page thread stops once idle for 2 s (directory-pages.ts).
    await new Promise((r) => setTimeout(r, 3000));
    const walked = await snap('3 s later, after a forced GC', true);
    let opened = 0;
    let searches = 0;
    for (const q of ['ma', 'rodrig', 'mary smith', 'globex', 'crm-15000', 'jo']) {
      for (let n = 1; n <= q.length; n++) {
        const page = await call<{ items: { id: string }[] }>('customers.search', { q: q.slice(0, n), limit: 50 });
        searches += 1;
        for (const c of page.items.slice(0, n === q.length ? 5 : 0)) opened += (await call('customers.get', { customerId: c.id }), 1);
      }
    }
    await snap(`after ${searches} typed searches and ${opened} record opens`, false);
    const used = await snap('the same, after a forced GC', true);
    const peak = kb(status().VmHWM);
    console.log(`\nmain RSS with a ${total.toLocaleString('en')}-customer directory: ${mb(walked)} after the walk, ${mb(used)} after use (each after a forced GC), peak ${mb(peak)} (VmHWM) — budget ≤ 300 MB${Math.max(walked, used) > 300 * 1048576 ? ': OVER' : ''} · load ${load()}`);
    cdp.close();
  } finally {
    await app.stop();
  }
} finally {
  children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  rmSync(sbDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}

/** A minimal CDP client over the inspector's WebSocket: one call at a time, answers by id. */
async function inspector(url: string) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const waiting = new Map<number, (r: unknown) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      waiting.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  // An open socket keeps the bench's process (and the sandbox it started) alive after the report.
  return Object.assign(call, { close: () => ws.close() });
}
