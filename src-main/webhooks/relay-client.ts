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

/** Minimal SSE parser: yields complete events (name + data) as lines arrive. */
async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const decoder = new TextDecoder();
  let buf = '';
  let event = 'message';
  let data: string[] = [];
  for await (const chunk of body) {
    buf += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buf.search(/\r?\n/)) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(buf[nl] === '\r' ? nl + 2 : nl + 1);
      if (line === '') {
        if (data.length) yield { event, data: data.join('\n') };
        event = 'message';
        data = [];
      } else if (line.startsWith(':')) {
        yield { event: 'comment', data: '' };
      } else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
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

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => ((wake = null), resolve()), ms);
      wake = () => (clearTimeout(t), (wake = null), resolve());
    });

  const runOnce = async (): Promise<string> => {
    current = new AbortController();
    const res = await doFetch(opts.url, { headers: { accept: 'text/event-stream' }, signal: current.signal });
    if (!res.ok || !res.body) return `relay answered ${res.status}`;
    connected = true;
    attempt = 0;
    opts.onConnected();
    for await (const ev of sseEvents(res.body)) {
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
      attempt += 1;
      // Full jitter so many consoles do not stampede a relay that just came back.
      await sleep(Math.round(base / 2 + Math.random() * (base / 2)));
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
