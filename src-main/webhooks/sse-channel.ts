import { createParser } from 'eventsource-parser';
import { relayErrorSchema } from '#shared/relay/relay-protocol.ts';

// What the OMS relay client and the smee client share: one SSE stream over fetch, kept open until
// closed or refused, with a dead-connection watchdog and backoff that honours the server's `retry:`.

export interface SseEvent {
  event: string;
  data: string;
}

/** The server refused us for good (401, 403, a revoked token): nothing is retried after it. */
export class Refused extends Error {}

/** What the listener hears from either kind of channel. */
export interface SseLifecycle {
  /** We were refused (revoked, unknown, wrong channel): the client has stopped for good. */
  onRefused?: ((why: string) => void) | undefined;
  /** A refusal worth showing that does not stop the client (429, unknown channel, bad cursor…). */
  onProblem?: ((why: string | null) => void) | undefined;
  onConnected: () => void;
  onDisconnected: (why: string) => void;
  /** Any traffic, pings included: the watchdog's proof the channel is alive. */
  onActivity?: (() => void) | undefined;
  backoffMs?: readonly number[] | undefined;
  /** No byte for this long = a dead connection. */
  deadMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

export interface SseChannelOptions extends SseLifecycle {
  url: string;
  /** The request headers of each dial (the resume point may have moved since the last one). */
  headers: () => Record<string, string>;
  /** Handles one chunk's events in order; throwing ends this connection, throwing Refused ends the channel. */
  onBatch: (batch: SseEvent[]) => Promise<void>;
  onId?: (id: string) => void;
  /** A non-2xx answer that does not refuse us, with the server's error code (or `HTTP <status>`). */
  onAnswer?: (status: number, code: string) => void;
  deadMs: number;
}

const DEFAULT_BACKOFF_MS: readonly number[] = [500, 1000, 2000, 5000, 10_000, 30_000];

export interface SseChannel {
  /** Drops the current connection and dials again at once (wake from sleep, network change, stale). */
  reconnectNow(): void;
  close(): void;
  readonly connected: boolean;
  /** True once the server refused us; nothing is retried after that. */
  readonly refused: boolean;
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

/** The server's `{"error": code}` on a refusal, for the words shown to the user (never the body at large). */
async function refusalCode(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text.slice(0, 2000));
  } catch {
    /* not JSON: the status says it */
  }
  const answer = relayErrorSchema.pick({ error: true }).safeParse(parsed);
  return answer.success && /^[a-z_]{1,40}$/.test(answer.data.error) ? answer.data.error : `HTTP ${res.status}`;
}

export function openSseChannel(opts: SseChannelOptions): SseChannel {
  const { deadMs } = opts;
  const backoff = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const doFetch = opts.fetch ?? fetch;
  let closed = false;
  let refused = false;
  let connected = false;
  let attempt = 0;
  let current: AbortController | null = null;
  let wake: (() => void) | null = null;
  let retryMs: number | null = null;
  let minWaitMs = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => ((wake = null), resolve()), ms);
      wake = () => (clearTimeout(t), (wake = null), resolve());
    });

  /** A non-2xx answer that does not refuse us: say why, and wait as long as the server asks. */
  const answerProblem = async (res: Response): Promise<string> => {
    const code = await refusalCode(res);
    const after = Number(res.headers.get('retry-after'));
    if (res.status === 429) minWaitMs = Math.min(Math.max(Number.isFinite(after) && after > 0 ? after * 1000 : 5000, 1000), 5 * 60_000);
    opts.onAnswer?.(res.status, code);
    const why = res.status === 429 ? `the relay is limiting this token (${code}); backing off` : `relay answered ${res.status} (${code})`;
    opts.onProblem?.(why);
    return why;
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
      const res = await doFetch(opts.url, { headers: { accept: 'text/event-stream', ...opts.headers() }, signal: ac.signal });
      if (res.status === 401 || res.status === 403) throw new Refused(`the relay refused the token (${await refusalCode(res)})`);
      if (!res.ok || !res.body) return await answerProblem(res);
      connected = true;
      attempt = 0;
      opts.onProblem?.(null);
      opts.onConnected();
      const retry = (ms: number) => void (retryMs = Math.min(Math.max(ms, 100), 5 * 60_000));
      const id = (v: string) => opts.onId?.(v);
      for await (const batch of sseBatches(res.body, { retry, id, bytes: alive })) {
        opts.onActivity?.();
        await opts.onBatch(batch);
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
