import type { EventName, EventPayload } from '../events/events.contract.ts';
import { contract, type Contract } from './registry.ts';
import type { InputOf, OutputOf } from './operation.ts';
import type { Result } from './result.ts';

type DomainApi<D extends keyof Contract> = {
  readonly [K in keyof Contract[D]]: (input: InputOf<Contract[D][K]>) => Promise<Result<OutputOf<Contract[D][K]>>>;
};

/** Every domain's operations, plus `events.on` for main's events (no domain is called `events`). */
export type OmsApi = { readonly [D in keyof Contract]: DomainApi<D> } & {
  readonly events: {
    on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
  };
};

export type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (name: EventName, cb: (payload: unknown) => void) => () => void;

/**
 * Builds `window.oms` mechanically from the registry. Both the Electron preload and the browser
 * bridge client use it, so the two transports expose the identical surface.
 */
export function buildOmsApi(invoke: Invoke, subscribe: Subscribe): OmsApi {
  const api: Record<string, unknown> = {};
  for (const [domain, ops] of Object.entries(contract)) {
    const fns: Record<string, unknown> = {};
    for (const [name, op] of Object.entries(ops)) {
      const channel = op.channel;
      fns[name] = (input: unknown) => invoke(channel, input ?? {});
    }
    api[domain] = Object.freeze(fns);
  }
  api.events = Object.freeze({ on: (name: EventName, cb: (payload: unknown) => void) => subscribe(name, cb) });
  return Object.freeze(api) as unknown as OmsApi;
}
