import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventEmitter } from 'node:events';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { CommitItem, CommitReply, CommitWorkerData } from './sqlite-commit.worker.ts';
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
 * delivery survives a crash of the process and of the machine. Group commit: appends queue while a
 * commit is under way on the writer thread, then go together as the next batch (one transaction,
 * one fsync); each append resolves only once its batch is committed, and all of a failed batch
 * reject. Reads, tokens and retention use this thread's own connection.
 */
export class SqliteRelayStore implements RelayStore {
  readonly engine = 'sqlite' as const;
  private readonly db: DatabaseSync;
  private readonly events = new EventEmitter();
  private readonly writer: Worker;
  private pending: Pending[] = [];
  private committing: Pending[] | null = null;
  private batches = 0;
  private commits = 0;
  private appends = 0;
  private writerError: Error | null = null;
  private idle: (() => void) | null = null;
  /** Settles once the writer thread has the database open (appends made before simply wait). */
  readonly ready: Promise<void>;
  private markReady: () => void = () => {};
  private closing = false;
  private closed = false;
  private readonly opts: SqliteStoreOptions;

  constructor(opts: SqliteStoreOptions) {
    this.opts = opts;
    mkdirSync(dirname(opts.file), { recursive: true });
    this.db = new DatabaseSync(opts.file);
    this.db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;');
    this.db.exec(SCHEMA);
    this.events.setMaxListeners(0);
    const data: CommitWorkerData = { file: opts.file, maxPerChannel: opts.maxPerChannel };
    this.writer = new Worker(new URL('./sqlite-commit.worker.ts', import.meta.url), { workerData: data, name: 'relay-sqlite-writer' });
    this.ready = new Promise((r) => (this.markReady = r));
    this.writer.on('message', (r: CommitReply) => (r.id === 0 ? this.opened() : this.committed(r)));
    // A writer that died takes its batch with it: nothing in it was acknowledged, and nothing later can be.
    this.writer.on('error', (e) => this.writerFailed(e));
    this.writer.on('exit', (code) => this.writerFailed(new Error(`the SQLite writer stopped (exit ${code})`)));
  }

  private opened(): void {
    // From now on only a batch under way keeps the process alive; an idle store does not.
    if (!this.committing) this.writer.unref();
    this.markReady();
  }

  commitStats(): { commits: number; appends: number } {
    return { commits: this.commits, appends: this.appends };
  }

  append(channel: string, delivery: IncomingDelivery): Promise<string> {
    if (this.closing) return Promise.reject(new Error('store closed'));
    if (this.writerError) return Promise.reject(this.writerError);
    return new Promise((resolve, reject) => {
      this.pending.push({ channel, delivery, resolve, reject });
      if (!this.committing && this.pending.length === 1) setImmediate(() => this.startBatch());
    });
  }

  private startBatch(): void {
    if (this.committing || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.committing = batch;
    this.batches += 1;
    // A copy of exactly the body's bytes: a pooled Buffer would carry its whole slab across.
    const items: CommitItem[] = batch.map((p) => ({ channel: p.channel, receivedAt: p.delivery.receivedAt, headers: JSON.stringify(p.delivery.headers), body: new Uint8Array(p.delivery.body) }));
    this.writer.ref();
    this.writer.postMessage({ id: this.batches, items });
  }

  private committed(r: CommitReply): void {
    const batch = this.committing;
    this.committing = null;
    if (batch) {
      if (r.ok) {
        this.commits += 1;
        this.appends += batch.length;
        batch.forEach((p, i) => p.resolve(String(r.seqs[i])));
        for (const channel of new Set(batch.map((p) => p.channel))) this.events.emit(channel);
      } else {
        const e = new Error(`commit failed: ${r.message}`);
        for (const p of batch) p.reject(e);
      }
    }
    if (this.pending.length) return this.startBatch();
    this.writer.unref();
    this.idle?.();
  }

  private writerFailed(e: Error): void {
    this.markReady();
    if (this.closed && !this.committing) return;
    this.writerError ??= e;
    for (const p of [...(this.committing ?? []), ...this.pending]) p.reject(e);
    this.committing = null;
    this.pending = [];
    this.idle?.();
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
    if (this.closing) return;
    this.closing = true;
    // Appends already accepted are committed (and answered) before the store goes.
    if (this.committing || this.pending.length) await new Promise<void>((r) => (this.idle = r));
    this.closed = true;
    await this.writer.terminate();
    this.db.close();
  }
}
