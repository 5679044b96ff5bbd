/**
 * One page of 50 search rows across each transport, split into its parts. Budget: ≤ 1 ms p95.
 *
 * Browser mode: HTTP POST to the real loopback bridge (token check, body read) → dispatcher →
 * JSON back → parsed by the caller. The caller is Node's fetch on a kept-alive connection, on a
 * worker thread of its own (a page's fetch runs in another process, not on main's thread).
 * Electron: window.oms from the real preload code over FakeIpcRenderer → the real adapter
 * (registerElectronIpc) on FakeIpcMain → dispatcher; what Electron's IPC does to the message is
 * stood in for by `structuredClone` of the input and of the answer (Electron serialises IPC
 * arguments with the structured clone algorithm). The hop between processes is not in it.
 *
 * In both the handler answers a real page (50 rows the embedded sandbox served, fetched once
 * before timing) without I/O: the figure is the boundary's and the transport's, not the search's.
 * Split per call: transport (everything but dispatch; also measured alone with a no-op dispatch
 * that hands back the page: no zod, no handler), parse (zod: the input and the strict output
 * view), handler (the rest of dispatch: dispatcher bookkeeping and the handler), and the total.
 * Run: node --expose-gc bench/bridge-roundtrip.bench.ts [calls=3000]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { operations } from '#shared/ipc/registry.ts';
import type { Operation } from '#shared/ipc/operation.ts';
import type { Result } from '#shared/ipc/result.ts';
import { createElectronOmsApi } from '../src-preload/api.ts';
import { startBrowserBridge } from '../src-main/ipc/browser-bridge.ts';
import { createDispatcher, type Dispatch } from '../src-main/ipc/dispatcher.ts';
import { registerElectronIpc } from '../src-main/ipc/electron-ipc.ts';
import { EventBridge } from '../src-main/ipc/event-bridge.ts';
import { EventBus } from '../src-main/lib/event-bus.ts';
import type { Handlers } from '../src-main/ipc/handlers.ts';
import { startTestConsole } from '../test/integration/main-support/console.ts';
import { FakeIpcMain, FakeIpcRenderer } from '../test/unit/main/electron-ipc-fakes.ts';

const calls = Number(process.argv[2] ?? 3000);
const ROUNDS = 3; // the modes alternate in rounds, so a burst of load elsewhere hits both alike
const WARMUP = 500;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const row = (label: string, ms: number[], note = '') =>
  console.log(`  ${label.padEnd(58)} ${[50, 95, 99].map((p) => (pct(ms, p) * 1000).toFixed(0).padStart(7)).join(' ')}${note}`);
const header = (what: string) => console.log(`\n${what}\n  ${''.padEnd(58)}  p50 µs  p95 µs  p99 µs`);
const caller = { transport: 'test' as const, origin: 'bench' };
const QUERY = { q: 'ma', limit: 50 };

// The integration tests' console (temp data dir, embedded sandbox), only to get a real page.
const t = await startTestConsole({ sandbox: { seed: 60, reviewDelayMs: 0, rateLimitPerSec: 100_000 } });
const found = await t.app.dispatch('customers.search', { limit: 50 }, caller);
await t.close();
if (!found.ok) throw new Error(found.error.message);
const page = found.data as { items: unknown[] };
if (page.items.length !== 50) throw new Error(`expected a page of 50 rows, got ${page.items.length}`);
const noopAnswer: Result<unknown> = { ok: true, data: page };

/** The real dispatcher and contract, the search's zod parses timed where the dispatcher calls them. */
function timedDispatch() {
  let parseMs = 0;
  const timed = <S extends { safeParse: (x: unknown) => unknown }>(schema: S) =>
    ({ safeParse: (x: unknown) => {
      const t0 = performance.now();
      const r = schema.safeParse(x);
      parseMs += performance.now() - t0;
      return r;
    } }) as unknown as S;
  const search = operations.get('customers.search')!;
  const ops = new Map<string, Operation>(operations);
  ops.set(search.channel, { ...search, input: timed(search.input), output: timed(search.output) });
  const inner = createDispatcher({
    handlers: { customers: { search: async () => page } } as unknown as Handlers,
    activeProfile: () => ({ id: 'local', kind: 'local' }),
    audit: () => {},
    operations: ops,
  });
  const samples = { dispatch: [] as number[], parse: [] as number[] };
  let mode: 'noop' | 'real' = 'real';
  const dispatch: Dispatch = async (channel, input, c, signal) => {
    if (mode === 'noop') return noopAnswer;
    parseMs = 0;
    const t0 = performance.now();
    const r = await inner(channel, input, c, signal);
    samples.dispatch.push(performance.now() - t0);
    samples.parse.push(parseMs);
    return r;
  };
  return { dispatch, samples, setMode: (m: 'noop' | 'real') => (mode = m), clear: () => ((samples.dispatch = []), (samples.parse = [])) };
}

/** Main thread's GC pauses while timing, and its own CPU (not the client's thread). */
const gcPauses: number[] = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => gcPauses.push(e.duration))).observe({ entryTypes: ['gc'] });

console.log(`bridge and IPC round trip — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · load ${load()}`);
console.log(`customers.search, page of 50 rows (${JSON.stringify(noopAnswer).length.toLocaleString('en')} bytes of JSON); ${calls} timed calls per mode in ${ROUNDS} alternating rounds after ${WARMUP} to warm up; budget p95 ≤ 1 ms`);

// ---- the page's serialisation costs alone, on this thread
{
  const n = 2000;
  const times = (fn: () => unknown) => Array.from({ length: n }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });
  const json = JSON.stringify(noopAnswer);
  header('the answer alone (this thread, no transport)');
  row('JSON.stringify (what the bridge sends)', times(() => JSON.stringify(noopAnswer)));
  row('JSON.parse (what the page does with it)', times(() => JSON.parse(json)));
  row('structuredClone (what Electron IPC does to it)', times(() => structuredClone(noopAnswer)));
  const search = operations.get('customers.search')!;
  row('zod: strict output view of the page', times(() => search.output.parse(page)));
  row('zod: the input', times(() => search.input.parse(QUERY)));
}

// ---- browser mode
const d = timedDispatch();
const staticDir = mkdtempSync(join(tmpdir(), 'oms-bench-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>OMS Console</title>');
const bridge = await startBrowserBridge({ dispatch: d.dispatch, events: new EventBridge(new EventBus(), 40), staticDir, port: 0 });
const worker = new Worker(new URL('./bridge-client.worker.ts', import.meta.url), {
  workerData: { url: `${bridge.origin}/api/invoke/customers.search`, token: bridge.token, body: JSON.stringify(QUERY) },
});
type ClientRun = { total: number[]; parse: number[]; bytes: number };
let workerFailed: Error | null = null;
worker.on('error', (e) => (workerFailed = e));
const client = (n: number, kind: 'fetch' | 'http') =>
  new Promise<ClientRun>((resolve, reject) => {
    if (workerFailed) return reject(workerFailed);
    worker.once('message', resolve);
    worker.postMessage({ calls: n, client: kind });
  });
try {
  const noop: ClientRun = { total: [], parse: [], bytes: 0 };
  const real: ClientRun = { total: [], parse: [], bytes: 0 };
  const viaHttp: number[] = [];
  const dispatch: number[] = [];
  const parse: number[] = [];
  let cpuMs = 0;
  d.setMode('real');
  await client(WARMUP, 'fetch');
  d.setMode('noop');
  await client(WARMUP, 'fetch');
  await client(WARMUP, 'http');
  global.gc?.();
  gcPauses.length = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const n = Math.ceil(calls / ROUNDS);
    d.setMode('noop');
    const a = await client(n, 'fetch');
    noop.total.push(...a.total);
    noop.parse.push(...a.parse);
    viaHttp.push(...(await client(n, 'http')).total);
    d.setMode('real');
    d.clear();
    const cpu0 = process.threadCpuUsage();
    const b = await client(n, 'fetch');
    const cpu = process.threadCpuUsage(cpu0);
    cpuMs += (cpu.user + cpu.system) / 1000;
    real.total.push(...b.total);
    real.parse.push(...b.parse);
    dispatch.push(...d.samples.dispatch);
    parse.push(...d.samples.parse);
  }
  const pauses = gcPauses.splice(0);
  header(`browser mode: fetch → bridge → dispatcher → JSON parsed · load ${load()}`);
  const totalOver = pct(real.total, 95) <= 1 ? '' : '  over the 1 ms budget';
  row('total round trip', real.total, totalOver);
  row('  transport: total − dispatch (HTTP both ways, JSON, token)', real.total.map((x, i) => x - dispatch[i]!));
  row('    of which the page parsing the JSON', real.parse);
  row('  parse: zod, input and strict output view', parse);
  row('  handler: dispatcher and handler, without the parse', dispatch.map((x, i) => x - parse[i]!));
  row('transport alone: the same call, dispatch a no-op', noop.total);
  row('  the same with node:http as the client instead of fetch', viaHttp);
  console.log(`  main thread: ${((cpuMs / real.total.length) * 1000).toFixed(0)} µs of CPU per call (bridge + dispatch, not the client); GC pauses while timing: ${pauses.length}, max ${Math.max(0, ...pauses).toFixed(1)} ms, ${pauses.reduce((s, x) => s + x, 0).toFixed(0)} ms in all`);
} finally {
  await worker.terminate();
  await bridge.close();
  rmSync(staticDir, { recursive: true, force: true });
}

// ---- Electron IPC, against the named fakes
{
  const e = timedDispatch();
  const APP = 'app://console';
  const top = { url: `${APP}/index.html`, parent: null };
  const ipcMain = new FakeIpcMain();
  registerElectronIpc(ipcMain, e.dispatch, APP);
  const ipcRenderer = new FakeIpcRenderer(async (channel, input, callId) => structuredClone(await ipcMain.invoke(channel, top, structuredClone(input), callId)));
  ipcRenderer.record = false;
  const oms = createElectronOmsApi(ipcRenderer as never);
  const run = async (n: number) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await oms.customers.search(QUERY);
      xs.push(performance.now() - t0);
      if (!r.ok) throw new Error(`customers.search over the fake IPC: ${r.error.message}`);
    }
    return xs;
  };
  e.setMode('noop');
  await run(WARMUP);
  e.setMode('real');
  await run(WARMUP);
  const noop: number[] = [];
  const total: number[] = [];
  const dispatch: number[] = [];
  const parse: number[] = [];
  global.gc?.();
  gcPauses.length = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const n = Math.ceil(calls / ROUNDS);
    e.setMode('noop');
    noop.push(...(await run(n)));
    e.setMode('real');
    e.clear();
    total.push(...(await run(n)));
    dispatch.push(...e.samples.dispatch);
    parse.push(...e.samples.parse);
  }
  const pauses = gcPauses.splice(0);
  header(`Electron IPC (FakeIpcRenderer → FakeIpcMain, structuredClone both ways; no process hop) · load ${load()}`);
  row('total round trip', total);
  row('  transport: total − dispatch (clones, preload, adapter)', total.map((x, i) => x - dispatch[i]!));
  row('  parse: zod, input and strict output view', parse);
  row('  handler: dispatcher and handler, without the parse', dispatch.map((x, i) => x - parse[i]!));
  row('transport alone: the same call, dispatch a no-op', noop);
  console.log(`  GC pauses while timing: ${pauses.length}, max ${Math.max(0, ...pauses).toFixed(1)} ms`);
}
console.log(`\nload at the end ${load()}${global.gc ? '' : ' · (run with --expose-gc to start each part from a collected heap)'}`);
