import type { AddressInfo } from 'node:net';
import { Auth } from './auth.ts';
import { createClock } from './clock.ts';
import type { ReviewConfig, SandboxContext } from './context.ts';
import { FaultState } from './faults.ts';
import { Idempotency } from './idempotency.ts';
import { RateLimiter } from './rate-limit.ts';
import { Router } from './router.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerControlWebhookRoutes } from './routes/control-webhooks.routes.ts';
import { registerControlRoutes } from './routes/control.routes.ts';
import { registerCustomerRoutes } from './routes/customers.routes.ts';
import { registerExternalAccountRoutes } from './routes/external-accounts.routes.ts';
import { registerFundingAccountRoutes } from './routes/funding-accounts.routes.ts';
import type { ApiRoute, ControlHandler } from './routes/route-types.ts';
import { registerCashInRoutes } from './routes/cash-ins.routes.ts';
import { registerQuoteRoutes } from './routes/quotes.routes.ts';
import { registerTransactionRoutes } from './routes/transactions.routes.ts';
import { registerWalletRoutes } from './routes/wallets.routes.ts';
import { registerWebhookRoutes } from './routes/webhooks.routes.ts';
import { Scheduler } from './scheduler.ts';
import { seedCustomers } from './seed/seeder.ts';
import { bundledSeedTemplate, copySeedTemplate } from './seed/seed-template.ts';
import { createRequestHandler, type Pipeline } from './server.ts';
import { CustomersStore } from './store/customers.repo.ts';
import { getMeta, openDb, setMeta } from './store/db.ts';
import { EndorsementsStore } from './store/endorsements.repo.ts';
import { EventsStore } from './store/events.repo.ts';
import { TransactionsStore } from './store/transactions.repo.ts';
import { WalletsStore } from './store/wallets.repo.ts';
import { WebhooksStore } from './store/webhooks.repo.ts';
import { Dispatcher } from './webhooks/dispatcher.ts';

export interface SandboxOptions {
  dataDir?: string;
  host?: string;
  port?: number;
  basePath?: string;
  apiKey?: string;
  apiSecret?: string;
  tokenTtlSec?: number;
  reviewMode?: 'auto' | 'manual';
  reviewDelayMs?: number;
  /** Delay between processing and the next step of a transaction (default 2000 ms). */
  settlementDelayMs?: number;
  /** Quote lifetime on the sandbox clock (default 300 s). */
  quoteTtlSec?: number;
  retryScale?: number;
  rateLimitPerSec?: number;
  preview?: boolean;
  /** Only documented filters, events and fields (see SandboxConfig.documentedOnly). */
  documentedOnly?: boolean;
  seed?: number;
  /**
   * A first start's store copied from this file (seed-template.ts) instead of seeding `seed`
   * customers; default: the template a build puts beside the bundle, if any. null: always seed.
   */
  seedTemplate?: string | null;
  deliveryTimeoutMs?: number;
  logger?: (line: string) => void;
}

export interface SandboxHandle {
  origin: string;
  baseUrl: string;
  port: number;
  generatedCredentials: { apiKey: string; apiSecret: string } | null;
  close(): Promise<void>;
}

function normaliseBasePath(p: string): string {
  const trimmed = `/${p.replace(/^\/+|\/+$/g, '')}`;
  if (trimmed === '/' || trimmed.startsWith('/_sandbox')) throw new Error(`basePath must be a non-root path outside /_sandbox (got "${p}")`);
  return trimmed;
}

/** Starts a sandbox: opens (or creates) the store, resumes pending reviews and deliveries, listens. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const log = opts.logger ?? (() => {});
  const template = opts.dataDir && opts.seed && Number.isInteger(opts.seed) && opts.seed > 0 ? (opts.seedTemplate === undefined ? bundledSeedTemplate(opts.seed) : opts.seedTemplate) : null;
  if (template && opts.dataDir && copySeedTemplate(template, opts.dataDir)) log(`store created from the seed template (${opts.seed} customers)`);
  const db = openDb(opts.dataDir);
  const clock = createClock(Number(getMeta(db, 'clockOffsetMs') ?? 0), (offset) => setMeta(db, 'clockOffsetMs', String(offset)));
  const stored = getMeta(db, 'review');
  const review: ReviewConfig = stored ? (JSON.parse(stored) as ReviewConfig) : { mode: 'auto', delayMs: 2000 };
  if (opts.reviewMode) review.mode = opts.reviewMode;
  if (opts.reviewDelayMs !== undefined) review.delayMs = opts.reviewDelayMs;
  setMeta(db, 'review', JSON.stringify(review));

  let scheduler: Scheduler | null = null;
  const ctx: SandboxContext = {
    db,
    clock,
    config: {
      basePath: normaliseBasePath(opts.basePath ?? '/v0.9'),
      tokenTtlSec: opts.tokenTtlSec ?? 3600,
      rateLimitPerSec: opts.rateLimitPerSec ?? 25,
      preview: opts.preview ?? false,
      documentedOnly: opts.documentedOnly ?? false,
      retryScale: opts.retryScale ?? 1,
      deliveryTimeoutMs: opts.deliveryTimeoutMs ?? 15_000,
    },
    review,
    money: { settlementDelayMs: opts.settlementDelayMs ?? 2000, quoteTtlSec: opts.quoteTtlSec ?? 300, failNext: 0 },
    search: { qMatch: 'wordStart' },
    faults: new FaultState(),
    stats: { tokenExchanges: 0, requests: {} },
    customers: new CustomersStore(db),
    endorsements: new EndorsementsStore(db),
    wallets: new WalletsStore(db),
    transactions: new TransactionsStore(db),
    webhooks: new WebhooksStore(db),
    events: new EventsStore(db),
    kick: () => scheduler?.kick(),
    log,
  };
  const dispatcher = new Dispatcher(ctx);
  scheduler = new Scheduler(ctx, dispatcher);
  const auth = new Auth(db, clock, ctx.config.tokenTtlSec);
  const generatedCredentials = auth.ensureCredentials(opts.apiKey, opts.apiSecret);
  if (opts.seed && ctx.customers.count() === 0) seedCustomers(db, opts.seed, 1);

  const api = new Router<ApiRoute>();
  registerAuthRoutes(api, auth, () => (ctx.stats.tokenExchanges += 1));
  registerCustomerRoutes(api);
  registerWalletRoutes(api);
  registerWebhookRoutes(api);
  registerExternalAccountRoutes(api, ctx.config.preview);
  registerQuoteRoutes(api);
  registerCashInRoutes(api);
  registerTransactionRoutes(api);
  registerFundingAccountRoutes(api, ctx.config.preview);
  const control = new Router<ControlHandler>();
  registerControlRoutes(control, () => ctx.faults.clear());
  registerControlWebhookRoutes(control, dispatcher);

  let closing = false;
  const pipeline: Pipeline = {
    ctx,
    auth,
    idempotency: new Idempotency(db, clock),
    limiter: new RateLimiter(ctx.config.rateLimitPerSec),
    api,
    control,
    sleeps: new Set(),
    isClosing: () => closing,
    port: 0,
    loopbackBind: ['127.0.0.1', 'localhost', '::1'].includes(opts.host ?? '127.0.0.1'),
  };
  const handle = createRequestHandler(pipeline);
  // Not a static import: an ESM import of node:http builds a facade that reads every export, and on
  // Node 24 that loads undici (50-80 ms of a new thread's start, before it can listen).
  const { createServer } = process.getBuiltinModule('node:http');
  // The handler answers every request itself (errors included); nothing is left to await here.
  const server = createServer((req, res) => void handle(req, res));
  const host = opts.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    db.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  pipeline.port = port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  scheduler.kick();
  log(`sandbox listening on ${origin}${ctx.config.basePath}`);

  let closed: Promise<void> | null = null;
  return {
    origin,
    baseUrl: `${origin}${ctx.config.basePath}`,
    port,
    generatedCredentials,
    close() {
      closed ??= (async () => {
        closing = true;
        scheduler.stop();
        for (const wake of [...pipeline.sleeps]) wake();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await dispatcher.close();
        await stopped;
        db.close();
      })();
      return closed;
    },
  };
}
