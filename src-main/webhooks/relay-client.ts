import { createParser } from 'eventsource-parser';
import type { RawDelivery } from './webhook-listener.ts';

/** Where a relay delivery sits in its channel: the cursor to resume after, and when the relay stored it. */
export interface RelayMeta {
  cursor: string;
  receivedAt: string;
}

export interface RelayClientOptions {
  /** The channel's SSE URL: our relay's `…/channels/<c>/events`, or a smee.io channel. */
  url: string;
  /** Our relay's console token (rly_…). Without one the channel is read as smee (no cursor, re-serialised JSON). */
  token?: string | null;
  /** The cursor saved after the last delivery that reached the inbox (relay protocol only). */
  cursor?: string | null;
  /** Must settle only once the delivery is stored; a rejection keeps the cursor where it was. */
  onDelivery: (d: RawDelivery, meta: RelayMeta | null) => Promise<unknown>;
  /** Every delivery up to and including `cursor` is in the inbox: save it. */
  onCursor?: (cursor: string, meta: RelayMeta) => void;
  /** The backlog is done: `count` deliveries were missed while offline. */
  onCaughtUp?: (count: number) => void;
  /** Some deliveries were pruned before we read them: the stream alone is no longer the truth. */
  onGap?: (info: Record<string, unknown>) => void;
  /** The relay never issued our cursor (its store was replaced): forget it. */
  onReset?: () => void;
  /** The token was refused (revoked, unknown, wrong channel): the client has stopped for good. */
  onRefused?: (why: string) => void;
  /** A refusal worth showing that does not stop the client (429, unknown channel, bad cursor…). */
  onProblem?: (why: string | null) => void;
  onConnected: () => void;
  onDisconnected: (why: string) => void;
  /** Any traffic, pings included: the watchdog's proof the channel is alive. */
  onActivity?: () => void;
  backoffMs?: readonly number[];
  /** No byte for this long = a dead connection (our relay pings every 15 s). */
  deadMs?: number;
  fetch?: typeof fetch;
}

export interface RelayClient {
  /** Drops the current connection and dials again at once (wake from sleep, network change, stale). */
  reconnectNow(): void;
  close(): void;
  readonly connected: boolean;
  /** True once the relay refused the token; nothing is retried after that. */
  readonly refused: boolean;
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
  const exact = typeof m.rawBody === 'string';
  const rawBody = exact ? Buffer.from(m.rawBody as string) : Buffer.from(JSON.stringify(m.body ?? null));
  headers['content-type'] ??= 'application/json';
  return exact ? { headers, rawBody } : { headers, rawBody, reserialised: true };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * One `delivery` event of our relay: `{cursor, receivedAt, headers, bodyBase64}`. The body is
 * decoded to the exact bytes OMS sent and never parsed here, so the signature checks out over them.
 */
export function deliveryFromRelayEvent(data: string): { delivery: RawDelivery; meta: RelayMeta } | null {
  let m: unknown;
  try {
    m = JSON.parse(data);
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  const { cursor, receivedAt, headers, bodyBase64 } = m as Record<string, unknown>;
  if (typeof cursor !== 'string' || !cursor || cursor.length > 100 || typeof bodyBase64 !== 'string' || !BASE64.test(bodyBase64)) return null;
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return null;
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') h[k.toLowerCase()] = v;
  const at = typeof receivedAt === 'string' && !Number.isNaN(Date.parse(receivedAt)) ? receivedAt : new Date().toISOString();
  return { delivery: { headers: h, rawBody: Buffer.from(bodyBase64, 'base64') }, meta: { cursor, receivedAt: at } };
}

interface SseEvent {
  event: string;
  data: string;
}

/** SSE events off a response body (any line end, a leading BOM, `retry:`), one chunk's worth at a time. */
async function* sseBatches(body: ReadableStream<Uint8Array>, on: { retry: (ms: number) => void; id: (id: string) => void; bytes: () => void }): AsyncGenerator<SseEvent[]> {
  const decoder = new TextDecoder();
  let ready: SseEvent[] = [];
  const parser = createParser({
    onEvent: (m) => ready.push({ event: m.event ?? 'message', data: m.data }),
    onRetry: on.retry,
    onId: on.id,
    // A comment (the keep-alive ping) is still a sign of life.
    onComment: () => ready.push({ event: 'comment', data: '' }),
  });
  for await (const chunk of body) {
    on.bytes();
    parser.feed(decoder.decode(chunk, { stream: true }));
    const batch = ready;
    ready = [];
    if (batch.length) yield batch;
  }
}

const parseJson = (s: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** The relay's `{"error": code}` on a refusal, for the words shown to the user (never the body at large). */
async function refusalCode(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  const code = parseJson(text.slice(0, 2000)).error;
  return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : `HTTP ${res.status}`;
}

class Refused extends Error {}

/**
 * Subscribes to a relay channel and feeds each delivery to the pipeline, reconnecting until closed
 * or refused. With a token it speaks our relay's protocol (byte-exact bodies, cursors resumed with
 * Last-Event-ID, caught-up/gap/reset/revoked); without one, smee's.
 */
export function startRelayClient(opts: RelayClientOptions): RelayClient {
  const backoff = opts.backoffMs ?? [500, 1000, 2000, 5000, 10_000, 30_000];
  const doFetch = opts.fetch ?? fetch;
  const relayMode = Boolean(opts.token);
  const deadMs = opts.deadMs ?? (relayMode ? 30_000 : 90_000);
  let closed = false;
  let refused = false;
  let connected = false;
  let attempt = 0;
  let current: AbortController | null = null;
  let wake: (() => void) | null = null;
  // Relay: the cursor of the last delivery stored in the inbox. smee: the last id seen.
  let cursor = opts.cursor ?? null;
  let retryMs: number | null = null;
  let minWaitMs = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => ((wake = null), resolve()), ms);
      wake = () => (clearTimeout(t), (wake = null), resolve());
    });

  /** Stores a run of deliveries together (one inbox commit), then moves the cursor past those stored in order. */
  const storeRun = async (run: { delivery: RawDelivery; meta: RelayMeta }[]): Promise<void> => {
    // The first alone: it loads the secrets (a keychain read) that the rest then share from the cache.
    const results = await Promise.allSettled([opts.onDelivery(run[0]!.delivery, run[0]!.meta)]);
    if (results[0]!.status === 'fulfilled') results.push(...(await Promise.allSettled(run.slice(1).map((r) => opts.onDelivery(r.delivery, r.meta)))));
    const firstFailed = results.findIndex((r) => r.status === 'rejected');
    const stored = firstFailed === -1 ? run : run.slice(0, firstFailed);
    const last = stored.at(-1);
    if (last) {
      cursor = last.meta.cursor;
      opts.onCursor?.(last.meta.cursor, last.meta);
    }
    // Not stored: drop the stream and resume after the last stored one, so nothing is skipped.
    if (firstFailed !== -1) throw new Error('a delivery could not be stored; resuming from the last stored one');
  };

  const handleRelayBatch = async (batch: SseEvent[]): Promise<void> => {
    let run: { delivery: RawDelivery; meta: RelayMeta }[] = [];
    for (const ev of batch) {
      if (ev.event === 'delivery') {
        const d = deliveryFromRelayEvent(ev.data);
        if (d) run.push(d);
        continue;
      }
      if (run.length) await storeRun(run);
      run = [];
      const data = parseJson(ev.data);
      if (ev.event === 'caught-up') opts.onCaughtUp?.(typeof data.count === 'number' && data.count >= 0 ? Math.floor(data.count) : 0);
      else if (ev.event === 'gap') opts.onGap?.(data);
      else if (ev.event === 'reset') {
        cursor = null;
        opts.onReset?.();
      } else if (ev.event === 'revoked') throw new Refused('the relay revoked this token');
    }
    if (run.length) await storeRun(run);
  };

  const handleSmeeBatch = async (batch: SseEvent[]): Promise<void> => {
    for (const ev of batch) {
      if (ev.event !== 'message') continue; // ready, ping, comments: liveness only
      const d = deliveryFromMessage(ev.data);
      if (d) await opts.onDelivery(d, null).catch(() => {});
    }
  };

  const runOnce = async (): Promise<string> => {
    const ac = new AbortController();
    current = ac;
    let timer: NodeJS.Timeout | undefined;
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => ac.abort(new Error(`no bytes from the relay for ${deadMs >= 1000 ? `${Math.round(deadMs / 1000)} s` : `${deadMs} ms`}`)), deadMs);
    };
    alive();
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (cursor) headers['last-event-id'] = cursor;
      const res = await doFetch(opts.url, { headers, signal: ac.signal });
      if (res.status === 401 || res.status === 403) throw new Refused(`the relay refused the token (${await refusalCode(res)})`);
      if (!res.ok || !res.body) return await answerProblem(res);
      connected = true;
      attempt = 0;
      opts.onProblem?.(null);
      opts.onConnected();
      const retry = (ms: number) => void (retryMs = Math.min(Math.max(ms, 100), 5 * 60_000));
      // smee: resume after the last id seen. Relay: only storeRun moves the cursor, after the inbox has the delivery.
      const id = (v: string) => void (relayMode || (cursor = v));
      for await (const batch of sseBatches(res.body, { retry, id, bytes: alive })) {
        opts.onActivity?.();
        await (relayMode ? handleRelayBatch(batch) : handleSmeeBatch(batch));
      }
      return 'relay closed the stream';
    } catch (e) {
      if (e instanceof Refused) throw e;
      // An abort by the dead-connection timer carries its own reason.
      throw ac.signal.aborted && ac.signal.reason instanceof Error ? ac.signal.reason : e;
    } finally {
      clearTimeout(timer);
    }
  };

  /** A non-2xx answer that does not refuse the token: say why, and wait as long as the relay asks. */
  const answerProblem = async (res: Response): Promise<string> => {
    const code = await refusalCode(res);
    const after = Number(res.headers.get('retry-after'));
    if (res.status === 429) minWaitMs = Math.min(Math.max(Number.isFinite(after) && after > 0 ? after * 1000 : 5000, 1000), 5 * 60_000);
    if (res.status === 400 && code === 'bad_cursor') {
      // The saved cursor is not this relay's shape (another engine): start over; dedupe absorbs repeats.
      cursor = null;
      opts.onReset?.();
    }
    const why = res.status === 429 ? `the relay is limiting this token (${code}); backing off` : `relay answered ${res.status} (${code})`;
    opts.onProblem?.(why);
    return why;
  };

  void (async () => {
    while (!closed) {
      let why: string;
      try {
        why = await runOnce();
      } catch (e) {
        if (e instanceof Refused) {
          refused = true;
          connected = false;
          // A client closed meanwhile (settings changed) was replaced: its refusal is nobody's news.
          if (!closed) opts.onRefused?.(e.message);
          closed = true;
          break;
        }
        why = e instanceof Error ? e.message : String(e);
      }
      if (connected) opts.onDisconnected(why);
      connected = false;
      if (closed) break;
      const base = backoff[Math.min(attempt, backoff.length - 1)]!;
      const first = attempt === 0;
      attempt += 1;
      const floor = Math.max(retryMs ?? 0, minWaitMs);
      minWaitMs = 0;
      // The server's `retry:` sets the first wait after a drop; repeated failures still back off
      // (never below it), with jitter so many consoles do not stampede a relay that just came back.
      if (first && floor > 0) await sleep(floor);
      else await sleep(Math.max(floor, Math.round(base / 2 + Math.random() * (base / 2))));
    }
  })();

  return {
    get connected() {
      return connected;
    },
    get refused() {
      return refused;
    },
    reconnectNow() {
      if (refused) return;
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
