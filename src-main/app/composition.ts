import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { AppInfo } from '#shared/ipc/app.contract.ts';
import { contract, type Domain } from '#shared/ipc/registry.ts';
import { AppFailure } from '../ipc/app-failure.ts';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher.ts';
import { EventBridge } from '../ipc/event-bridge.ts';
import { EventBus } from '../ipc/event-bus.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { AuditLog } from '../store/audit-log.ts';
import { openDatabase, type Db } from '../store/database.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { startHeartbeat } from './heartbeat.ts';

export interface ConsoleOptions {
  transport: 'electron' | 'browser';
  /** Folder for the console's own store (console.db) and the local sandbox's data. */
  dataDir: string;
  version: string;
  /** Injected by tests; the entries pass the keychain-backed store. */
  secretStore?: SecretStore;
  validateOutput?: boolean;
  heartbeatMs?: number;
  log?: (line: string) => void;
  /** Opens external https links (Electron passes shell.openExternal behind its allowlist). */
  openExternal?: (url: string) => Promise<boolean>;
}

export interface ConsoleApp {
  dispatch: Dispatch;
  bus: EventBus;
  events: EventBridge;
  db: Db;
  info(): AppInfo;
  close(): Promise<void>;
}

/** Placeholder handlers for domains not wired yet: each call says so plainly. */
function unavailable<D extends Domain>(domain: D): Handlers[D] {
  const out: Record<string, () => Promise<never>> = {};
  for (const key of Object.keys(contract[domain])) {
    out[key] = async () => {
      throw new AppFailure('UNAVAILABLE', `${domain}.${key} is not available in this build yet.`);
    };
  }
  return out as unknown as Handlers[D];
}

/**
 * The composition root: builds every service once, in order, passing dependencies explicitly.
 * Both entries (Electron and browser mode) call this; neither builds services of its own.
 */
export async function createConsole(opts: ConsoleOptions): Promise<ConsoleApp> {
  const log = opts.log ?? (() => {});
  const startedAt = new Date();
  const db = openDatabase(join(opts.dataDir, 'console.db'));
  const bus = new EventBus();
  const events = new EventBridge(bus);
  const activeProfile = () => ({ id: 'local', name: 'Local sandbox', kind: 'local' as const, baseUrl: 'embedded' });
  const audit = new AuditLog(db, userInfo().username, () => activeProfile().id);

  const info = (): AppInfo => ({
    name: 'OMS Console',
    version: opts.version,
    transport: opts.transport,
    profile: activeProfile(),
    secretStorage: opts.secretStore?.kind ?? 'memory',
    startedAt: startedAt.toISOString(),
  });

  const handlers: Handlers = {
    app: {
      info: async () => info(),
      openExternal: async ({ url }) => ({ opened: opts.openExternal ? await opts.openExternal(url) : false }),
    },
    settings: unavailable('settings'),
    customers: unavailable('customers'),
    wallets: unavailable('wallets'),
    webhooks: unavailable('webhooks'),
    events: unavailable('events'),
    logs: {
      requests: async () => ({ items: [], hasMore: false }),
      audit: async (q) => audit.list(q),
    },
    pii: unavailable('pii'),
    sandbox: unavailable('sandbox'),
  };

  const dispatch = createDispatcher({
    handlers,
    activeProfile,
    audit: (e) => audit.append(e),
    validateOutput: opts.validateOutput ?? process.env.NODE_ENV !== 'production',
    log,
  });
  const stopHeartbeat = startHeartbeat(bus, opts.heartbeatMs ?? 5000, startedAt.getTime());

  return {
    dispatch,
    bus,
    events,
    db,
    info,
    close: async () => {
      stopHeartbeat();
      events.close();
      db.close();
    },
  };
}
