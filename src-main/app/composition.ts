import { release } from 'node:os';
import { join } from 'node:path';
import type { DesktopPrefs } from '#shared/domain/desktop-prefs.ts';
import type { AppInfo } from '#shared/ipc/app.contract.ts';
import { buildDiagnostics } from '../desktop/diagnostics.ts';
import { createRendererErrorLog } from '../services/app/renderer-errors.ts';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher.ts';
import { EventBridge } from '../ipc/event-bridge.ts';
import { EventBus } from '../lib/event-bus.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { customersHandlers, piiHandlers } from '../services/customers/customers.ipc.ts';
import { toCustomerView } from '../services/customers/customer-view.ts';
import { externalAccountsHandlers } from '../services/external-accounts/external-accounts.ipc.ts';
import { exportHandlers, type SaveDialog } from '../services/export/export.ipc.ts';
import { logsHandlers } from '../services/logs/logs.ipc.ts';
import { sandboxHandlers } from '../services/sandbox/sandbox.ipc.ts';
import type { LocalSandboxOptions } from '../services/sandbox/local-sandbox.ts';
import type { ClientOverrides } from '../services/session/oms-session.ts';
import { DesktopPrefsRepo } from '../services/settings/desktop-prefs.ts';
import { DisplayPrefsRepo } from '../services/settings/display-prefs.ts';
import { settingsHandlers } from '../services/settings/settings.ipc.ts';
import { createInboxHandlers } from '../services/inbox/inbox.ipc.ts';
import { trackOpenCustomers } from '../services/inbox/open-customers.ts';
import { cashInsHandlers } from '../services/money/cash-ins.ipc.ts';
import { quotesHandlers, transactionsHandlers } from '../services/money/money.ipc.ts';
import { PartyNames } from '../services/money/party-names.ts';
import { walletsHandlers } from '../services/wallets/wallets.ipc.ts';
import { webhooksHandlers } from '../services/webhooks/webhooks.ipc.ts';
import { scrubText } from '../lib/redact.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { accounts } from '../secrets/credentials.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { ensureLocalRegistration, profileSecrets } from '../webhooks/local-registration.ts';
import { WebhookSubsystem } from '../webhooks/webhook-subsystem.ts';
import { startHeartbeat } from './heartbeat.ts';
import { afterFirstSearch } from './first-answer.ts';
import { buildMainServices, type MainServices } from './main-services.ts';

export interface ConsoleOptions {
  transport: 'electron' | 'browser';
  /** Folder for the console's own store (console.db) and the local sandbox's data. */
  dataDir: string;
  version: string;
  /** Durable secret store; default the OS keychain (keytar). Tests inject a real or in-memory one. */
  secretStore?: SecretStore;
  /** Local sandbox knobs (port, seed count, review delay, retry scale…), for tests and developers. */
  sandbox?: LocalSandboxOptions;
  /** OMS transport knobs (fetch, clock, sleep, randomness, timeout), for tests. */
  omsClient?: ClientOverrides;
  heartbeatMs?: number;
  /** Webhook listener port (--webhook-port): wins over a port saved for the profile, for this run (default 4590; tests pass 0). */
  webhookPort?: number;
  log?: (line: string) => void;
  /** Desktop preferences changed (Electron applies the theme to nativeTheme at once). */
  onDesktopPrefs?: (p: DesktopPrefs) => void;
  /** Opens external https links (Electron passes shell.openExternal behind its allowlist). */
  openExternal?: (url: string) => Promise<boolean>;
  /** For the diagnostics text: a packaged Electron app (false in browser mode and development). */
  packaged?: boolean;
  /** The native save dialog for exports (Electron); without one an export comes back as a download. */
  saveDialog?: SaveDialog;
  /**
   * false: resolve without waiting for the webhook listener's thread to be up (`listenerStarted` says
   * when it is), so an entry can serve the first page meanwhile. Default true.
   */
  waitForListener?: boolean;
  /**
   * 'after-first-answer': the listener's thread starts once the first customer search has been
   * answered (or `LISTENER_LATEST_START_MS` after start, if none comes), so its start-up is not
   * on the first screen's path. Needs waitForListener false. Default 'with-console'.
   */
  listenerStart?: 'with-console' | 'after-first-answer';
}

/** The latest a deferred listener starts when no first screen asks for customers. */
export const LISTENER_LATEST_START_MS = 2_000;

export interface ConsoleApp {
  dispatch: Dispatch;
  bus: EventBus;
  events: EventBridge;
  db: Db;
  services: MainServices;
  webhooks: WebhookSubsystem;
  /** Settles once the webhook subsystem has started (already settled unless waitForListener was false). */
  listenerStarted: Promise<void>;
  info(): Promise<AppInfo>;
  close(): Promise<void>;
}

/** Runs `after` when any of `ops` succeeded (the listener caches profile settings for 1 s). */
function afterEach<D extends Record<string, (i: never, c: never) => Promise<unknown>>>(h: D, ops: (keyof D)[], after: () => void): D {
  const out = { ...h };
  for (const op of ops) {
    const inner = h[op]!;
    out[op] = (async (i: never, c: never) => {
      const r = await inner(i, c);
      after();
      return r;
    }) as D[typeof op];
  }
  return out;
}

/** Runs `after` once a webhook endpoint was created or deleted (its secret entered or left the keychain). */
function withSecretsRefresh(h: Handlers['webhooks'], after: () => Promise<void>): Handlers['webhooks'] {
  return {
    ...h,
    create: async (i, c) => {
      const r = await h.create(i, c);
      await after();
      return r;
    },
    delete: async (i, c) => {
      const r = await h.delete(i, c);
      await after();
      return r;
    },
  };
}

/** After a QA decision in the sandbox, the decided customer is re-read (failures only logged). */
function withDecisionRefetch(h: Handlers['sandbox'], refetch: (customerId: string, decision: 'approve' | 'reject' | 'revoke') => Promise<void>): Handlers['sandbox'] {
  return {
    ...h,
    decideEndorsement: async (i, c) => {
      const r = await h.decideEndorsement(i, c);
      if (r.accepted) await refetch(i.customerId, i.decision).catch(() => undefined);
      return r;
    },
  };
}

/**
 * The composition root: builds every service once, in order, passing dependencies explicitly.
 * Both entries (Electron and browser mode) call this; neither builds services of its own.
 */
export async function createConsole(opts: ConsoleOptions): Promise<ConsoleApp> {
  const startedAt = new Date();
  const db = openDatabase(join(opts.dataDir, 'console.db'));
  const bus = new EventBus();
  // A refused push is a bug in main: its name and the fields at fault go to the log, never the values.
  const events = new EventBridge(bus, undefined, (name, paths) => (opts.log ?? (() => {}))(`push ${name} refused: it does not match the event contract (${paths.join(', ')})`));
  const services = await buildMainServices(
    { db, bus, rawLog: opts.log ?? (() => {}) },
    {
      dataDir: opts.dataDir,
      ...(opts.secretStore ? { secretStore: opts.secretStore } : {}),
      // OMS_SANDBOX_PREVIEW=1 turns on the sandbox's not-yet-available endpoints; an explicit option wins.
      // OMS_SANDBOX_DOCUMENTED_ONLY=1 makes it answer as an OMS with only the documented filters, events and fields.
      sandbox: {
        ...opts.sandbox,
        preview: opts.sandbox?.preview ?? process.env.OMS_SANDBOX_PREVIEW === '1',
        documentedOnly: opts.sandbox?.documentedOnly ?? process.env.OMS_SANDBOX_DOCUMENTED_ONLY === '1',
      },
      ...(opts.omsClient ? { omsClient: opts.omsClient } : {}),
    },
  );
  const { log, settings } = services;
  // The local sandbox's thread (store, first start's seed, listen) starts now, beside main's own
  // set-up and the first page load, instead of when the first screen asks for customers; its token follows.
  if (settings.active().kind === 'local') void services.session.prepareLocal().catch((e: unknown) => log(`local sandbox: ${e instanceof Error ? e.message : 'did not start'}`));
  // Transaction parties by name: what the directory holds first, the rest read once per profile.
  const partyNames = new PartyNames({
    profile: async () => {
      const a = await services.session.apis();
      return { key: a.client, get: (id, signal) => a.customers.get(id, signal) };
    },
    held: (id) => services.customerSearch.held(id),
  });
  bus.on('event.customers.refetched', (p) => partyNames.forget(p.customerId));
  const webhooks = new WebhookSubsystem({
    db,
    bus,
    activeProfileId: () => settings.active().id,
    secrets: () => profileSecrets(services.secrets, settings.active().id),
    refetchCustomer: services.refetchCustomer,
    // Local profile only: the console registers its own listener with the embedded sandbox.
    registerListener: async (url) => {
      const p = settings.active();
      if (p.kind !== 'local') return;
      const api = (await services.omsApis()).webhooks;
      const registrar = {
        list: () => api.list(),
        create: (body: { url: string; events: string[] }, key: string) => api.create(body, key),
        delete: (id: string) => api.delete(id),
        recoverSecret: (id: string) => services.sandbox.recoverWebhookSecret(id),
      };
      await ensureLocalRegistration(registrar, services.secrets, p.id, url);
    },
    verificationMode: () => settings.active().webhookVerification,
    // The relay's console token: keychain only, per profile.
    relayTokens: {
      get: (profileId) => services.secrets.get(accounts.relayToken(profileId)),
      set: async (profileId, token) => void (token === null ? await services.secrets.delete(accounts.relayToken(profileId)) : await services.secrets.set(accounts.relayToken(profileId), token)),
      where: (profileId) => services.secrets.storageOf(accounts.relayToken(profileId)),
    },
    // --webhook-port: the default, and for this run it wins over a port saved for the profile.
    ...(opts.webhookPort !== undefined ? { defaultPort: opts.webhookPort, portOverride: opts.webhookPort } : {}),
    log,
  });

  const info = async (): Promise<AppInfo> => {
    const p = settings.active();
    return {
      name: 'OMS Console',
      version: opts.version,
      transport: opts.transport,
      profile: { id: p.id, name: p.name, kind: p.kind, baseUrl: p.baseUrl },
      secretStorage: await settings.secretStorage(),
      startedAt: startedAt.toISOString(),
    };
  };

  const reportError = createRendererErrorLog({ log });
  const diagnostics = async (screenError?: string) => {
    const text = buildDiagnostics({
      appVersion: opts.version,
      packaged: opts.packaged ?? false,
      versions: process.versions,
      platform: process.platform,
      arch: process.arch,
      osRelease: release(),
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
      info: await info().catch(() => null),
      listener: webhooks.status(),
    });
    // The screen's own words, scrubbed like any log line, for the ticket the text is pasted into.
    return screenError ? `${text}screen error: ${scrubText(screenError).replace(/\s+/g, ' ')}\n` : text;
  };

  const handlers: Handlers = {
    app: {
      info,
      omsHealth: async () => services.session.health(),
      openExternal: async ({ url }) => ({ opened: opts.openExternal ? await opts.openExternal(url) : false }),
      reportError: async (r) => reportError(r),
      diagnostics: async ({ error }) => ({ text: await diagnostics(error) }),
      // Browser mode started by the e2e suite only: an Electron build never honours it.
      testHooks: async () => ({ screenFaults: opts.transport === 'browser' && process.env.OMS_CONSOLE_E2E_HOOKS === '1' }),
    },
    settings: afterEach(settingsHandlers(settings, new DesktopPrefsRepo(services.settingsStore, (p) => opts.onDesktopPrefs?.(p)), new DisplayPrefsRepo(services.settingsStore)), ['saveProfile', 'setActiveProfile', 'deleteProfile'], () => webhooks.profileSettingsChanged()),
    customers: trackOpenCustomers(customersHandlers(services.session, services.customerSearch), webhooks.openCustomers),
    wallets: walletsHandlers(services.session),
    quotes: quotesHandlers(services.session),
    transactions: transactionsHandlers(services.session, partyNames),
    cashIns: cashInsHandlers(services.session),
    externalAccounts: externalAccountsHandlers(services.session),
    // A created or deleted endpoint changes the secrets the listener verifies with: say so at once.
    webhooks: withSecretsRefresh(webhooksHandlers(services.session, services.secrets), () => webhooks.secretsChanged()),
    inbox: createInboxHandlers(webhooks, () => settings.active()),
    logs: logsHandlers(services.requestLog, services.audit),
    pii: piiHandlers(services.session),
    sandbox: withDecisionRefetch(sandboxHandlers(services.sandbox), async (customerId, decision) => {
      // A decision's own webhook is not a documented event (only `granted` is): read the customer now,
      // and name the change as that webhook would have.
      const raw = await (await services.omsApis()).customers.get(customerId);
      services.customerSearch.observe(raw);
      const cause = `customer.endorsement.${decision === 'approve' ? 'granted' : decision === 'reject' ? 'rejected' : 'revoked'}`;
      bus.publish('event.customers.refetched', { customerId, customer: toCustomerView(raw), cause });
    }),
    export: exportHandlers({ handlers: () => handlers, profileKind: () => settings.active().kind, ...(opts.saveDialog ? { saveDialog: opts.saveDialog } : {}) }),
  };

  const dispatchAll = createDispatcher({
    handlers,
    activeProfile: () => settings.active(),
    audit: (e) => services.audit.append(e),
    log,
  });
  const stopHeartbeat = startHeartbeat(bus, opts.heartbeatMs ?? 5000, startedAt.getTime());
  const deferred = opts.listenerStart === 'after-first-answer' && opts.waitForListener === false;
  const listenerLater = deferred ? afterFirstSearch(dispatchAll, LISTENER_LATEST_START_MS) : { dispatch: dispatchAll, due: Promise.resolve(), cancel: () => {} };
  const dispatch = listenerLater.dispatch;
  if (deferred) webhooks.health.set({ detail: 'Starting: the listener comes up once the first screen has its data.' });
  let closed = false;
  const listenerStarted = listenerLater.due.then(() => (closed ? undefined : webhooks.start()));
  // Handled here too: the entry may only await it after serving its first page.
  listenerStarted.catch(() => undefined);
  if (opts.waitForListener !== false) await listenerStarted;

  let closing: Promise<void> | null = null;
  return {
    dispatch,
    bus,
    events,
    db,
    services,
    webhooks,
    listenerStarted,
    info,
    close: () =>
      (closing ??= (async () => {
        stopHeartbeat();
        closed = true;
        listenerLater.cancel();
        // A listener thread still starting would be left running by a stop that came first.
        await listenerStarted.catch(() => undefined);
        await webhooks.stop().catch((e: unknown) => log(`webhooks did not stop cleanly: ${e instanceof Error ? e.message : 'error'}`));
        events.close();
        services.customerSearch.close();
        await services.local.stop().catch((e: unknown) => log(`local sandbox did not stop cleanly: ${e instanceof Error ? e.message : 'error'}`));
        db.close();
      })()),
  };
}
