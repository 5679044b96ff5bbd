import { eventContract, type EventName } from '#shared/events/events.contract.ts';
import type { EventBus } from '../lib/event-bus.ts';

export type EventSink = (name: EventName, payload: unknown) => void;
/**
 * A sink that takes several payloads of one event in one call (one frame): a transport that can
 * fan them out on the other side (`{ name, payloads }`, each handed to the listeners in order).
 */
export type BatchSink = (name: EventName, payloads: readonly unknown[]) => void;

interface Coalesce {
  /** Payloads with one key within one window collapse to the latest. */
  key: (p: unknown) => string;
  /** A window of its own, for an event whose burst outlasts the bridge's window. */
  windowMs?: number;
}

/**
 * Every rule about which pushes collapse lives here: whoever publishes on the bus publishes each
 * change, and only this table decides how many of them a renderer sees.
 */
const COALESCE: Partial<Record<EventName, Coalesce>> = {
  'event.customers.refetched': { key: (p) => (p as { customerId: string }).customerId },
  'event.wallets.changed': { key: (p) => `${(p as { customerId: string | null }).customerId}:${(p as { walletId: string | null }).walletId}` },
  'event.webhooks.statusChanged': { key: () => 'status' },
  // Every OMS call changes the health twice (started, finished) and a waiting call once a second:
  // a burst of calls is one update per 250 ms, a pace the health card still reads as live.
  'event.oms.healthChanged': { key: () => 'health', windowMs: 250 },
  // The directory reports each page it indexes (ten a second while it walks): the progress bar
  // needs five.
  'event.customers.directoryChanged': { key: () => 'directory', windowMs: 200 },
};

/**
 * Events where every payload matters but their number does not: gathered for one window and handed
 * to batch sinks as one list (1,000 webhook deliveries/s were 1,000 WebSocket frames/s from main).
 */
const GATHER: ReadonlySet<EventName> = new Set(['event.webhooks.received']);

/**
 * The single choke point between main's event bus and every renderer. A burst of webhook-driven
 * updates for one customer reaches the UI as one push carrying the latest state.
 */
export class EventBridge {
  #sinks = new Set<EventSink>();
  #batchSinks = new Set<BatchSink>();
  #pending = new Map<string, { name: EventName; payload: unknown }>();
  #gathered = new Map<EventName, unknown[]>();
  #timer: NodeJS.Timeout | null = null;
  /** Timers of the events with a window of their own. */
  #ownTimers = new Map<EventName, NodeJS.Timeout>();
  #unsubscribe: () => void;
  readonly windowMs: number;
  /** Pushes (calls, i.e. frames) actually sent to sinks, by event name (for tests and the bench). */
  readonly sent = new Map<EventName, number>();

  readonly #onInvalid: (name: EventName, paths: string[]) => void;
  /** Pushes refused because their payload did not match the event contract, by event name. */
  readonly refused = new Map<EventName, number>();

  /** `onInvalid` hears of a refused push: its name and the paths at fault, never the values. */
  constructor(bus: EventBus, windowMs = 40, onInvalid: (name: EventName, paths: string[]) => void = () => undefined) {
    this.windowMs = windowMs;
    this.#onInvalid = onInvalid;
    this.#unsubscribe = bus.onAny((name, payload) => this.#accept(name, payload));
  }

  /**
   * A push is parsed as an IPC output is: with the event's strict schema. What fails never reaches
   * a renderer (a field added to a payload by mistake could carry what the renderer must not see).
   */
  #valid(name: EventName, payload: unknown): unknown {
    const schema = eventContract[name] as { safeParse: (v: unknown) => { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } } } | undefined;
    if (!schema) return undefined;
    const r = schema.safeParse(payload);
    if (r.success) return r.data;
    this.refused.set(name, (this.refused.get(name) ?? 0) + 1);
    this.#onInvalid(name, (r.error?.issues ?? []).slice(0, 5).map((i) => i.path.map(String).join('.') || '(payload)'));
    return undefined;
  }

  addSink(sink: EventSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  addBatchSink(sink: BatchSink): () => void {
    this.#batchSinks.add(sink);
    return () => this.#batchSinks.delete(sink);
  }

  #accept(name: EventName, raw: unknown): void {
    const payload = this.#valid(name, raw);
    if (payload === undefined) return;
    if (GATHER.has(name)) {
      const list = this.#gathered.get(name);
      if (list) list.push(payload);
      else this.#gathered.set(name, [payload]);
    } else {
      const rule = COALESCE[name];
      if (!rule) return this.#send(name, [payload]);
      this.#pending.set(`${name}|${rule.key(payload)}`, { name, payload });
      if (rule.windowMs !== undefined) {
        if (!this.#ownTimers.has(name)) this.#ownTimers.set(name, setTimeout(() => this.#flushOwn(name), rule.windowMs));
        return;
      }
    }
    this.#timer ??= setTimeout(() => this.#flushShared(), this.windowMs);
  }

  /** Sends everything waiting now, whatever its window (tests, shutdown). */
  flush(): void {
    for (const t of this.#ownTimers.values()) clearTimeout(t);
    this.#ownTimers.clear();
    this.#flushShared(() => true);
  }

  #flushOwn(name: EventName): void {
    this.#ownTimers.delete(name);
    this.#sendPending((n) => n === name, []);
  }

  #flushShared(take: (name: EventName) => boolean = (n) => COALESCE[n]?.windowMs === undefined): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const gathered = [...this.#gathered];
    this.#gathered.clear();
    this.#sendPending(take, gathered);
  }

  #sendPending(take: (name: EventName) => boolean, gathered: [EventName, unknown[]][]): void {
    const batch: { name: EventName; payload: unknown }[] = [];
    for (const [key, entry] of this.#pending) {
      if (!take(entry.name)) continue;
      batch.push(entry);
      this.#pending.delete(key);
    }
    // The latest payload per key, then one push per event name: 300 wallets changing in one window
    // were 300 frames, and each frame costs main a write and the page a task.
    const coalesced = new Map<EventName, unknown[]>();
    for (const { name, payload } of batch) {
      const list = coalesced.get(name);
      if (list) list.push(payload);
      else coalesced.set(name, [payload]);
    }
    for (const [name, payloads] of coalesced) this.#send(name, payloads);
    for (const [name, payloads] of gathered) this.#send(name, payloads);
  }

  #send(name: EventName, payloads: readonly unknown[]): void {
    const frames = (this.#sinks.size ? payloads.length : 0) + (this.#batchSinks.size ? 1 : 0);
    this.sent.set(name, (this.sent.get(name) ?? 0) + frames);
    // A dead renderer must not stop the others from getting the event.
    for (const sink of this.#batchSinks) {
      try {
        sink(name, payloads);
      } catch {
        /* next sink */
      }
    }
    for (const sink of this.#sinks) {
      for (const payload of payloads) {
        try {
          sink(name, payload);
        } catch {
          /* next sink */
        }
      }
    }
  }

  close(): void {
    this.#unsubscribe();
    if (this.#timer) clearTimeout(this.#timer);
    for (const t of this.#ownTimers.values()) clearTimeout(t);
    this.#sinks.clear();
    this.#batchSinks.clear();
  }
}
