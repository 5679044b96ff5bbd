import { userInfo } from 'node:os';
import type { CustomerView } from '#shared/domain/customer.ts';
import type { OmsHealthView } from '#shared/domain/oms-health.ts';
import type { EventBus } from '../lib/event-bus.ts';
import { scrubText } from '../lib/redact.ts';
import { KeytarSecretStore } from '../secrets/keytar-secret-store.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { SecretVault } from '../secrets/secret-vault.ts';
import { z } from 'zod';
import { inBackground } from '../oms/request-priority.ts';
import { CustomerSearchService } from '../services/customers/customer-search.ts';
import { toCustomerView } from '../services/customers/customer-view.ts';
import { MaskedMatchGuard } from '../services/customers/masked-match-guard.ts';
import { LocalSandbox, type LocalSandboxOptions } from '../services/sandbox/local-sandbox.ts';
import { SandboxService } from '../services/sandbox/sandbox.service.ts';
import { OmsSession, type ClientOverrides, type OmsApis } from '../services/session/oms-session.ts';
import { ProfilesStore, type ProfileRecord } from '../services/settings/profiles.repo.ts';
import { SettingsService } from '../services/settings/settings.service.ts';
import { AuditLog } from '../store/audit-log.ts';
import type { Db } from '../store/database.ts';
import { RequestLog } from '../store/request-log.ts';
import { SettingsStore } from '../store/settings-store.ts';

export interface MainServicesOptions {
  dataDir: string;
  /** Durable secret store; default: the OS keychain through keytar. */
  secretStore?: SecretStore;
  sandbox?: LocalSandboxOptions;
  omsClient?: ClientOverrides;
}

/**
 * Everything main builds once, for the IPC handlers and the webhook subsystem. The webhook
 * subsystem needs: db, bus, secrets (list `<profileId>/webhook/`), activeProfile, omsApis
 * (its WebhooksApi registers the local listener) and refetchCustomer.
 */
export interface MainServices {
  db: Db;
  bus: EventBus;
  /** The SecretStore (keychain, or memory where allowed); never a file. */
  secrets: SecretVault;
  /** Log line sink: scrubs every known secret and anything secret- or email-shaped. */
  log: (line: string) => void;
  activeProfile: () => ProfileRecord;
  omsApis: () => Promise<OmsApis>;
  /** GET a customer through the OMS client, as the renderer sees it (masked). */
  refetchCustomer: (customerId: string) => Promise<CustomerView>;
  settingsStore: SettingsStore;
  requestLog: RequestLog;
  audit: AuditLog;
  local: LocalSandbox;
  session: OmsSession;
  settings: SettingsService;
  sandbox: SandboxService;
  /** customers.search for any OMS, with the in-memory directory where OMS has no text search. */
  customerSearch: CustomerSearchService;
}

/** Builds the main-process services in dependency order. */
export async function buildMainServices(core: { db: Db; bus: EventBus; rawLog: (line: string) => void }, opts: MainServicesOptions): Promise<MainServices> {
  const { db, bus } = core;
  const secrets = new SecretVault(opts.secretStore ?? new KeytarSecretStore());
  const log = (line: string) => core.rawLog(scrubText(line, secrets.known));
  const probe = await secrets.probe();
  if (!probe.available) log(`keychain unavailable: ${probe.reason ?? 'unknown reason'}`);

  const settingsStore = new SettingsStore(db);
  const profiles = new ProfilesStore(settingsStore);
  const activeId = () => profiles.activeId();
  const requestLog = new RequestLog(db, activeId);
  const audit = new AuditLog(db, osUser(), activeId);
  const local = new LocalSandbox({ dataDir: opts.dataDir, vault: secrets, log, ...(opts.sandbox ? { options: opts.sandbox } : {}) });
  // Each change is published; how many reach a renderer is the event bridge's decision.
  const onHealth = (v: OmsHealthView) => bus.publish('event.oms.healthChanged', v);
  const session = new OmsSession({ profiles, vault: secrets, local, requestLog, onHealth, ...(opts.omsClient ? { overrides: opts.omsClient } : {}) });
  const settings = new SettingsService({ profiles, vault: secrets, session, local, bus });
  const sandbox = new SandboxService(session, local);
  const estimateKey = (profileId: string) => `customerDirectory.estimate.${profileId}`;
  const customerSearch = new CustomerSearchService({
    profile: async () => {
      const apis = await session.apis();
      return { key: apis.client, profileId: apis.profile.id, customers: apis.customers };
    },
    guard: new MaskedMatchGuard(),
    auditMaskedMatch: (e) =>
      audit.append({ action: 'customers.search.hiddenFieldMatch', target: e.customerIds[0] ?? null, inputSummary: JSON.stringify(e), result: e.withheld ? `withheld ${e.withheld}` : 'ok' }),
    onDirectory: (s) => bus.publish('event.customers.directoryChanged', s),
    estimate: (profileId) => settingsStore.get(estimateKey(profileId), z.number().int().nullable(), null),
    saveEstimate: (profileId, n) => settingsStore.set(estimateKey(profileId), n),
    log,
  });
  // The directory holds personal data of one profile's customers: it goes with the profile.
  bus.on('event.session.profileChanged', () => customerSearch.reset());

  // "First use" of the local profile: its credentials exist before the first screen asks for them.
  if (profiles.get(activeId())?.kind === 'local') await local.credentials().catch((e: unknown) => log(`local credentials: ${e instanceof Error ? e.message : 'failed'}`));

  return {
    db,
    bus,
    secrets,
    log,
    activeProfile: () => settings.active(),
    omsApis: () => session.apis(),
    // Nobody waits on a webhook's re-fetch: it yields to user calls, and keeps the directory current.
    refetchCustomer: (customerId) =>
      inBackground(async () => {
        const c = await (await session.apis()).customers.get(customerId);
        customerSearch.observe(c);
        return toCustomerView(c);
      }),
    settingsStore,
    requestLog,
    audit,
    local,
    session,
    settings,
    sandbox,
    customerSearch,
  };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
