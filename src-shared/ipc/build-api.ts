import type { EventName, EventPayload } from '../events/events.contract.ts';
import { channelTable } from './channel-table.ts';
import type { Contract } from './registry.ts';
import type { InputOf, OutputOf } from './operation.ts';
import { err, type Result } from './result.ts';

/**
 * How a caller of `window.oms` stops waiting: it hands over a function that registers the stop.
 * Not an AbortSignal: Electron's contextBridge copies objects (a signal arrives as `{}`), but it
 * proxies functions, so this crosses from the page into the preload intact.
 */
export interface CallOptions {
  onAbort?: (stop: () => void) => void;
}

type DomainApi<D extends keyof Contract, O> = {
  readonly [K in keyof Contract[D]]: (input: InputOf<Contract[D][K]>, opts?: O) => Promise<Result<OutputOf<Contract[D][K]>>>;
};

/** Every domain's operations, each taking options of type `O`, plus `events.on` for main's events. */
export type OmsApiOf<O> = { readonly [D in keyof Contract]: DomainApi<D, O> } & {
  readonly events: {
    on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
  };
};

/** `window.oms`, as either transport exposes it. */
export type OmsApi = OmsApiOf<CallOptions>;

/** A transport's one call: `signal` aborts when the caller stops waiting (never set for most calls). */
export type Invoke = (channel: string, input: unknown, signal?: AbortSignal) => Promise<Result<unknown>>;
export type Subscribe = (name: EventName, cb: (payload: unknown) => void) => () => void;

/** The message Electron's preload sends on `CANCEL_CHANNEL` is the call id it gave the invoke. */
export const CANCEL_CHANNEL = 'oms:cancel';

/**
 * What an abandoned call settles to: the caller asked for it, so it is not an error to show. The
 * same code and marker as the pending-calls Cancel, so every layer can tell it apart.
 */
export const cancelledResult = (channel: string): Result<never> =>
  err('TIMEOUT', `You stopped waiting for ${channel}. Nothing more will change on screen; retry when OMS answers again.`, { cancelled: true });

/**
 * Builds `window.oms` mechanically from the channel table (the registry's operations, without their
 * schemas). Both the Electron preload and the browser bridge client use it, so the two transports
 * expose the identical surface.
 */
export function buildOmsApi(invoke: Invoke, subscribe: Subscribe): OmsApi {
  const api: Record<string, unknown> = {};
  for (const [domain, ops] of Object.entries(channelTable)) {
    const fns: Record<string, unknown> = {};
    for (const name of Object.keys(ops)) {
      const channel = `${domain}.${name}`;
      fns[name] = (input: unknown, opts?: CallOptions) => {
        if (typeof opts?.onAbort !== 'function') return invoke(channel, input ?? {});
        const ctl = new AbortController();
        opts.onAbort(() => ctl.abort());
        return invoke(channel, input ?? {}, ctl.signal);
      };
    }
    api[domain] = Object.freeze(fns);
  }
  api.events = Object.freeze({ on: (name: EventName, cb: (payload: unknown) => void) => subscribe(name, cb) });
  return Object.freeze(api) as unknown as OmsApi;
}
