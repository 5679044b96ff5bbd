import type { RelayStatus } from '#shared/ipc/inbox.contract.ts';
import { fingerprint } from '../secrets/credentials.ts';
import type { RelayCursorStore } from './listener-config.ts';
import type { ListenerHealth } from './listener-health.ts';
import { startRelayClient, type RelayMeta } from './relay-client.ts';
import { isOurRelay, type RelayClient } from './relay-kind.ts';
import { startSmeeClient } from './smee-client.ts';
import type { SseLifecycle } from './sse-channel.ts';
import type { RawDelivery } from './webhook-server.ts';

/** The relay token per profile: the keychain in the app (accounts.relayToken). */
export interface RelayTokenStore {
  get(profileId: string): Promise<string | null>;
  /** null forgets it. */
  set(profileId: string, token: string | null): Promise<void>;
  /** Where a saved token is kept (null: none saved). */
  where?(profileId: string): Promise<'keychain' | 'session' | 'memory' | null>;
}

/** For tests and runs without a keychain: the token lives as long as the process. */
export function memoryTokens(): RelayTokenStore {
  const m = new Map<string, string>();
  return { get: async (p) => m.get(p) ?? null, set: async (p, t) => void (t === null ? m.delete(p) : m.set(p, t)), where: async (p) => (m.has(p) ? 'memory' : null) };
}

/**
 * A token was saved for this relay but is not in the store: it was kept in memory (no keychain)
 * and lost with the restart. Connecting without it would only earn a refusal, so the relay is not
 * started and its status says what happened and asks for the token again.
 */
export function forgottenTokenStatus(url: string, fp: string): RelayStatus {
  return {
    connected: false, cursor: null, lagMs: null, lastDeliveryAt: null, caughtUp: null, tokenFingerprint: null, tokenStorage: null,
    problem: `Token forgotten: the relay token saved for ${url.slice(0, 200)} (${fp}) is no longer stored. Without a keychain it is kept in memory only and is lost when the console restarts. Enter it again in Settings → Listener to reconnect.`,
  };
}

export interface RelayLinkDeps {
  health: ListenerHealth;
  cursors: RelayCursorStore;
  /** The pipeline for one relay delivery, judged at `at` (epoch ms; null: now); settles once it is in the inbox. */
  receive: (d: RawDelivery, at: number | null) => Promise<unknown>;
  reconcile: (cause: string) => void;
  log?: ((line: string) => void) | undefined;
  backoffMs?: readonly number[] | undefined;
  deadMs?: number | undefined;
}

/**
 * A relay delivery is judged at the time the relay stored it: a console back from an hour's sleep
 * must not refuse, as a stale signature, everything OMS sent meanwhile (the 5-minute window then
 * still catches a delivery signed long before the relay got it). A relay time in the future is
 * ignored, and smee (no meta) gives none.
 */
function judgedAt(meta: RelayMeta): number | null {
  const at = Date.parse(meta.receivedAt);
  return Number.isFinite(at) && at < Date.now() ? at : null;
}

type Log = (line: string) => void;

/** What both kinds of channel report, kept in the listener status's `relay` part. */
function lifecycle(d: RelayLinkDeps, log: Log, onConnected: () => void): SseLifecycle {
  const { health } = d;
  return {
    ...(d.backoffMs ? { backoffMs: d.backoffMs } : {}),
    ...(d.deadMs !== undefined ? { deadMs: d.deadMs } : {}),
    onRefused: (why: string) => {
      log(`stopped: ${why}`);
      // The local listener still runs; the relay part says what happened and what to do.
      health.set({ state: 'listening', detail: null });
      health.setRelay({ connected: false, problem: `Token refused: ${why}. The console stopped asking; save a new token in Settings → Listener.` });
    },
    onProblem: (why: string | null) => health.setRelay({ problem: why }),
    onActivity: () => {
      health.lastRelayActivity = Date.now();
      if (health.get().state === 'stale') health.set({ state: 'relay-connected', detail: null });
    },
    onConnected: () => {
      health.lastRelayActivity = Date.now();
      health.set({ state: 'relay-connected', detail: null });
      health.setRelay({ connected: true });
      onConnected();
    },
    onDisconnected: (why: string) => {
      health.set({ state: 'reconnecting', detail: `Relay dropped (${why}); reconnecting.` });
      health.setRelay({ connected: false });
    },
  };
}

/**
 * smee keeps nothing while we were away, so every connect re-reads the open customers; it gives no
 * time of storage either, so its deliveries are judged now.
 */
function startSmee(d: RelayLinkDeps, url: string, log: Log): RelayClient {
  return startSmeeClient({ ...lifecycle(d, log, () => d.reconcile('relay connected')), url, onDelivery: (delivery) => d.receive(delivery, null) });
}

/** Our relay replays the backlog after the saved cursor and reconciles only on `caught-up` (count > 0) or `gap`. */
function startOurRelay(d: RelayLinkDeps, profileId: string, url: string, token: string, cursor: string | null, log: Log): RelayClient {
  const { health } = d;
  return startRelayClient({
    ...lifecycle(d, log, () => undefined),
    url,
    token,
    cursor,
    onDelivery: (delivery, meta) => d.receive(delivery, judgedAt(meta)),
    // The inbox has every delivery up to `c` (receive settles after the commit): only now is the cursor saved.
    onCursor: (c, meta) => {
      d.cursors.set(profileId, url, c);
      health.setRelay({ cursor: c, lastDeliveryAt: meta.receivedAt, lagMs: Math.max(0, Date.now() - Date.parse(meta.receivedAt)) });
    },
    onCaughtUp: (n) => {
      health.setRelay({ caughtUp: n });
      if (n === 0) return;
      // The card words it from relay.caughtUp; the log keeps the record.
      log(`caught up ${n} deliveries missed while offline`);
      d.reconcile('relay caught up');
    },
    onGap: () => {
      log('gap: deliveries were pruned before this console read them; reconciling');
      health.set({ detail: 'The relay no longer had some deliveries missed while offline (retention): open customers were re-fetched instead.' });
      d.reconcile('relay gap');
    },
    onReset: () => {
      log('reset: the saved cursor is unknown to the relay; starting from its oldest delivery');
      d.cursors.clear(profileId, url);
      health.setRelay({ cursor: null });
    },
  });
}

/**
 * Connects one profile to one relay channel and keeps the listener status's `relay` part true:
 * deliveries go through the pipeline, the cursor is saved only once the inbox has them, a backlog
 * or a gap reconciles the open customers, and a refused token stops everything and says so.
 */
export function startRelayLink(d: RelayLinkDeps, profileId: string, url: string, token: string | null, tokenStorage: RelayStatus['tokenStorage'] = null): RelayClient {
  const ours = isOurRelay(token);
  const cursor = ours ? d.cursors.get(profileId, url) : null;
  d.health.set({
    state: 'reconnecting',
    detail: `Connecting to relay ${url}`,
    relay: { connected: false, cursor, lagMs: null, lastDeliveryAt: null, caughtUp: null, tokenFingerprint: ours ? fingerprint(token) : null, tokenStorage, problem: null },
  });
  d.health.lastRelayActivity = Date.now();
  const log = (line: string) => d.log?.(`webhooks: relay ${line}`);
  return isOurRelay(token) ? startOurRelay(d, profileId, url, token, cursor, log) : startSmee(d, url, log);
}
