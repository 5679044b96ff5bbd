/**
 * Sandbox bench: seeds 100k customers into a temp dir and measures `q` search latency over HTTP.
 * Run: node bench/sandbox-seed-search.bench.ts [count] [data-dir to keep and reuse]   (Node 24, no build step)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { startSandbox } from '../src-sandbox/index.ts';
import { buildCustomerListQuery, estimate } from '../src-sandbox/store/customer-query.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const ROUNDS = 100;
const DB_ROUNDS = 300;
const creds = { apiKey: 'sk_sdbx_bench', apiSecret: 'bench-secret' };
// Optional second argument: a data dir to keep and reuse (seeding 100k takes ~40 s).
const keep = process.argv[3];
const dir = keep ?? mkdtempSync(join(tmpdir(), 'oms-sandbox-bench-'));
const sb = await startSandbox({ dataDir: dir, ...creds, rateLimitPerSec: 100_000 });

try {
  let t = performance.now();
  const have = (await (await fetch(`${sb.origin}/_sandbox/stats`)).json()) as { customers: number };
  const seeded = have.customers >= COUNT ? { status: 201, text: async () => '' } : await fetch(`${sb.origin}/_sandbox/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: COUNT, seed: 1 }) });
  if (seeded.status !== 201) throw new Error(`seed failed: ${seeded.status} ${await seeded.text()}`);
  const seedMs = performance.now() - t;

  const token = (await (await fetch(`${sb.baseUrl}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(creds) })).json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${token.accessToken}` };
  const get = async (query: string) => {
    const res = await fetch(`${sb.baseUrl}/customers?limit=20&${query}`, { headers });
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { data: { id: string; email: string; phone: string }[] };
  };
  const sample = (await get('endorsement=usd:active')).data[7]!;
  const shapes: [string, string][] = [
    ['name prefix, 2 chars (broad)', 'q=ma'],
    ['last name prefix', 'q=rodrig'],
    ['full name', `q=${encodeURIComponent('mary smith')}`],
    ['email domain fragment', `q=${encodeURIComponent('@globex')}`],
    ['email local part, from its start', `q=${encodeURIComponent(sample.email.split('@')[0]!.slice(0, 6))}`],
    ['phone prefix', `q=${encodeURIComponent(sample.phone.slice(0, 8))}`],
    ['externalId', 'q=crm-15000'],
    ['exact id', `q=${sample.id}`],
    ['endorsement=usd:pending', 'endorsement=usd:pending'],
    ['q + endorsement', 'q=jo&endorsement=basic:active'],
  ];
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  // The query alone (capped estimates + the chosen plan), on a second read-only connection to the
  // same file: separates SQLite's share from HTTP, JSON and presentation on a loaded machine.
  const ro = new DatabaseSync(join(dir, 'sandbox.db'), { readOnly: true });
  const dbTime = (query: string) => {
    const p = new URLSearchParams(query);
    const [name = '', status = ''] = (p.get('endorsement') ?? '').split(':');
    const f = { limit: 20, q: p.get('q') ?? undefined, endorsement: p.get('endorsement') ? { name, status } : undefined };
    const times: number[] = [];
    let strategy = '';
    for (let i = 0; i < DB_ROUNDS; i++) {
      const s0 = performance.now();
      const built = buildCustomerListQuery(f, estimate(ro, f));
      ro.prepare(built.sql).all(...built.params);
      times.push(performance.now() - s0);
      strategy = built.strategy;
    }
    times.sort((a, b) => a - b);
    return { strategy, p50: pct(times, 50), p95: pct(times, 95) };
  };
  const rows: string[] = [];
  const load0 = loadavg()[0]!;
  for (const [name, query] of shapes) {
    await get(query); // warm-up
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < ROUNDS; i++) {
      t = performance.now();
      hits = (await get(query)).data.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const d = dbTime(query);
    rows.push(`| ${name} | \`${query.length > 40 ? `${query.slice(0, 37)}…` : query}\` | ${hits} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${d.strategy} | ${d.p50.toFixed(2)} | ${d.p95.toFixed(2)} |`);
  }
  ro.close();
  console.log(`Sandbox seed+search bench — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
  console.log(`Seeded ${COUNT.toLocaleString('en-US')} customers via POST /_sandbox/seed in ${(seedMs / 1000).toFixed(1)} s (WAL, temp dir)`);
  console.log(`\n| query shape | query | rows (limit 20) | HTTP p50 ms | HTTP p95 ms | strategy | query p50 ms | query p95 ms |\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}`);
  console.log(`\n(HTTP: ${ROUNDS} sequential requests per shape over loopback, after one warm-up. Query: ${DB_ROUNDS} runs of estimate + chosen plan in-process.)`);
  console.log(`Load average (1 min) at start/end of the timed part: ${load0.toFixed(2)} / ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores — figures above ~1 per core are contended.`);
} finally {
  await sb.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
