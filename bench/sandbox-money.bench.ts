/**
 * Sandbox money bench: quote + execute round trips over loopback HTTP against a real sandbox
 * (SQLite WAL in a temp dir, settlements running in the background with no delay).
 * Prints p50/p95 of one quote+execute pair done sequentially, and pairs/s with 1 and 8 in flight.
 * Run: node bench/sandbox-money.bench.ts [pairs=300]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../src-sandbox/index.ts';

const PAIRS = Number(process.argv[2] ?? 300);
const creds = { apiKey: 'sk_sdbx_bench_money', apiSecret: 'bench-money-secret' };
const dir = mkdtempSync(join(tmpdir(), 'oms-sandbox-money-bench-'));
const sb = await startSandbox({ dataDir: dir, ...creds, rateLimitPerSec: 1_000_000, reviewMode: 'manual', settlementDelayMs: 0 });
let key = 0;

async function call(method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method === 'POST' && !url.endsWith('/auth/token')) headers['Idempotency-Key'] = `bench-${(key += 1)}`;
  const res = await fetch(url, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

try {
  const token = String((await call('POST', `${sb.baseUrl}/auth/token`, creds)).json.accessToken);
  const customer = async () => {
    const c = await call('POST', `${sb.baseUrl}/customers`, {
      type: 'individual', firstName: 'Bench', lastName: 'Sender', email: `bench${key}@acme.com`, phone: '+14155550100', birthDate: '1980-01-01',
      nationality: 'US', signedAgreement: true, residentialAddress: { line1: '1 Main St', city: 'Austin', country: 'US' },
      identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
    }, token);
    const id = String(c.json.id);
    for (const name of ['basic', 'cryptoCustody', 'usd']) await call('POST', `${sb.origin}/_sandbox/customers/${id}/endorsements/${name}/decision`, { decision: 'approve' });
    const w = await call('POST', `${sb.baseUrl}/customers/${id}/wallets`, { asset: 'usdc', chain: 'polygon' }, token);
    return { id, wallet: String(w.json.id) };
  };
  const alice = await customer();
  const bob = await customer();
  await call('POST', `${sb.origin}/_sandbox/wallets/${alice.wallet}/deposit`, { amount: '100000000' });
  const pair = async () => {
    const q = await call('POST', `${sb.baseUrl}/quotes`, { customerId: alice.id, source: { walletId: alice.wallet, amount: '1.25' }, destination: { asset: 'usdc', network: 'polygon', wallet: { id: bob.wallet } } }, token);
    if (q.status !== 201) throw new Error(`quote: ${q.status} ${JSON.stringify(q.json)}`);
    const t = await call('POST', `${sb.baseUrl}/transactions`, { quoteId: q.json.id }, token);
    if (t.status !== 201) throw new Error(`execute: ${t.status} ${JSON.stringify(t.json)}`);
  };
  for (let i = 0; i < 20; i++) await pair(); // warm-up

  const times: number[] = [];
  let started = performance.now();
  for (let i = 0; i < PAIRS; i++) {
    const t = performance.now();
    await pair();
    times.push(performance.now() - t);
  }
  const sequentialSec = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;

  const inFlight = 8;
  started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < PAIRS) {
      next += 1;
      await pair();
    }
  }));
  const concurrentSec = (performance.now() - started) / 1000;
  // Let the background settlements finish, then check the books balance to the cent.
  await new Promise((r) => setTimeout(r, 500));
  const balance = async (w: string) => String((await call('GET', `${sb.baseUrl}/wallets/${w}/balance`, undefined, token)).json.balance);
  const total = 20 + 2 * PAIRS;

  console.log(`Sandbox money bench — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
  console.log(`\n| measure | value |\n|---|---|`);
  console.log(`| quote+execute pair, sequential, p50 | ${pct(50).toFixed(2)} ms |`);
  console.log(`| quote+execute pair, sequential, p95 | ${pct(95).toFixed(2)} ms |`);
  console.log(`| throughput, 1 in flight | ${(PAIRS / sequentialSec).toFixed(0)} pairs/s |`);
  console.log(`| throughput, ${inFlight} in flight | ${(PAIRS / concurrentSec).toFixed(0)} pairs/s |`);
  console.log(`\n${PAIRS} pairs per run (+20 warm-up), usdc→usdc on polygon, 1.25 each, settlement delay 0 (settlements run in the same process).`);
  // Expected books in integer cents (no float arithmetic on amounts, even here).
  const cents = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
  const n = BigInt(total);
  console.log(`Books after ${total} transfers: sender ${await balance(alice.wallet)} (expected ${cents(10_000_000_000n - 125n * n)}), recipient ${await balance(bob.wallet)} (expected ${cents(124n * n)}).`);
} finally {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
}
