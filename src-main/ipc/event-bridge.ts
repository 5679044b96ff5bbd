import type { EventName } from '#shared/events/events.contract.ts';
import type { EventBus } from '../lib/event-bus.ts';

export type EventSink = (name: EventName, payload: unknown) => void;
/**
 * A sink that takes several payloads of one event in one call (one frame): a transport that can
 * fan them out on the other side (`{ name, payloads }`, each handed to the listeners in order).
 */
export type BatchSink = (name: EventName, payloads: readonly unknown[]) => void;

/** Events whose bursts collapse to the latest payload per key within one window. */
const COALESCE: Partial<Record<EventName, (p: unknown) => string>> = {
  'event.customers.refetched': (p) => (p as { customerId: string }).customerId,
  'event.wallets.changed': (p) => `${(p as { customerId: string | null }).customerId}:${(p as { walletId: string | null }).walletId}`,
  'event.webhooks.statusChanged': () => 'status',
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
  #unsubscribe: () => void;
  readonly windowMs: number;
  /** Pushes (calls, i.e. frames) actually sent to sinks, by event name (for tests and the bench). */
  readonly sent = new Map<EventName, number>();

  constructor(bus: EventBus, windowMs = 40) {
    this.windowMs = windowMs;
    this.#unsubscribe = bus.onAny((name, payload) => this.#accept(name, payload));
  }

  addSink(sink: EventSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  addBatchSink(sink: BatchSink): () => void {
    this.#batchSinks.add(sink);
    return () => this.#batchSinks.delete(sink);
  }

  #accept(name: EventName, payload: unknown): void {
    if (GATHER.has(name)) {
      const list = this.#gathered.get(name);
      if (list) list.push(payload);
      else this.#gathered.set(name, [payload]);
    } else {
      const keyOf = COALESCE[name];
      if (!keyOf) return this.#send(name, [payload]);
      this.#pending.set(`${name}|${keyOf(payload)}`, { name, payload });
    }
    this.#timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = [...this.#pending.values()];
    const gathered = [...this.#gathered];
    this.#pending.clear();
    this.#gathered.clear();
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
    this.#sinks.clear();
    this.#batchSinks.clear();
  }
}
