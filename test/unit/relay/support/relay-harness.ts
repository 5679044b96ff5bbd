// Real parts for the relay tests and bench: a private redis-server, the real relay over HTTP,
// and an SSE subscriber built on fetch. Nothing here is a fake.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import { RedisRelayStore } from '../../../../src-relay/redis-relay-store.ts';
import type { RelayStore } from '../../../../src-relay/relay-types.ts';
import { SqliteRelayStore } from '../../../../src-relay/sqlite-relay-store.ts';

export type Engine = 'sqlite' | 'redis';
export const ENGINES: Engine[] = ['sqlite', 'redis'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RedisServer {
  url: string;
  port: number;
  /** kill -9 of redis-server: whatever it had not persisted is gone. */
  crash: () => Promise<void>;
  /** Starts redis-server again on the same port and data dir (after crash or stop). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

/** How the private Redis persists: the relay's required AOF with fsync on every write, AOF fsynced each second, or none. */
export type RedisPersistenceMode = 'always' | 'everysec' | 'off';

/** A private redis-server on a free loopback port with its own temp dir, never a system one. */
export async function startRedis(mode: RedisPersistenceMode = 'always'): Promise<RedisServer> {
  // The free port can be taken between probing and binding by a parallel test: try a few.
  for (let attempt = 1; ; attempt += 1) {
    const tmp = tempDir('relay-redis-');
    try {
      const port = await freePort();
      let child = await spawnRedis(port, tmp.dir, mode);
      const exit = async (signal: NodeJS.Signals) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await exited;
      };
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        crash: () => exit('SIGKILL'),
        restart: async () => {
          child = await spawnRedis(port, tmp.dir, mode);
        },
        stop: async () => {
          await exit('SIGTERM');
          tmp.remove();
        },
      };
    } catch (e) {
      tmp.remove();
      if (attempt >= 3) throw e;
    }
  }
}

async function spawnRedis(port: number, dir: string, mode: RedisPersistenceMode): Promise<ChildProcess> {
  const persistence = mode === 'off' ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', mode];
  const child: ChildProcess = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out.slice(-500)}`)), 10_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`));
    });
  }).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
  child.stdout!.resume();
  return child;
}

let prefixes = 0;
/** A fresh store of either engine; Redis stores get their own key prefix. */
export async function openTestStore(engine: Engine, where: { dir: string; redisUrl?: string; prefix?: string }, maxPerChannel = 100_000): Promise<RelayStore> {
  if (engine === 'sqlite') {
    const store = new SqliteRelayStore({ file: join(where.dir, 'relay.db'), maxPerChannel });
    await store.ready;
    return store;
  }
  prefixes += 1;
  return RedisRelayStore.connect({ url: where.redisUrl!, prefix: where.prefix ?? `t${process.pid}x${prefixes}`, maxPerChannel });
}

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface Delivery {
  cursor: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface SseSubscription {
  events: SseEvent[];
  status: number;
  deliveries: () => Delivery[];
  lastId: () => string | undefined;
  waitFor: (pred: (events: SseEvent[]) => boolean, timeoutMs?: number, what?: string) => Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close: () => void;
}

/** Opens the relay's SSE stream with fetch and parses it with eventsource-parser. */
export async function subscribe(base: string, channel: string, token: string, opts: { lastEventId?: string; query?: string; onEvent?: (e: SseEvent) => void } = {}): Promise<SseSubscription> {
  const ac = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
  const res = await fetch(`${base}/channels/${channel}/events${opts.query ?? ''}`, { headers, signal: ac.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const parser = createParser({
    onEvent: (e) => {
      const ev = { id: e.id, event: e.event ?? 'message', data: e.data };
      events.push(ev);
      opts.onEvent?.(ev);
      for (const w of waiters) w();
    },
  });
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      /* aborted by close() */
    }
  })();
  const deliveries = () =>
    events
      .filter((e) => e.event === 'delivery')
      .map((e) => {
        const d = JSON.parse(e.data) as { cursor: string; headers: Record<string, string>; bodyBase64: string };
        return { cursor: d.cursor, headers: d.headers, body: Buffer.from(d.bodyBase64, 'base64') };
      });
  return {
    events,
    status: res.status,
    deliveries,
    lastId: () => [...events].reverse().find((e) => e.id)?.id,
    ended,
    close: () => ac.abort(),
    waitFor: (pred, timeoutMs = 15_000, what = 'events') =>
      new Promise<void>((resolve, reject) => {
        if (pred(events)) return resolve();
        const check = () => {
          if (!pred(events)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; have ${events.length} events`));
        }, timeoutMs);
        waiters.add(check);
      }),
  };
}

/** POSTs raw bytes to the relay's ingest route and returns the status. */
export async function ingest(base: string, channel: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${base}/hooks/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  await res.arrayBuffer();
  return res.status;
}

/** POSTs `{"id":"evt_<i>","n":<i>}` with webhook-id `msg_<i>`; 0 when the connection died (not acknowledged). */
export async function postNumbered(base: string, channel: string, i: number): Promise<number> {
  try {
    return await ingest(base, channel, JSON.stringify({ id: `evt_${i}`, n: i }), { 'webhook-id': `msg_${i}` });
  } catch {
    return 0;
  }
}

export interface NumberedSenders {
  /** Numbers that got a 200, in the order the answers came. */
  acked: number[];
  /** How many requests were started. */
  sent: () => number;
  /** Resolves once at least `n` were acknowledged. */
  ackedAtLeast: (n: number) => Promise<void>;
  /** Stops sending; resolves when every request in flight has its answer (or its dead connection). */
  stop: () => Promise<void>;
}

/** `concurrency` senders posting numbered deliveries back to back until stopped. */
export function numberedSenders(base: string, channel: string, concurrency = 16): NumberedSenders {
  const acked: number[] = [];
  let next = 0;
  let stopped = false;
  const sender = async () => {
    while (!stopped) {
      const i = next++;
      if ((await postNumbered(base, channel, i)) === 200) acked.push(i);
    }
  };
  const running = Array.from({ length: concurrency }, sender);
  return {
    acked,
    sent: () => next,
    ackedAtLeast: async (n) => {
      while (acked.length < n) await new Promise((r) => setTimeout(r, 5));
    },
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

export const countDeliveries = (n: number) => (events: SseEvent[]) => events.filter((e) => e.event === 'delivery').length >= n;

/** The relay's durable commits and the deliveries they carried, read from its /metrics (loopback). */
export async function commitStats(base: string): Promise<{ commits: number; appends: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { commits: read('relay_store_commits_total'), appends: read('relay_store_committed_appends_total') };
}
