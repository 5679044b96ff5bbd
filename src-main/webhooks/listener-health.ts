import { networkInterfaces } from 'node:os';
import type { ListenerStatus, RelayStatus } from '#shared/ipc/inbox.contract.ts';
import type { EventBus } from '../lib/event-bus.ts';

/**
 * The state the UI shows; every change is published once as `event.webhooks.statusChanged`.
 * `view` derives what is read from elsewhere (the profile's verification mode, the warnings that
 * follow from it): the query and the live push both go through `get()`, so they cannot disagree.
 */
export class ListenerHealth {
  readonly #bus: EventBus;
  readonly #view: (s: ListenerStatus) => ListenerStatus;
  #status: ListenerStatus = {
    state: 'stopped',
    url: null,
    port: null,
    relayUrl: null,
    verification: 'enforce',
    lastEventAt: null,
    lastVerdict: null,
    secretFingerprints: [],
    detail: null,
    relay: null,
  };
  /** Last sign of life from the relay (any message or ping), epoch ms. */
  lastRelayActivity = 0;

  constructor(bus: EventBus, view: (s: ListenerStatus) => ListenerStatus = (s) => s) {
    this.#bus = bus;
    this.#view = view;
  }

  get(): ListenerStatus {
    return this.#view({ ...this.#status, secretFingerprints: [...this.#status.secretFingerprints], relay: this.#status.relay && { ...this.#status.relay } });
  }


  /** Patches the relay part (no-op without a relay); published only when something changed. */
  setRelay(patch: Partial<RelayStatus>): void {
    const cur = this.#status.relay;
    if (!cur) return;
    if (Object.entries(patch).every(([k, v]) => v === cur[k as keyof RelayStatus])) return;
    this.set({ relay: { ...cur, ...patch } });
  }

  set(patch: Partial<ListenerStatus>): void {
    // Called per delivery: compare only what the patch touches (arrays by value).
    const cur = this.#status as Record<string, unknown>;
    const same = Object.entries(patch).every(([k, v]) => (Array.isArray(v) ? JSON.stringify(v) === JSON.stringify(cur[k]) : v === cur[k]));
    if (same) return;
    this.#status = { ...this.#status, ...patch };
    this.#bus.publish('event.webhooks.statusChanged', this.get());
  }
}

export interface WatchdogOptions {
  tickMs: number;
  /** A tick arriving this much later than planned means the machine slept (timers froze). */
  sleepGapMs?: number;
  onWake: (sleptMs: number) => void;
  onNetworkChange: () => void;
  onTick?: () => void;
  now?: () => number;
}

/** Addresses only: a changed set means Wi-Fi switched, a VPN came up, or a cable was pulled. */
function networkSignature(): string {
  const out: string[] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    for (const a of addrs ?? []) if (!a.internal) out.push(`${name}/${a.address}`);
  }
  return out.sort().join(',');
}

/**
 * Node has no sleep/resume or network-change events outside Electron's powerMonitor, so both are
 * inferred here: the timer gap reveals a sleep, the interface list reveals a network change.
 * Electron's powerMonitor 'resume' can call `kick()` for an immediate check.
 */
export function startWatchdog(o: WatchdogOptions): { stop(): void; kick(): void } {
  const now = o.now ?? Date.now;
  const gap = o.sleepGapMs ?? Math.max(10_000, o.tickMs * 3);
  let last = now();
  let net = networkSignature();
  const tick = () => {
    const t = now();
    const elapsed = t - last;
    last = t;
    if (elapsed > o.tickMs + gap) o.onWake(elapsed);
    const sig = networkSignature();
    if (sig !== net) {
      net = sig;
      o.onNetworkChange();
    }
    o.onTick?.();
  };
  const timer = setInterval(tick, o.tickMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    kick: () => o.onWake(0),
  };
}

/** Customers the renderer has open: the ones a (re)connect reconciles. Bounded and self-expiring. */
export class OpenCustomers {
  readonly #seen = new Map<string, number>();
  readonly #max: number;
  readonly #ttlMs: number;

  constructor(max = 50, ttlMs = 30 * 60_000) {
    this.#max = max;
    this.#ttlMs = ttlMs;
  }

  /** Call when the renderer loads a customer (customers.get). */
  touch(customerId: string, at = Date.now()): void {
    this.#seen.delete(customerId);
    this.#seen.set(customerId, at);
    while (this.#seen.size > this.#max) this.#seen.delete(this.#seen.keys().next().value!);
  }

  has(customerId: string, at = Date.now()): boolean {
    const t = this.#seen.get(customerId);
    return t !== undefined && at - t <= this.#ttlMs;
  }

  list(at = Date.now()): string[] {
    for (const [id, t] of this.#seen) if (at - t > this.#ttlMs) this.#seen.delete(id);
    return [...this.#seen.keys()];
  }
}
