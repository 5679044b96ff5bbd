/**
 * Browser mode's round trip for one page of 50 search rows: HTTP POST to the loopback bridge →
 * token check → dispatcher (input parse, handler, strict output parse) → JSON back → parsed by the
 * caller. The handler returns a real page (50 rows the embedded sandbox served, fetched once
 * before timing) without I/O, so the figure is the boundary's and the transport's, not the OMS
 * search's. Budget: ≤ 1 ms p95. The client is Node's fetch on a kept-alive connection (no browser:
 * a Chromium tab adds its own fetch and JSON costs on top).
 * Run: node bench/bridge-roundtrip.bench.ts [calls=3000]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserBridge } from '../src-main/ipc/browser-bridge.ts';
import { createDispatcher } from '../src-main/ipc/dispatcher.ts';
import { EventBridge } from '../src-main/ipc/event-bridge.ts';
import { EventBus } from '../src-main/lib/event-bus.ts';
import type { Handlers } from '../src-main/ipc/handlers.ts';
import { startTestConsole } from '../test/integration/main-support/console.ts';

const calls = Number(process.argv[2] ?? 3000);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const caller = { transport: 'test' as const, origin: 'bench' };

const staticDir = mkdtempSync(join(tmpdir(), 'oms-bench-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>OMS Console</title>');
// The integration tests' console: a temp data dir, the embedded sandbox, in-memory secrets.
const t = await startTestConsole({ sandbox: { seed: 60, reviewDelayMs: 0, rateLimitPerSec: 100_000 } });
const app = t.app;
try {
  const found = await app.dispatch('customers.search', { limit: 50 }, caller);
  if (!found.ok) throw new Error(found.error.message);
  const page = found.data as { items: unknown[] };
  if (page.items.length !== 50) throw new Error(`expected a page of 50 rows, got ${page.items.length}`);

  // The real dispatcher and contract; the handler answers the fetched page at once.
  const inner = createDispatcher({ handlers: { customers: { search: async () => page } } as unknown as Handlers, activeProfile: () => ({ id: 'local', kind: 'local' }), audit: () => {} });
  let dispatchMs = 0;
  const bridge = await startBrowserBridge({
    dispatch: async (channel, input, c, signal) => {
      const t0 = performance.now();
      const r = await inner(channel, input, c, signal);
      dispatchMs = performance.now() - t0;
      return r;
    },
    events: new EventBridge(new EventBus(), 40),
    staticDir,
    port: 0,
  });
  try {
    const url = `${bridge.origin}/api/invoke/customers.search`;
    const init = { method: 'POST', headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ q: 'ma', limit: 50 }) };
    let bytes = 0;
    const once = async () => {
      const t0 = performance.now();
      const res = await fetch(url, init);
      const text = await res.text();
      const t1 = performance.now();
      const body = JSON.parse(text) as { ok: boolean };
      const t2 = performance.now();
      if (!body.ok) throw new Error(`customers.search through the bridge: ${text.slice(0, 200)}`);
      bytes = text.length;
      return { total: t2 - t0, parse: t2 - t1, dispatch: dispatchMs };
    };
    for (let i = 0; i < 500; i++) await once();
    const runs: { total: number; parse: number; dispatch: number }[] = [];
    for (let i = 0; i < calls; i++) runs.push(await once());
    const us = (xs: number[]) => `p50 ${(pct(xs, 50) * 1000).toFixed(0)} · p95 ${(pct(xs, 95) * 1000).toFixed(0)} · p99 ${(pct(xs, 99) * 1000).toFixed(0)} µs`;
    const total = runs.map((r) => r.total);
    const dispatch = runs.map((r) => r.dispatch);
    const parse = runs.map((r) => r.parse);
    const transport = runs.map((r) => r.total - r.dispatch - r.parse);
    console.log(`bridge round trip — ${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version} · load ${loadavg()[0]!.toFixed(1)}`);
    console.log(`customers.search, page of 50 rows (${bytes.toLocaleString('en')} bytes of JSON), ${calls} calls after 500 to warm up; budget p95 ≤ 1 ms`);
    console.log(`  round trip (fetch → bridge → dispatcher → JSON parsed)  ${us(total)}${pct(total, 95) <= 1 ? '' : '  OVER BUDGET'}`);
    console.log(`  of which dispatch() (parse in, handler, parse out)      ${us(dispatch)}`);
    console.log(`  of which JSON.parse by the caller                       ${us(parse)}`);
    console.log(`  the rest: HTTP both ways, token check, stringify        ${us(transport)}`);
  } finally {
    await bridge.close();
  }
} finally {
  await t.close();
  rmSync(staticDir, { recursive: true, force: true });
}
