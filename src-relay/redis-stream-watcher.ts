import type { RelayRedisClient } from './redis-connection.ts';

type Client = RelayRedisClient;
// The client speaks RESP3, where XREAD and XINFO answer with maps; RESP2 answers with flat arrays.
type XReadReply = Record<string, unknown[]> | Array<[string, unknown[]]> | null;

function xreadCount(reply: XReadReply): number {
  if (!reply) return 0;
  const lists = Array.isArray(reply) ? reply.map((r) => r[1]) : Object.values(reply);
  return lists.reduce((n, l) => n + (Array.isArray(l) ? l.length : 0), 0);
}

const BLOCK_MS = 5000;

async function lastGeneratedId(client: Client, key: string): Promise<string> {
  const exists = Number(await client.exists(key));
  if (!exists) return '0-0';
  const info = (await client.sendCommand(['XINFO', 'STREAM', key])) as unknown[] | Record<string, unknown>;
  if (!Array.isArray(info)) return String(info['last-generated-id'] ?? '0-0');
  const at = info.indexOf('last-generated-id');
  return at >= 0 ? String(info[at + 1]) : '0-0';
}

/**
 * One blocking XREAD per watched channel per relay instance, on its own connection (a blocked
 * connection can serve nothing else). It only says "the stream grew"; subscribers then read from
 * their own cursor, so a slow subscriber never holds the others back.
 */
export class RedisStreamWatcher {
  private readonly listeners = new Set<() => void>();
  private readonly base: Client;
  private readonly key: string;
  private conn: Client | null = null;
  private started: Promise<void> | null = null;
  private stopped = false;
  private lastId = '0-0';

  constructor(base: Client, key: string) {
    this.base = base;
    this.key = key;
  }

  /** Resolves once the watcher has fixed the id it reads after: nothing appended later is missed. */
  async add(listener: () => void): Promise<void> {
    this.listeners.add(listener);
    this.started ??= this.start();
    await this.started;
  }

  remove(listener: () => void): number {
    this.listeners.delete(listener);
    return this.listeners.size;
  }

  private async start(): Promise<void> {
    this.lastId = await lastGeneratedId(this.base, this.key);
    const conn = this.base.duplicate();
    conn.on('error', () => {
      /* reconnects by itself; the loop below retries and wakes subscribers */
    });
    await conn.connect();
    if (this.stopped) {
      conn.destroy();
      return;
    }
    this.conn = conn;
    void this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.conn) {
      try {
        // COUNT 1 and then jump to the newest id: a burst costs one wake-up, not one body per entry.
        const reply = (await this.conn.sendCommand(['XREAD', 'COUNT', '1', 'BLOCK', String(BLOCK_MS), 'STREAMS', this.key, this.lastId])) as XReadReply;
        if (xreadCount(reply) > 0) {
          this.lastId = await lastGeneratedId(this.conn, this.key);
          this.notify();
        }
      } catch {
        if (this.stopped) return;
        // After an outage, subscribers re-read from their own cursors: nothing is lost even if
        // appends happened while this connection was down.
        await new Promise((r) => setTimeout(r, 500));
        this.notify();
      }
    }
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  stop(): void {
    this.stopped = true;
    const conn = this.conn;
    this.conn = null;
    if (conn) conn.destroy();
  }
}
