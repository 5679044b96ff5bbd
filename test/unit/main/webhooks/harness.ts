import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerView } from '#shared/domain/customer.ts';
import { EventBridge } from '../../../../src-main/ipc/event-bridge.ts';
import { EventBus } from '../../../../src-main/lib/event-bus.ts';
import { openDatabase, type Db } from '../../../../src-main/store/database.ts';
import { signStandardWebhooks } from '../../../../src-main/webhooks/signature-verifier.ts';
import type { VerificationMode } from '../../../../src-main/webhooks/webhook-processor.ts';
import { WebhookSubsystem, type WebhookSubsystemDeps } from '../../../../src-main/webhooks/webhook-subsystem.ts';
import { httpRequest } from './http-client.ts';

export const SECRET = `whsec_${'5a'.repeat(32)}`;

export function customerView(id: string, status = 'pending', at = new Date().toISOString()): CustomerView {
  // A whole view: the event bridge refuses a push that does not match the contract.
  return {
    id, type: 'individual', firstName: null, middleName: null, lastName: null, nationality: null, externalId: null,
    status: 'active', signedAgreement: null, signedAgreementAt: null, wallets: [], createdAt: at, updatedAt: at,
    endorsements: [{ name: 'basic', status, requirements: { complete: [], pending: [], missing: [], issues: [] }, rejectionReasons: [], updatedAt: at }],
    metadata: null, emailMasked: null, phoneMasked: null,
  };
}

export interface Console {
  subsystem: WebhookSubsystem;
  bus: EventBus;
  bridge: EventBridge;
  db: Db;
  pushes: { name: string; payload: unknown }[];
  /** Changes the profile's verification mode, as settings.saveProfile does in the app. */
  setMode(mode: VerificationMode): void;
  stop(): Promise<void>;
}

/** One "console": real SQLite in `dir`, real listener on an ephemeral port, a real bridge. */
export async function startConsole(dir: string, over: Partial<WebhookSubsystemDeps> & { api?: Map<string, CustomerView> } = {}): Promise<Console> {
  const db = openDatabase(join(dir, 'console.db'));
  const bus = new EventBus();
  const bridge = new EventBridge(bus, 20);
  const pushes: { name: string; payload: unknown }[] = [];
  bridge.addSink((name, payload) => pushes.push({ name, payload }));
  const api = over.api ?? new Map<string, CustomerView>();
  // The profile's mode: the one copy the subsystem reads (enforce, the profiles' default).
  let mode: VerificationMode = 'enforce';
  const subsystem = new WebhookSubsystem({
    db,
    bus,
    activeProfileId: () => 'local',
    secrets: async () => [SECRET],
    refetchCustomer: async (id) => api.get(id) ?? customerView(id),
    verificationMode: () => mode,
    defaultPort: 0,
    refetchRetryMs: [],
    ...over,
  });
  await subsystem.start();
  await subsystem.registration;
  return {
    subsystem, bus, bridge, db, pushes,
    setMode: (next) => {
      mode = next;
      subsystem.profileSettingsChanged();
    },
    stop: async () => {
      await subsystem.stop();
      bridge.flush();
      bridge.close();
      db.close();
    },
  };
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'oms-webhooks-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function envelope(id: string, type: string, customerId: string): string {
  return JSON.stringify({ id, object: 'event', type, createdAt: new Date().toISOString(), data: { object: { id: customerId, object: 'customer' } } });
}

export function signed(id: string, body: string, opts: { secret?: string; ts?: number } = {}): Record<string, string> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signStandardWebhooks(opts.secret ?? SECRET, id, ts, body),
  };
}

/**
 * One delivery over HTTP; resolves once main has also taken it from the listener's thread (the
 * ack comes from the worker, main's announcement right behind it), so assertions see both.
 */
export async function post(c: Console, headers: Record<string, string>, body: string) {
  const r = await httpRequest(c.subsystem.status().port!, { headers, body });
  await c.subsystem.sync();
  return r;
}

/** Waits until every acknowledged delivery has run its effect (no timing guesses). */
export async function settle(c: Console): Promise<void> {
  await c.subsystem.sync();
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setImmediate(r));
    await c.subsystem.refresher.idle();
    if (c.subsystem.inbox.pending().length === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  c.bridge.flush();
}
