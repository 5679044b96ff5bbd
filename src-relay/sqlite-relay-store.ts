import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventEmitter } from 'node:events';
import { DatabaseSync } from 'node:sqlite';
import type { ChannelState, IncomingDelivery, RelayStore, RevokeSelector, StoredDelivery, TokenRecord } from './relay-types.ts';

export interface SqliteStoreOptions {
  file: string;
  maxPerChannel: number;
}

interface Pending {
  channel: string;
  delivery: IncomingDelivery;
  resolve: (cursor: string) => void;
  reject: (e: unknown) => void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL,
  received_at INTEGER NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_channel_seq ON deliveries(channel, seq);
CREATE TABLE IF NOT EXISTS channels (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0, pruned_through INTEGER NOT NULL DEFAULT 0,
  dropped_cap INTEGER NOT NULL DEFAULT 0, dropped_age INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  channel TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('token_gen', '0');
`;

type Row = Record<string, unknown>;
const READ_BUDGET_BYTES = 8 * 1024 * 1024;
const toToken = (r: Row): TokenRecord => ({
  id: String(r.id), name: String(r.name), channel: String(r.channel), createdAt: Number(r.created_at),
  revokedAt: r.revoked_at == null ? null : Number(r.revoked_at),
});

/**
 * The embedded engine: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged
 * delivery survives a crash of the process and of the machine. Appends that arrive together are
 * committed in one transaction (one fsync for the batch) before any of them is acknowledged.
 */
export class SqliteRelayStore implements RelayStore {
  readonly engine = 'sqlite' as const;
  private readonly db: DatabaseSync;
  private readonly events = new EventEmitter();
  private pending: Pending[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly opts: SqliteStoreOptions;

  constructor(opts: SqliteStoreOptions) {
    this.opts = opts;
    mkdirSync(dirname(opts.file), { recursive: true });
    this.db = new DatabaseSync(opts.file);
    this.db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;');
    this.db.exec(SCHEMA);
    this.events.setMaxListeners(0);
  }

  append(channel: string, delivery: IncomingDelivery): Promise<string> {
    if (this.closed) return Promise.reject(new Error('store closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ channel, delivery, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const cursors: string[] = [];
    const touched = new Set<string>();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      const insert = this.db.prepare('INSERT INTO deliveries (channel, received_at, headers, body) VALUES (?, ?, ?, ?)');
      const bump = this.db.prepare('UPDATE channels SET last_seq = ? WHERE name = ?');
      for (const p of batch) {
        const r = insert.run(p.channel, p.delivery.receivedAt, JSON.stringify(p.delivery.headers), p.delivery.body);
        const seq = Number(r.lastInsertRowid);
        bump.run(seq, p.channel);
        cursors.push(String(seq));
        touched.add(p.channel);
      }
      for (const channel of touched) this.enforceCap(channel);
      this.db.exec('COMMIT');
    } catch (e) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        /* the failed BEGIN left no transaction to roll back */
      }
      for (const p of batch) p.reject(e);
      return;
    }
    batch.forEach((p, i) => p.resolve(cursors[i]!));
    for (const channel of touched) this.events.emit(channel);
  }

  private enforceCap(channel: string): void {
    const over = this.db.prepare('SELECT seq FROM deliveries WHERE channel = ? ORDER BY seq DESC LIMIT 1 OFFSET ?').get(channel, this.opts.maxPerChannel) as Row | undefined;
    if (!over) return;
    const cut = Number(over.seq);
    const r = this.db.prepare('DELETE FROM deliveries WHERE channel = ? AND seq <= ?').run(channel, cut);
    this.db.prepare('UPDATE channels SET pruned_through = MAX(pruned_through, ?), dropped_cap = dropped_cap + ? WHERE name = ?').run(cut, Number(r.changes), channel);
  }

  async readAfter(channel: string, cursor: string | null, limit: number): Promise<StoredDelivery[]> {
    // Stop at a byte budget as well as a count: 200 one-MiB bodies must not land in memory at once.
    const out: StoredDelivery[] = [];
    let bytes = 0;
    const rows = this.db
      .prepare('SELECT seq, received_at, headers, body FROM deliveries WHERE channel = ? AND seq > ? ORDER BY seq LIMIT ?')
      .iterate(channel, cursor === null ? 0 : Number(cursor), limit) as Iterable<Row>;
    for (const r of rows) {
      const body = Buffer.from(r.body as Uint8Array);
      out.push({ cursor: String(r.seq), receivedAt: Number(r.received_at), headers: JSON.parse(String(r.headers)) as Record<string, string>, body });
      bytes += body.length;
      if (bytes >= READ_BUDGET_BYTES) break;
    }
    return out;
  }

  async countAfter(channel: string, cursor: string | null, cap: number): Promise<number> {
    const r = this.db
      .prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM deliveries WHERE channel = ? AND seq > ? LIMIT ?)')
      .get(channel, cursor === null ? 0 : Number(cursor), cap) as Row;
    return Number(r.n);
  }

  isCursor(cursor: string): boolean {
    return /^(0|[1-9]\d{0,15})$/.test(cursor);
  }

  compareCursors(a: string, b: string): number {
    return Math.sign(Number(a) - Number(b));
  }

  async watch(channel: string, onAppend: () => void): Promise<() => void> {
    this.events.on(channel, onAppend);
    return () => this.events.off(channel, onAppend);
  }

  async pruneOlderThan(olderThan: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const channel of await this.listChannels()) {
      const last = this.db.prepare('SELECT MAX(seq) AS s FROM deliveries WHERE channel = ? AND received_at < ?').get(channel, olderThan) as Row;
      if (last.s == null) continue;
      const cut = Number(last.s);
      const r = this.db.prepare('DELETE FROM deliveries WHERE channel = ? AND seq <= ?').run(channel, cut);
      this.db.prepare('UPDATE channels SET pruned_through = MAX(pruned_through, ?), dropped_age = dropped_age + ? WHERE name = ?').run(cut, Number(r.changes), channel);
      out.set(channel, Number(r.changes));
    }
    return out;
  }

  async channelState(channel: string): Promise<ChannelState | null> {
    const c = this.db.prepare('SELECT * FROM channels WHERE name = ?').get(channel) as Row | undefined;
    if (!c) return null;
    const agg = this.db.prepare('SELECT COUNT(*) AS n, MAX(received_at) AS t FROM deliveries WHERE channel = ?').get(channel) as Row;
    return {
      channel,
      stored: Number(agg.n),
      lastCursor: Number(c.last_seq) > 0 ? String(c.last_seq) : null,
      prunedThrough: Number(c.pruned_through) > 0 ? String(c.pruned_through) : null,
      droppedBySizeCap: Number(c.dropped_cap),
      droppedByAge: Number(c.dropped_age),
      newestAt: agg.t == null ? null : Number(agg.t),
    };
  }

  async listChannels(): Promise<string[]> {
    return (this.db.prepare('SELECT name FROM channels ORDER BY name').all() as Row[]).map((r) => String(r.name));
  }

  async ensureChannel(channel: string): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO channels (name, created_at) VALUES (?, ?)').run(channel, Date.now());
  }

  async hasChannel(channel: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM channels WHERE name = ?').get(channel) !== undefined;
  }

  async addToken(record: TokenRecord, hash: string): Promise<void> {
    this.db
      .prepare('INSERT INTO tokens (id, hash, name, channel, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(record.id, hash, record.name, record.channel, record.createdAt, record.revokedAt);
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | null> {
    const r = this.db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hash) as Row | undefined;
    return r ? toToken(r) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (this.db.prepare('SELECT * FROM tokens ORDER BY channel, name, created_at').all() as Row[]).map(toToken);
  }

  async revokeTokens(selector: RevokeSelector, at: number): Promise<number> {
    const r =
      'id' in selector
        ? this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, selector.id)
        : this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE channel = ? AND name = ? AND revoked_at IS NULL').run(at, selector.channel, selector.name);
    this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'token_gen'").run();
    return Number(r.changes);
  }

  async tokenGeneration(): Promise<string> {
    return String((this.db.prepare("SELECT value FROM meta WHERE key = 'token_gen'").get() as Row).value);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pending.length) this.flush();
    this.db.close();
  }
}
