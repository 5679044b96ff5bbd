import { createParser } from 'eventsource-parser';
import type { RawDelivery } from './webhook-listener.ts';

export interface RelayClientOptions {
  /** The public channel, e.g. https://smee.io/AbC123. */
  url: string;
  onDelivery: (d: RawDelivery) => Promise<unknown>;
  onConnected: () => void;
  onDisconnected: (why: string) => void;
  /** Any traffic, pings included: the watchdog's proof the channel is alive. */
  onActivity?: () => void;
  backoffMs?: readonly number[];
  fetch?: typeof fetch;
}

export interface RelayClient {
  /** Drops the current connection and dials again at once (wake from sleep, network change, stale). */
  reconnectNow(): void;
  close(): void;
  readonly connected: boolean;
}

const SKIP_KEYS = new Set(['body', 'query', 'timestamp', 'rawbody', 'headers']);

/**
 * Rebuilds the original request from one smee message. smee puts the (lower-cased) headers at the
 * top level beside `body`, already parsed: the bytes are gone, so `JSON.stringify(body)` is the
 * best reconstruction and only a signer that produced compact JSON will still verify. A relay that
 * forwards `rawBody` (a string) is byte-exact and preferred.
 */
export function deliveryFromMessage(data: string): RawDelivery | null {
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as Record<string, unknown>;
  const headers: Record<string, string> = {};
  const source = m.headers && typeof m.headers === 'object' ? (m.headers as Record<string, unknown>) : m;
  for (const [k, v] of Object.entries(source)) {
    if (source === m && SKIP_KEYS.has(k.toLowerCase())) continue;
    if (typeof v === 'string') headers[k.toLowerCase()] = v;
    else if (typeof v === 'number') headers[k.toLowerCase()] = String(v);
  }
  const rawBody = typeof m.rawBody === 'string' ? Buffer.from(m.rawBody) : Buffer.from(JSON.stringify(m.body ?? null));
  headers['content-type'] ??= 'application/json';
  return { headers, rawBody };
}

interface SseEvent {
  event: string;
  data: string;
}

/**
 * SSE events off a response body, through eventsource-parser (any line end, a leading BOM, `id:`,
 * `retry:`). `onId` and `onRetry` report the fields the reconnect loop needs.
 */
async function* sseEvents(body: ReadableStream<Uint8Array>, onId: (id: string) => void, onRetry: (ms: number) => void): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let ready: SseEvent[] = [];
  const parser = createParser({
    onEvent: (m) => ready.push({ event: m.event ?? 'message', data: m.data }),
    onId,
    onRetry,
    // A comment (smee's keep-alive) is still a sign of life.
    onComment: () => ready.push({ event: 'comment', data: '' }),
  });
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    const batch = ready;
    ready = [];
    yield* batch;
  }
}

/** Subscribes to a smee-style SSE channel and feeds each delivery to the pipeline, reconnecting forever. */
export function startRelayClient(opts: RelayClientOptions): RelayClient {
  const backoff = opts.backoffMs ?? [500, 1000, 2000, 5000, 10_000, 30_000];
  const doFetch = opts.fetch ?? fetch;
  let closed = false;
  let connected = false;
  let attempt = 0;
  let current: AbortController | null = null;
  let wake: (() => void) | null = null;
  // The stream's own reconnect hints: resume after the last event seen, wait as long as it asks.
  let lastEventId = '';
  let retryMs: number | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => ((wake = null), resolve()), ms);
      wake = () => (clearTimeout(t), (wake = null), resolve());
    });

  const runOnce = async (): Promise<string> => {
    current = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const res = await doFetch(opts.url, { headers, signal: current.signal });
    if (!res.ok || !res.body) return `relay answered ${res.status}`;
    connected = true;
    attempt = 0;
    opts.onConnected();
    const onId = (id: string) => void (lastEventId = id);
    const onRetry = (ms: number) => void (retryMs = Math.min(Math.max(ms, 100), 5 * 60_000));
    for await (const ev of sseEvents(res.body, onId, onRetry)) {
      opts.onActivity?.();
      if (ev.event !== 'message') continue; // ready, ping, comments: liveness only
      const d = deliveryFromMessage(ev.data);
      if (d) await opts.onDelivery(d).catch(() => {});
    }
    return 'relay closed the stream';
  };

  void (async () => {
    while (!closed) {
      let why: string;
      try {
        why = await runOnce();
      } catch (e) {
        why = e instanceof Error ? e.message : String(e);
      }
      if (connected) opts.onDisconnected(why);
      connected = false;
      if (closed) break;
      const base = backoff[Math.min(attempt, backoff.length - 1)]!;
      const first = attempt === 0;
      attempt += 1;
      // The server's `retry:` sets the first wait after a drop; repeated failures still back off
      // (never below it), with jitter so many consoles do not stampede a relay that just came back.
      if (first && retryMs !== null) await sleep(retryMs);
      else await sleep(Math.max(retryMs ?? 0, Math.round(base / 2 + Math.random() * (base / 2))));
    }
  })();

  return {
    get connected() {
      return connected;
    },
    reconnectNow() {
      attempt = 0;
      current?.abort();
      wake?.();
    },
    close() {
      closed = true;
      current?.abort();
      wake?.();
    },
  };
}
