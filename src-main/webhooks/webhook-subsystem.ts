import type { ListenerStatus, RelayStatus } from '#shared/ipc/inbox.contract.ts';
import { isHttpsOrLoopbackUrl } from '#shared/ipc/settings.contract.ts';
import { fingerprint } from '../secrets/credentials.ts';
import { BindRetry } from './bind-retry.ts';
import { CustomerRefresher } from './customer-refresher.ts';
import { ListenerConfigStore, RelayCursorStore, RelayTokenNotes, type ListenerConfig } from './listener-config.ts';
import { IntakeEndpoint } from './intake-endpoint.ts';
import { ListenerHealth, OpenCustomers, startWatchdog } from './listener-health.ts';
import { ListenerRegistrar } from './listener-registrar.ts';
import type { IntakeStats } from './server-worker-protocol.ts';
import { withSmeeNote, type RelayClient } from './relay-kind.ts';
import { forgottenTokenStatus, memoryTokens, startRelayLink, type RelayTokenStore } from './relay-link.ts';
import { hmacVariants, SIGNATURE_VARIANT_NAMES } from './signature-verifier.ts';
import type { WebhookSubsystemDeps } from './webhook-subsystem-deps.ts';
import type { InboxFilter } from './inbox-records.ts';
import { WebhookInbox } from './webhook-inbox.ts';
import { DEFAULT_LISTENER_PORT, type WebhookServer } from './webhook-server.ts';
import { WebhookProcessor, type VerificationMode } from './webhook-processor.ts';

export type { WebhookSubsystemDeps } from './webhook-subsystem-deps.ts';

/** Listener + relay + inbox + processor + health: started and stopped with the console. */
export class WebhookSubsystem {
  readonly inbox: WebhookInbox;
  readonly processor: WebhookProcessor;
  readonly refresher: CustomerRefresher;
  readonly health: ListenerHealth;
  readonly openCustomers = new OpenCustomers();
  readonly config: ListenerConfigStore;
  /** Where this console stands in each relay channel (only moved after the inbox has the delivery). */
  readonly cursors: RelayCursorStore;
  readonly #tokens: RelayTokenStore;
  readonly #tokenNotes: RelayTokenNotes;
  #portOverride: number | null;
  readonly #bindRetry: BindRetry;
  readonly #d: WebhookSubsystemDeps;
  readonly #endpoint: IntakeEndpoint;
  readonly #registrar: ListenerRegistrar;
  #listener: WebhookServer | null = null;
  #stopped = true;
  #relay: RelayClient | null = null;
  #watchdog: { stop(): void; kick(): void } | null = null;
  #unsubscribe: (() => void) | null = null;
  /** Settles when the latest (re)registration attempt ended; registration never blocks start-up. */
  registration: Promise<void> = Promise.resolve();
  /** Reconciliations run, by cause (tests and the bench read it). */
  readonly reconciliations: string[] = [];

  constructor(deps: WebhookSubsystemDeps) {
    this.#d = deps;
    this.inbox = new WebhookInbox(deps.db, deps.inbox);
    this.config = new ListenerConfigStore(deps.db, deps.defaultPort ?? DEFAULT_LISTENER_PORT);
    this.cursors = new RelayCursorStore(deps.db);
    this.#tokenNotes = new RelayTokenNotes(deps.db);
    this.#portOverride = deps.portOverride ?? null;
    this.#bindRetry = new BindRetry(deps.bindRetryMs);
    this.#tokens = deps.relayTokens ?? memoryTokens();
    this.health = new ListenerHealth(deps.bus, (s) => this.#withModeNotes(s));
    this.refresher = new CustomerRefresher({
      bus: deps.bus,
      refetchCustomer: deps.refetchCustomer,
      retryDelaysMs: deps.refetchRetryMs,
      isOpen: (id) => this.openCustomers.has(id),
      onSettled: (seqs, error) => {
        for (const seq of seqs) this.processor.finish(seq, error ? 'failed' : 'done', error);
      },
    });
    this.processor = new WebhookProcessor({
      inbox: this.inbox,
      bus: deps.bus,
      refresher: this.refresher,
      scheme: deps.scheme ?? hmacVariants,
      pinnedVariant: () => this.#endpoint.context().pin,
      profileId: () => this.#endpoint.context().profileId,
      mode: () => this.#endpoint.context().mode,
      secrets: deps.secrets,
      onReceived: (e) => this.health.set({ lastEventAt: e.receivedAt, lastVerdict: e.verdict }),
    });
    this.#endpoint = new IntakeEndpoint({
      db: deps.db,
      inbox: deps.inbox,
      // The environment switch is for side-by-side measurements (bench/webhooks-console.bench.ts).
      thread: deps.listenerThread ?? (process.env.OMS_WEBHOOK_LISTENER_THREAD === 'main' ? 'main' : 'worker'),
      customScheme: deps.scheme !== undefined,
      processor: () => this.processor,
      readContext: () => {
        const profileId = deps.activeProfileId();
        return { profileId, mode: deps.verificationMode(), pin: this.config.get(profileId).signatureVariant };
      },
      // A registration under way may be about to store the secret (a keychain-less restart
      // recovers it from the sandbox): the worker, faster than main, must not judge before it.
      secrets: () => this.registration.then(() => deps.secrets()),
      onLost: (why) => this.#listenerLost(why),
    });
    this.#registrar = new ListenerRegistrar({
      register: deps.registerListener,
      url: () => this.#listener?.url ?? null,
      secrets: deps.secrets,
      health: this.health,
      onRegistered: () => this.#endpoint.invalidateSecrets(),
    });
  }

  /**
   * The active profile or its listener settings changed: the next delivery reads them afresh, and
   * the live status follows a mode changed in the profile (its only home).
   */
  profileSettingsChanged(): void {
    this.#endpoint.contextChanged();
    this.health.set({ verification: this.#mode() });
  }

  /** The listener's thread died: say so, and bind again (a fresh thread) unless stopping. */
  #listenerLost(why: string): void {
    this.#listener = null;
    this.health.set({ state: 'stopped', url: null, port: null, detail: `Listener not running: ${why}; restarting it.` });
    if (!this.#stopped) void this.#applyOrRetry('listener restart');
  }

  /** Resolves once every delivery the listener stored so far is announced on main (tests, bench). */
  sync(): Promise<IntakeStats> {
    return this.#endpoint.sync();
  }

  /** The active profile's settings; the --webhook-port flag wins over its saved port until the operator moves it. */
  #cfg(): ListenerConfig {
    const saved = this.config.get(this.#d.activeProfileId());
    return this.#portOverride === null ? saved : { ...saved, port: this.#portOverride };
  }

  /** Binds the active settings; a busy port is tried again (bounded backoff), the status says when. */
  #applyOrRetry(why: string): Promise<void> {
    return this.#bindRetry.attempt(
      // A try that comes due after configure() bound a port has nothing left to do.
      () => (this.#listener ? Promise.resolve() : this.#apply()),
      (e) => this.#d.log?.(`webhooks: ${why}: ${String(e)}`),
      (e, ms, n) => this.health.set({ detail: `Listener not running: ${e.message}. Trying port ${this.#cfg().port} again in ${Math.round(ms / 1000)} s (try ${n}).` }),
    );
  }

  #mode(): VerificationMode {
    return this.#d.verificationMode();
  }

  async start(): Promise<void> {
    this.#stopped = false;
    this.inbox.prune();
    // Acknowledged before the last stop but not applied yet: apply now (durable, exactly once).
    const resumed = this.processor.resumePending();
    if (resumed) this.#d.log?.(`webhooks: resumed ${resumed} acknowledged deliveries`);
    // A port in use must not stop the console: the status says why, it is tried again, and configure() can move it.
    await this.#applyOrRetry('listener not started');
    this.#unsubscribe = this.#d.bus.on('event.session.profileChanged', () => {
      this.profileSettingsChanged();
      this.#endpoint.invalidateSecrets();
      this.#registrar.forget();
      void this.#apply().catch((e) => this.#d.log?.(`webhooks: profile switch: ${String(e)}`));
    });
    this.#watchdog = startWatchdog({
      tickMs: this.#d.watchdogMs ?? 5_000,
      onWake: (ms) => this.#recover(`wake after ${Math.round(ms / 1000)} s`),
      onNetworkChange: () => this.#recover('network change'),
      onTick: () => this.#checkStale(),
    });
  }

  /**
   * (Re)applies a config (default: the active profile's saved one): listener port, relay channel,
   * registration. A new port is bound before the old listener closes, so a bad port leaves the
   * running listener untouched.
   */
  async #apply(cfg: ListenerConfig = this.#cfg(), token?: string | null): Promise<void> {
    const profileId = this.#d.activeProfileId();
    let relayToken: string | null = null;
    let tokenProblem: string | null = null;
    try {
      relayToken = token !== undefined ? token : cfg.relayUrl ? await this.#tokens.get(profileId) : null;
    } catch (e) {
      tokenProblem = `The relay token could not be read from the keychain (${e instanceof Error ? e.message : 'error'}).`;
    }
    if (!this.#listener || (cfg.port !== 0 && this.#listener.port !== cfg.port)) {
      let next: WebhookServer;
      try {
        next = await this.#endpoint.bind(cfg.port);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        if (this.#listener) this.health.set({ detail: `Not moved: ${why}. Still listening on port ${this.#listener.port}.` });
        else this.health.set({ state: 'stopped', url: null, port: null, detail: `Listener not running: ${why}.` });
        throw e;
      }
      const old = this.#listener;
      this.#listener = next;
      this.#registrar.forget();
      await old?.close();
    }
    this.#relay?.close();
    this.#relay = null;
    this.health.set({ url: this.#listener.url, port: this.#listener.port, relayUrl: cfg.relayUrl, verification: this.#mode(), relay: null });
    // A relay URL saved before the HTTPS rule existed: the bearer token would cross the network in clear.
    if (cfg.relayUrl && !isHttpsOrLoopbackUrl(cfg.relayUrl)) tokenProblem = `Relay not started: ${cfg.relayUrl.slice(0, 200)} is not HTTPS, and the relay token must not go out in clear. Set an https:// relay URL (http only on this machine).`;
    const forgotten = cfg.relayUrl && !tokenProblem && token === undefined && relayToken === null ? this.#tokenNotes.get(profileId) : null;
    if (forgotten) this.health.set({ state: 'listening', detail: null, relay: forgottenTokenStatus(cfg.relayUrl!, forgotten) });
    else if (cfg.relayUrl && !tokenProblem) this.#startRelay(profileId, cfg.relayUrl, relayToken, relayToken && token === undefined ? ((await this.#tokens.where?.(profileId)) ?? null) : null);
    else this.health.set({ state: 'listening', detail: tokenProblem });
    // In the background: registering may start the embedded sandbox, which must not delay the UI.
    this.registration = this.#registrar.run();
    this.reconcile('listener started');
  }

  #startRelay(profileId: string, url: string, token: string | null, tokenStorage: RelayStatus['tokenStorage'] = null): void {
    this.#relay = startRelayLink(
      { health: this.health, cursors: this.cursors, receive: (d, at) => this.processor.receive(d, 'relay', at === null ? {} : { at }), reconcile: (cause) => this.reconcile(cause), log: this.#d.log, backoffMs: this.#d.relayBackoffMs, deadMs: this.#d.relayDeadMs },
      profileId,
      url,
      token,
      tokenStorage,
    );
  }

  #checkStale(): void {
    if (this.#registrar.owed) void this.#registrar.run();
    const staleMs = this.#d.relayStaleMs ?? 90_000;
    if (this.#relay?.connected && !this.#relay.refused && Date.now() - this.health.lastRelayActivity > staleMs) {
      this.health.set({ state: 'stale', detail: `No relay traffic for ${Math.round(staleMs / 1000)} s; reconnecting.` });
      this.#relay.reconnectNow();
    }
  }

  #recover(why: string): void {
    this.#d.log?.(`webhooks: ${why}: reconnecting and reconciling`);
    if (this.#relay) this.#relay.reconnectNow();
    else this.reconcile(why);
  }

  /** Re-fetches every customer the user has open; run on every (re)connect. */
  reconcile(cause: string): void {
    this.reconciliations.push(cause);
    for (const id of this.openCustomers.list()) void this.refresher.refresh(id, 'reconcile');
  }

  /** Called from the electron entry on powerMonitor 'resume'. */
  wake(): void {
    this.#watchdog?.kick();
  }

  /** The inbox of the active profile only (what `inbox.list` returns). */
  listForActiveProfile(f: Omit<InboxFilter, 'profileId'>): ReturnType<WebhookInbox['list']> {
    return this.inbox.list({ ...f, profileId: this.#d.activeProfileId() });
  }

  status(): ListenerStatus {
    return this.health.get();
  }

  #withModeNotes(s: ListenerStatus): ListenerStatus {
    // The endpoint's copy (at most a second old, dropped on every settings change): the push goes
    // out per delivery, and a settings read each time is what that cache exists to avoid.
    return withSmeeNote({ ...s, verification: this.#endpoint.context().mode });
  }

  /**
   * Changes the active profile's listener settings: the new port is bound first, then swapped in,
   * and only then is anything saved. A busy or forbidden port throws (e.g. "port 4590 is in use:
   * choose another port"), leaves the old listener running and saves nothing.
   */
  async configure(patch: Partial<ListenerConfig> & { relayToken?: string | null }): Promise<ListenerStatus> {
    const profileId = this.#d.activeProfileId();
    const { relayToken, ...rest } = patch;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<ListenerConfig>;
    const pin = defined.signatureVariant;
    if (pin != null && !SIGNATURE_VARIANT_NAMES.includes(pin)) {
      throw new Error(`unknown signature variant "${pin.slice(0, 60)}": use one of ${SIGNATURE_VARIANT_NAMES.join(', ')}`);
    }
    await this.#apply({ ...this.#cfg(), ...defined }, relayToken);
    // The operator chose a port: from now on it is the one this run uses.
    if (defined.port !== undefined) this.#portOverride = null;
    this.#bindRetry.reset();
    // Kept only once the listener took the new settings; a keychain failure throws (nothing half-saved is shown as saved).
    if (relayToken !== undefined) await this.#tokens.set(profileId, relayToken);
    this.config.set(profileId, defined);
    if (relayToken !== undefined) {
      this.#tokenNotes.set(profileId, relayToken ? fingerprint(relayToken) : null);
      this.health.setRelay({ tokenStorage: relayToken ? ((await this.#tokens.where?.(profileId)) ?? null) : null });
    }
    this.profileSettingsChanged();
    this.#endpoint.invalidateSecrets();
    return this.status();
  }

  /**
   * The profile's webhook secrets changed (an endpoint created, rotated or deleted outside the
   * local registration): the cached secrets are dropped and the fingerprints re-read.
   */
  async secretsChanged(): Promise<void> {
    this.#endpoint.invalidateSecrets();
    await this.#registrar.refreshFingerprints();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#bindRetry.stop();
    this.#unsubscribe?.();
    this.#watchdog?.stop();
    this.#relay?.close();
    await this.registration;
    await this.#listener?.close();
    this.#listener = null;
    // Every row the worker committed is handed over before it ends (applied now or resumed next start).
    await this.#endpoint.stop();
    this.refresher.stop();
    await this.refresher.idle();
    // Outcomes not written yet; anything still unapplied stays pending and resumes next start.
    this.processor.batcher.flush();
    this.health.set({ state: 'stopped', detail: null });
  }
}
