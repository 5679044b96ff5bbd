import type { EventName, EventPayload } from '#shared/events/events.contract.ts';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** In-process, typed publish/subscribe for renderer-facing events. Synchronous and tiny by design. */
export class EventBus {
  #listeners = new Map<EventName, Set<(p: unknown) => void>>();
  #any = new Set<(name: EventName, p: unknown) => void>();

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.#listeners.get(name) ?? []) l(payload);
    for (const l of this.#any) l(name, payload);
  }

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.#listeners.set(name, set);
    return () => set.delete(listener as (p: unknown) => void);
  }

  onAny(listener: (name: EventName, payload: unknown) => void): () => void {
    this.#any.add(listener);
    return () => this.#any.delete(listener);
  }
}
