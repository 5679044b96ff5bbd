/**
 * The webhook listener's own thread: HTTP, signature verification and the inbox commit happen here,
 * so a delivery is acknowledged as soon as its row is durable, however busy main's thread is
 * (searches, the bridge, effects). Main gets each stored row (`stored`) and applies it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../store/database.ts';
import { DeliveryIntake } from './delivery-intake.ts';
import type { FromWorker, IntakeContext, ServerWorkerData, StoredItem, ToWorker } from './server-worker-protocol.ts';
import { hmacVariants } from './signature-verifier.ts';
import { WebhookInbox } from './webhook-inbox.ts';
import { startWebhookServer, type DeliveryResponse, type RawDelivery, type WebhookServer } from './webhook-server.ts';

const port = parentPort;
if (!port) throw new Error('webhook-server.worker.ts runs only as a worker thread');
const data = workerData as ServerWorkerData;
const db = openConnection(data.dbPath);
const inbox = new WebhookInbox(db, data.inbox);
let context: IntakeContext = data.context;
const post = (m: FromWorker) => port.postMessage(m);

let nextAsk = 1;
const asked = new Map<number, { resolve: (s: string[]) => void; reject: (e: Error) => void }>();
const intake = new DeliveryIntake({
  inbox,
  scheme: hmacVariants,
  profileId: () => context.profileId,
  mode: () => context.mode,
  pinnedVariant: () => context.pin,
  // The keychain is main's: asked for only when the cache is empty or a recheck is due.
  secrets: () =>
    new Promise<string[]>((resolve, reject) => {
      const id = nextAsk++;
      asked.set(id, { resolve, reject });
      post({ t: 'wantSecrets', id });
    }),
});

let outbox: StoredItem[] = [];
/** One message per commit batch; queued before the batch's responses are written. */
function announce(item: StoredItem): void {
  outbox.push(item);
  if (outbox.length > 1) return;
  queueMicrotask(() => {
    const items = outbox;
    outbox = [];
    post({ t: 'stored', items });
  });
}

async function onDelivery(d: RawDelivery): Promise<DeliveryResponse> {
  const r = await intake.receive(d, 'listener');
  announce({ entry: r.entry, effect: r.effect });
  return { status: r.status, body: r.body };
}

const servers = new Map<number, WebhookServer>();

function fail(id: number, e: unknown): void {
  const code = (e as NodeJS.ErrnoException | null)?.code ?? null;
  post({ t: 'reply', id, ok: false, code: typeof code === 'string' ? code : null, message: e instanceof Error ? e.message : String(e) });
}

async function stop(id: number): Promise<void> {
  await Promise.all([...servers.values()].map((l) => l.close()));
  servers.clear();
  // Bodies complete and waiting for this turn's commit are stored (and announced) before main hears "stopped".
  intake.batcher.flush();
  await new Promise((r) => setImmediate(r));
  post({ t: 'reply', id, ok: true });
  db.close();
  port!.close();
}

port.on('message', (m: ToWorker) => {
  switch (m.t) {
    case 'context':
      context = m.context;
      return;
    case 'invalidate':
      intake.invalidateSecrets();
      return;
    case 'prime':
      intake.prime(m.secrets, m.generation);
      return;
    case 'secrets': {
      const w = asked.get(m.id);
      asked.delete(m.id);
      if (m.secrets) w?.resolve(m.secrets);
      else w?.reject(new Error(m.error ?? 'secrets unavailable'));
      return;
    }
    case 'bind':
      startWebhookServer({ port: m.port, onDelivery, ...(data.maxBodyBytes ? { maxBodyBytes: data.maxBodyBytes } : {}) }).then(
        (l) => {
          servers.set(l.port, l);
          post({ t: 'reply', id: m.id, ok: true, port: l.port });
        },
        (e: unknown) => fail(m.id, e),
      );
      return;
    case 'close': {
      const l = servers.get(m.port);
      servers.delete(m.port);
      void (l?.close() ?? Promise.resolve()).then(() => post({ t: 'reply', id: m.id, ok: true }));
      return;
    }
    case 'finish':
      for (const f of m.items) intake.batcher.finish(f.seq, f.state, f.error);
      return;
    case 'sync':
      post({ t: 'reply', id: m.id, ok: true, stats: { commits: intake.batcher.commits, rows: intake.batcher.rows, writeMs: intake.batcher.writeMs, maxWriteMs: intake.batcher.maxWriteMs, secretReads: intake.secretReads } });
      return;
    case 'stop':
      stop(m.id).catch((e: unknown) => fail(m.id, e));
      return;
  }
});
