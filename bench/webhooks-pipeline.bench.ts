/**
 * Webhooks bench: (1) sustained signed deliveries per second through the real listener, verifier and
 * SQLite inbox (persist → ack → apply), with ack latency p50/p99 as the sender sees it; (2) latency
 * from a delivery leaving the sender to the renderer's zustand customers store being updated, through
 * the real pipeline, a real re-fetch from the sandbox over HTTP and the real event bridge.
 * Run: node bench/webhooks-pipeline.bench.ts [deliveries] [concurrency]   (Node 24, no build step)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { EventPayload } from '#shared/events/events.contract.ts';
import { startSandbox } from '../src-sandbox/index.ts';
import { EventBridge } from '../src-main/ipc/event-bridge.ts';
import { EventBus } from '../src-main/lib/event-bus.ts';
import { CustomersApi } from '../src-main/oms/customers.api.ts';
import { OmsClient } from '../src-main/oms/oms-client.ts';
import { toCustomerView } from '../src-main/services/customers/customer-view.ts';
import { openDatabase } from '../src-main/store/database.ts';
import { signStandardWebhooks } from '../src-main/webhooks/signature-verifier.ts';
import { WebhookSubsystem } from '../src-main/webhooks/webhook-subsystem.ts';
import { useCustomers } from '../src-renderer/src/features/customers/customers.store.ts';

const N = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const E2E_ROUNDS = 200;
const SECRET = `whsec_${'7c'.repeat(32)}`;
const dir = mkdtempSync(join(tmpdir(), 'oms-webhooks-bench-'));
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => x.toFixed(2);

function post(port: number, id: string, body: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const headers = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhooks(SECRET, id, ts, body) };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/webhooks/oms', method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const envelope = (id: string, customerId: string) =>
  JSON.stringify({ id, object: 'event', type: 'customer.endorsement.granted', createdAt: new Date().toISOString(), data: { object: { id: customerId, object: 'customer' } } });

const sandbox = await startSandbox({ dataDir: join(dir, 'sandbox'), port: 0, apiKey: 'sk_sdbx_bench', apiSecret: 'bench-secret-webhooks', rateLimitPerSec: 100_000 });
const customersApi = new CustomersApi(new OmsClient({ baseUrl: sandbox.baseUrl, credentials: async () => ({ apiKey: 'sk_sdbx_bench', apiSecret: 'bench-secret-webhooks' }) }));
let useSandbox = false;
const staticView = (id: string) => ({ id, type: 'individual', status: 'active', wallets: [], endorsements: [], createdAt: new Date().toISOString(), metadata: null, emailMasked: null, phoneMasked: null }) as unknown as CustomerView;

const db = openDatabase(join(dir, 'console.db'));
const bus = new EventBus();
const bridge = new EventBridge(bus); // production window (40 ms)
const subsystem = new WebhookSubsystem({
  db,
  bus,
  activeProfileId: () => 'local',
  secrets: async () => [SECRET],
  refetchCustomer: async (id) => (useSandbox ? toCustomerView(await customersApi.get(id)) : staticView(id)),
  verificationMode: () => 'enforce',
  defaultPort: 0,
});
await subsystem.start();
const port = subsystem.status().port!;

try {
  // (1) Throughput and ack latency: unique events over a few customers, CONCURRENCY in flight.
  for (let i = 0; i < 200; i++) await post(port, `evt_warm${i}`, envelope(`evt_warm${i}`, `cst_w${i % 10}`));
  const acks: number[] = [];
  let next = 0;
  let non2xx = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const id = `evt_b${i}`;
        const s = performance.now();
        const status = await post(port, id, envelope(id, `cst_b${i % 50}`));
        acks.push(performance.now() - s);
        if (status !== 200) non2xx += 1;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await subsystem.refresher.idle();
  const pending = subsystem.inbox.pending().length;
  const queued = subsystem.refresher.queued;

  // (2) Delivery sent → renderer store updated, one at a time, re-fetch from the sandbox over HTTP.
  useSandbox = true;
  const cst = await customersApi.create({ type: 'individual', firstName: 'Bench' }, crypto.randomUUID());
  // The reviewer has this customer open (the renderer's customers.get marks it): the live path.
  // Customers nobody has open go through the paced background queue instead (4 per second).
  subsystem.openCustomers.touch(cst.id);
  const e2e: number[] = [];
  let waiting: { resolve: () => void } | null = null;
  bridge.addSink((name, payload) => {
    if (name !== 'event.customers.refetched') return;
    const p = payload as EventPayload<'event.customers.refetched'>;
    useCustomers.getState().applyLive(p.customer, p.cause);
    waiting?.resolve();
  });
  for (let i = 0; i < E2E_ROUNDS; i++) {
    const id = `evt_e2e${i}`;
    const done = new Promise<void>((resolve) => (waiting = { resolve }));
    const s = performance.now();
    await post(port, id, envelope(id, cst.id));
    await done;
    e2e.push(performance.now() - s);
  }

  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  console.log(`(1) ${N} signed deliveries, ${CONCURRENCY} concurrent, keep-alive, file SQLite (WAL):`);
  console.log(`    ${(N / secs).toFixed(0)} deliveries/s sustained; ack p50 ${ms(pct(acks, 50))} ms, p99 ${ms(pct(acks, 99))} ms; non-2xx ${non2xx}; ` +
      `${pending} acknowledged deliveries wait for their paced background re-fetch (${queued} customers queued; none of them open)`);
  const st = await subsystem.sync();
  const mainB = subsystem.processor.batcher;
  console.log(`    listener on ${process.env.OMS_WEBHOOK_LISTENER_THREAD === 'main' ? "main's thread" : 'its worker thread'}: ${st.commits} commits, ${st.rows} rows, ` +
      `${ms(st.writeMs)} ms writing (longest ${ms(st.maxWriteMs)} ms, lock waits included); main's own writes (outcomes): ${mainB.commits} commits, ${ms(mainB.writeMs)} ms, longest ${ms(mainB.maxWriteMs)} ms`);
  console.log(`(2) ${E2E_ROUNDS} deliveries, one at a time, re-fetch from the sandbox, bridge window ${bridge.windowMs} ms:`);
  console.log(`    delivery sent → zustand store updated p50 ${ms(pct(e2e, 50))} ms, p95 ${ms(pct(e2e, 95))} ms, max ${ms(Math.max(...e2e))} ms`);
} finally {
  await subsystem.stop();
  bridge.close();
  db.close();
  agent.destroy();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
