import type { EventName } from '#shared/events/events.contract.ts';
import type { EventBus } from './event-bus.ts';

export type EventSink = (name: EventName, payload: unknown) => void;

/** Events whose bursts collapse to the latest payload per key within one window. */
const COALESCE: Partial<Record<EventName, (p: unknown) => string>> = {
  'event.customers.refetched': (p) => (p as { customerId: string }).customerId,
  'event.wallets.changed': (p) => `${(p as { customerId: string | null }).customerId}:${(p as { walletId: string | null }).walletId}`,
  'event.webhooks.statusChanged': () => 'status',
};

/**
 * The single choke point between main's event bus and every renderer. A burst of webhook-driven
 * updates for one customer reaches the UI as one push carrying the latest state.
 */
export class EventBridge {
  #sinks = new Set<EventSink>();
  #pending = new Map<string, { name: EventName; payload: unknown }>();
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: () => void;
  readonly windowMs: number;
  /** Pushes actually sent to sinks, by event name (for tests and the bench). */
  readonly sent = new Map<EventName, number>();

  constructor(bus: EventBus, windowMs = 40) {
    this.windowMs = windowMs;
    this.#unsubscribe = bus.onAny((name, payload) => this.#accept(name, payload));
  }

  addSink(sink: EventSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  #accept(name: EventName, payload: unknown): void {
    const keyOf = COALESCE[name];
    if (!keyOf) return this.#send(name, payload);
    this.#pending.set(`${name}|${keyOf(payload)}`, { name, payload });
    this.#timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    for (const { name, payload } of batch) this.#send(name, payload);
  }

  #send(name: EventName, payload: unknown): void {
    this.sent.set(name, (this.sent.get(name) ?? 0) + 1);
    for (const sink of this.#sinks) {
      try {
        sink(name, payload);
      } catch {
        // A dead renderer must not stop the others from getting the event.
      }
    }
  }

  close(): void {
    this.#unsubscribe();
    if (this.#timer) clearTimeout(this.#timer);
    this.#sinks.clear();
  }
}
