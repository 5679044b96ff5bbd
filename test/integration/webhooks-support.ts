import { createServer } from 'node:net';
import type { CustomerView } from '#shared/domain/customer.ts';
import { startSandbox, type SandboxHandle } from '#sandbox/index.ts';
import type { ConsoleApp } from '../../src-main/app/composition.ts';
import { CustomersApi } from '../../src-main/oms/customers.api.ts';
import { OmsClient } from '../../src-main/oms/oms-client.ts';
import { WebhooksApi } from '../../src-main/oms/webhooks.api.ts';
import { MemorySecretStore } from '../../src-main/secrets/memory-secret-store.ts';
import { toCustomerView } from '../../src-main/services/customers/customer-view.ts';
import { ensureLocalRegistration, profileSecrets } from '../../src-main/webhooks/local-registration.ts';
import { startConsole, type Console } from '../unit/main/webhooks/harness.ts';

/** The control API answers the tests read (loosely typed on purpose: the sandbox owns them). */
export interface ControlJson {
  data?: { id: string; status: string; nextAttemptAt: string | null }[];
  sent?: number;
  deliveries?: { status: string }[];
}

export const CREDS = { apiKey: 'sk_sdbx_webhooks_test', apiSecret: 'webhooks-test-secret-0123456789' };

/** The real sandbox plus the real OMS client the console uses; the "keychain" outlives consoles. */
export interface Rig {
  sandbox: SandboxHandle;
  customers: CustomersApi;
  webhooks: WebhooksApi;
  keychain: MemorySecretStore;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: ControlJson }>;
  createCustomer(): Promise<string>;
  startConsole(dir: string, extra?: Parameters<typeof startConsole>[1]): Promise<Console>;
  /** Until the sandbox has no delivery still pending (every copy answered). */
  deliveriesSettled(): Promise<{ status: string }[]>;
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, limitMs = 15_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startRig(dataDir: string): Promise<Rig> {
  const sandbox = await startSandbox({ dataDir, port: 0, ...CREDS, reviewMode: 'manual', retryScale: 0.001, rateLimitPerSec: 10_000 });
  const client = new OmsClient({ baseUrl: sandbox.baseUrl, credentials: async () => CREDS });
  const customers = new CustomersApi(client);
  const webhooks = new WebhooksApi(client);
  const keychain = new MemorySecretStore();
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.origin}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = ((await res.json().catch(() => null)) ?? {}) as ControlJson;
    return { status: res.status, json };
  };
  return {
    sandbox,
    customers,
    webhooks,
    keychain,
    control,
    createCustomer: async () => (await customers.create({ type: 'individual', firstName: 'Ada', lastName: 'Lovelace' }, crypto.randomUUID())).id,
    startConsole: (dir, extra) =>
      startConsole(dir, {
        secrets: () => profileSecrets(keychain, 'local'),
        refetchCustomer: async (id): Promise<CustomerView> => toCustomerView(await customers.get(id)),
        registerListener: async (url) => void (await ensureLocalRegistration(webhooks, keychain, 'local', url)),
        ...extra,
      }),
    deliveriesSettled: () =>
      waitFor(async () => {
        const { json } = await control('GET', '/deliveries?limit=1000');
        const list = json.data ?? [];
        // A pending delivery scheduled far ahead (the delay fault) is not "in flight".
        const inFlight = list.filter((d) => d.status === 'pending' && (d.nextAttemptAt === null || Date.parse(d.nextAttemptAt) < Date.now() + 60_000));
        return inFlight.length === 0 ? list : null;
      }, 'sandbox deliveries to settle'),
  };
}

/** A port free right now (the listener keeps one port across restarts, as it does with 4590). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * Calls into a console built by the real composition root: `call` goes through its dispatcher as a
 * renderer would; `control` reaches its embedded sandbox's control API. `app` is read at each call,
 * so a restarted console is picked up.
 */
export function consoleCalls(app: () => ConsoleApp) {
  const caller = { transport: 'test' as const, origin: 'test' };
  return {
    call: async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await app().dispatch(channel, input, caller);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    },
    control: async (path: string, method: string, body?: unknown): Promise<number> => {
      const origin = (await app().services.local.ensure()).origin;
      const res = await fetch(`${origin}/_sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return res.status;
    },
  };
}
