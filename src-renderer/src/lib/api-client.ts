import type { OmsApi } from '#shared/ipc/build-api.ts';
import type { Result } from '#shared/ipc/result.ts';
import { usePending } from '../features/oms-health/pending.store.ts';

declare global {
  interface Window {
    oms: OmsApi;
  }
}

let seq = 0;
let tracked: OmsApi | null = null;

const cancelled = (channel: string): Result<never> => ({
  ok: false,
  error: { code: 'TIMEOUT', message: `You stopped waiting for ${channel}. Nothing more will change on screen; retry when OMS answers again.`, details: { cancelled: true } },
});

/**
 * Every call is visible while it waits: it joins the pending list (shown after ~300 ms with its age
 * and a Cancel), and Cancel settles it at once with a plain result, so no button stays greyed out
 * behind a hung OMS. Main still ends the OMS request itself at its own timeout.
 */
function track(raw: OmsApi): OmsApi {
  const out: Record<string, unknown> = {};
  for (const [domain, ops] of Object.entries(raw as unknown as Record<string, Record<string, unknown>>)) {
    if (domain === 'events') {
      out[domain] = ops;
      continue;
    }
    const wrapped: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(ops)) {
      const channel = `${domain}.${name}`;
      wrapped[name] = (input: unknown) => {
        const id = ++seq;
        let stop: (r: Result<never>) => void = () => {};
        const stopped = new Promise<Result<never>>((resolve) => (stop = resolve));
        usePending.getState().add({ id, channel, startedAt: Date.now(), cancel: () => stop(cancelled(channel)) });
        return Promise.race([(fn as (i: unknown) => Promise<Result<unknown>>)(input), stopped]).finally(() => usePending.getState().remove(id));
      };
    }
    out[domain] = Object.freeze(wrapped);
  }
  return Object.freeze(out) as unknown as OmsApi;
}

/**
 * The renderer's one seam to main: components and stores call `api()`, never `window.oms`, so the
 * transport (preload in Electron, the loopback bridge in browser mode) stays out of the features.
 */
export function api(): OmsApi {
  return (tracked ??= track(window.oms));
}
