import type { EventName } from '#shared/events/events.contract.ts';
import { EVENT_NAMES } from '#shared/events/event-names.ts';
import { buildOmsApi, cancelledResult, type OmsApi } from '#shared/ipc/build-api.ts';
import { kindOf } from '#shared/ipc/channel-table.ts';
import type { Result } from '#shared/ipc/result.ts';

/**
 * window.oms for browser mode: the same registry-built surface, over the loopback bridge. The
 * launch token lives in an HttpOnly cookie, so this code never sees it.
 */
export function createBrowserOms(origin = window.location.origin): OmsApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = () => {
    socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/events`);
    socket.onopen = () => (retryMs = 500);
    socket.onmessage = (msg) => {
      try {
        // One event per frame, or several of one kind gathered by main (`payloads`, in order).
        const { name, payload, payloads } = JSON.parse(String(msg.data)) as { name: EventName; payload?: unknown; payloads?: unknown[] };
        if (!(EVENT_NAMES as readonly string[]).includes(name)) return;
        for (const p of Array.isArray(payloads) ? payloads : [payload]) for (const cb of listeners.get(name) ?? []) cb(p);
      } catch {
        // A malformed frame is dropped; the next heartbeat shows the link is alive.
      }
    };
    socket.onclose = () => {
      socket = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  connect();

  const invoke = async (channel: string, input: unknown, signal?: AbortSignal, attempt = 1): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`${origin}/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
        // Aborting closes the connection, and the bridge then aborts the call and its OMS request.
        ...(signal ? { signal } : {}),
      });
      if (res.status === 401 || res.status === 403) {
        return { ok: false, error: { code: 'FORBIDDEN', message: await res.text() } };
      }
      return (await res.json()) as Result<unknown>;
    } catch {
      // Abandoned on purpose: neither an outage nor a reason to send it again.
      if (signal?.aborted) return cancelledResult(channel);
      // A dropped loopback connection is retried once for reads; a write is never sent twice.
      if (attempt === 1 && kindOf(channel) === 'read') return invoke(channel, input, signal, 2);
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'The console process is not reachable. Is it still running?' } };
    }
  };

  return buildOmsApi(invoke, (name, cb) => {
    const set = listeners.get(name) ?? new Set();
    set.add(cb);
    listeners.set(name, set);
    return () => void set.delete(cb);
  });
}
