/**
 * Sandbox bench: seeds 100k customers into a temp dir and measures `q` search latency over HTTP.
 * Run: node bench/sandbox-seed-search.bench.ts [count]   (Node 24, no build step)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../src-sandbox/index.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const ROUNDS = 60;
const creds = { apiKey: 'sk_sdbx_bench', apiSecret: 'bench-secret' };
const dir = mkdtempSync(join(tmpdir(), 'oms-sandbox-bench-'));
const sb = await startSandbox({ dataDir: dir, ...creds, rateLimitPerSec: 100_000 });

try {
  let t = performance.now();
  const seeded = await fetch(`${sb.origin}/_sandbox/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: COUNT, seed: 1 }) });
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
    ['email local fragment (trigram)', `q=${encodeURIComponent(sample.email.split('@')[0]!.slice(3, 9))}`],
    ['phone prefix', `q=${encodeURIComponent(sample.phone.slice(0, 8))}`],
    ['externalId', 'q=crm-15000'],
    ['exact id', `q=${sample.id}`],
    ['endorsement=usd:pending', 'endorsement=usd:pending'],
    ['q + endorsement', 'q=jo&endorsement=basic:active'],
  ];
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const rows: string[] = [];
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
    rows.push(`| ${name} | \`${query.length > 40 ? `${query.slice(0, 37)}…` : query}\` | ${hits} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} |`);
  }
  console.log(`Sandbox seed+search bench — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
  console.log(`Seeded ${COUNT.toLocaleString('en-US')} customers via POST /_sandbox/seed in ${(seedMs / 1000).toFixed(1)} s (WAL, temp dir)`);
  console.log(`\n| query shape | query | rows (limit 20) | p50 ms | p95 ms |\n|---|---|---|---|---|\n${rows.join('\n')}`);
  console.log(`\n(${ROUNDS} sequential requests per shape over loopback HTTP, after one warm-up)`);
} finally {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
}
