import { createRelayRedisClient } from './redis-connection.ts';
import type { RelayRedisClient } from './redis-connection.ts';
import type { RedisPersistence } from './redis-durability.ts';
import type { ChannelState, IncomingDelivery, RelayStore, RevokeSelector, StoredDelivery, TokenRecord } from './relay-types.ts';
import { RedisStreamWatcher } from './redis-stream-watcher.ts';

export interface RedisStoreOptions {
  url: string;
  /** Key prefix, so several relays (or tests) can share one Redis. */
  prefix: string;
  maxPerChannel: number;
}

type Client = RelayRedisClient;
type Entry = [string, string[]];
interface Pending {
  channel: string;
  delivery: IncomingDelivery;
  resolve: (cursor: string) => void;
  reject: (e: unknown) => void;
}

// A batch of XADDs and the size cap run in one script, so the cap and the pruned-through mark never
// disagree with the stream, whichever instance appends. ARGV: the cap, then (time, headers, body)
// per delivery.
const APPEND = `
local ids = {}
for i = 2, #ARGV, 3 do
  ids[#ids + 1] = redis.call('XADD', KEYS[1], '*', 't', ARGV[i], 'h', ARGV[i + 1], 'b', ARGV[i + 2])
end
redis.call('HSET', KEYS[2], 'last', ids[#ids], 'newestAt', ARGV[#ARGV - 2])
local excess = redis.call('XLEN', KEYS[1]) - tonumber(ARGV[1])
if excess > 0 then
  local old = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', excess)
  redis.call('XTRIM', KEYS[1], 'MAXLEN', '=', ARGV[1])
  redis.call('HSET', KEYS[2], 'pruned', old[#old][1])
  redis.call('HINCRBY', KEYS[2], 'droppedCap', excess)
end
return ids`;

const PRUNE = `
local old = redis.call('XREVRANGE', KEYS[1], '(' .. ARGV[1], '-', 'COUNT', 1)
if #old == 0 then return 0 end
local n = redis.call('XTRIM', KEYS[1], 'MINID', '=', ARGV[1])
redis.call('HSET', KEYS[2], 'pruned', old[1][1])
redis.call('HINCRBY', KEYS[2], 'droppedAge', n)
return n`;

const REDIS_PAGE = 50;
const COUNT_AFTER = `return #redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', tonumber(ARGV[2]))`;

// One script holds Redis while it runs: a batch is split so no script carries more than this.
const SCRIPT_MAX_DELIVERIES = 200;
const SCRIPT_MAX_BYTES = 8 * 1024 * 1024;

/** The batch as per-channel groups in arrival order, each small enough for one script. */
function scriptGroups(batch: Pending[]): Pending[][] {
  const open = new Map<string, { group: Pending[]; bytes: number }>();
  const groups: Pending[][] = [];
  for (const p of batch) {
    let g = open.get(p.channel);
    if (!g || g.group.length >= SCRIPT_MAX_DELIVERIES || g.bytes + p.delivery.body.length > SCRIPT_MAX_BYTES) {
      g = { group: [], bytes: 0 };
      open.set(p.channel, g);
      groups.push(g.group);
    }
    g.group.push(p);
    g.bytes += p.delivery.body.length;
  }
  return groups;
}

const parseId = (id: string): [bigint, bigint] => {
  const [ms, seq] = id.split('-');
  return [BigInt(ms!), BigInt(seq!)];
};

/**
 * The distributed engine: one Redis stream per channel (XADD; stream ids are the cursors, so every
 * relay instance behind the load balancer hands out the same cursors), XREAD BLOCK for fan-out
 * across instances, XTRIM MAXLEN for the size cap and MINID for retention. Bodies are stored as
 * base64 so the client's string decoding can never touch the bytes.
 */
export class RedisRelayStore implements RelayStore {
  readonly engine = 'redis' as const;
  private readonly client: Client;
  private readonly opts: RedisStoreOptions;
  private readonly watchers = new Map<string, RedisStreamWatcher>();
  private lastError: string | null = null;
  private pending: Pending[] = [];
  private committing = false;
  private commits = 0;
  private appends = 0;

  private constructor(client: Client, opts: RedisStoreOptions) {
    this.client = client;
    this.opts = opts;
  }

  static async connect(opts: RedisStoreOptions): Promise<RedisRelayStore> {
    const client = createRelayRedisClient(opts.url);
    const store = new RedisRelayStore(client, opts);
    client.on('error', (e: Error) => {
      store.lastError = e.message;
    });
    await client.connect();
    return store;
  }

  private key(...parts: string[]): string {
    return [this.opts.prefix, ...parts].join(':');
  }

  /**
   * Group commit: appends queue while a batch is on its way to Redis, then go as the next batch,
   * one script per channel sent together (Redis, with appendfsync always, writes and fsyncs them
   * before it replies). Each resolves only once Redis has answered for its script.
   */
  append(channel: string, delivery: IncomingDelivery): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending.push({ channel, delivery, resolve, reject });
      if (!this.committing && this.pending.length === 1) setImmediate(() => void this.commitBatch());
    });
  }

  private async commitBatch(): Promise<void> {
    if (this.committing || this.pending.length === 0) return;
    this.committing = true;
    const batch = this.pending;
    this.pending = [];
    await Promise.all(scriptGroups(batch).map((group) => this.appendGroup(group[0]!.channel, group)));
    this.committing = false;
    if (this.pending.length) void this.commitBatch();
  }

  private async appendGroup(channel: string, group: Pending[]): Promise<void> {
    const args = [String(this.opts.maxPerChannel)];
    for (const { delivery: d } of group) args.push(String(d.receivedAt), JSON.stringify(d.headers), d.body.toString('base64'));
    try {
      const ids = (await this.client.eval(APPEND, { keys: [this.key('stream', channel), this.key('meta', channel)], arguments: args })) as string[];
      this.commits += 1;
      this.appends += group.length;
      group.forEach((p, i) => p.resolve(String(ids[i])));
    } catch (e) {
      for (const p of group) p.reject(e);
    }
  }

  commitStats(): { commits: number; appends: number } {
    return { commits: this.commits, appends: this.appends };
  }

  async readAfter(channel: string, cursor: string | null, limit: number): Promise<StoredDelivery[]> {
    const start = cursor === null ? '-' : `(${cursor}`;
    // Smaller pages than SQLite's byte-bounded ones: a reply is held whole in memory.
    const count = Math.min(limit, REDIS_PAGE);
    const rows = (await this.client.sendCommand(['XRANGE', this.key('stream', channel), start, '+', 'COUNT', String(count)])) as Entry[];
    return rows.map(([id, fields]) => {
      const f = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
      return {
        cursor: id,
        receivedAt: Number(f.get('t')),
        headers: JSON.parse(f.get('h') ?? '{}') as Record<string, string>,
        body: Buffer.from(f.get('b') ?? '', 'base64'),
      };
    });
  }

  async countAfter(channel: string, cursor: string | null, cap: number): Promise<number> {
    // Counted inside Redis, so the bodies never cross the network just to be counted.
    const start = cursor === null ? '-' : `(${cursor}`;
    return Number(await this.client.eval(COUNT_AFTER, { keys: [this.key('stream', channel)], arguments: [start, String(cap)] }));
  }

  isCursor(cursor: string): boolean {
    return /^\d{1,16}-\d{1,16}$/.test(cursor);
  }

  compareCursors(a: string, b: string): number {
    const [am, as] = parseId(a);
    const [bm, bs] = parseId(b);
    if (am !== bm) return am < bm ? -1 : 1;
    return as === bs ? 0 : as < bs ? -1 : 1;
  }

  async watch(channel: string, onAppend: () => void): Promise<() => void> {
    let w = this.watchers.get(channel);
    if (!w) {
      w = new RedisStreamWatcher(this.client, this.key('stream', channel));
      this.watchers.set(channel, w);
    }
    const watcher = w;
    await watcher.add(onAppend);
    return () => {
      if (watcher.remove(onAppend) === 0 && this.watchers.get(channel) === watcher) {
        this.watchers.delete(channel);
        watcher.stop();
      }
    };
  }

  async pruneOlderThan(olderThan: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const channel of await this.listChannels()) {
      const n = Number(await this.client.eval(PRUNE, { keys: [this.key('stream', channel), this.key('meta', channel)], arguments: [`${Math.floor(olderThan)}-0`] }));
      if (n > 0) out.set(channel, n);
    }
    return out;
  }

  async channelState(channel: string): Promise<ChannelState | null> {
    if (!(await this.hasChannel(channel))) return null;
    const meta = (await this.client.hGetAll(this.key('meta', channel))) as Record<string, string>;
    const stored = await this.client.xLen(this.key('stream', channel));
    return {
      channel,
      stored: Number(stored),
      lastCursor: meta.last ?? null,
      prunedThrough: meta.pruned ?? null,
      droppedBySizeCap: Number(meta.droppedCap ?? 0),
      droppedByAge: Number(meta.droppedAge ?? 0),
      newestAt: meta.newestAt ? Number(meta.newestAt) : null,
    };
  }

  async listChannels(): Promise<string[]> {
    return ((await this.client.sMembers(this.key('channels'))) as string[]).sort();
  }

  async ensureChannel(channel: string): Promise<void> {
    await this.client.sAdd(this.key('channels'), channel);
  }

  async hasChannel(channel: string): Promise<boolean> {
    return Number(await this.client.sIsMember(this.key('channels'), channel)) === 1;
  }

  async addToken(record: TokenRecord, hash: string): Promise<void> {
    const ok = await this.client.hSetNX(this.key('tokhash'), hash, record.id);
    if (!Number(ok)) throw new Error('token hash collision');
    await this.client.hSet(this.key('tokens'), record.id, JSON.stringify(record));
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | null> {
    const id = await this.client.hGet(this.key('tokhash'), hash);
    if (id == null) return null;
    const json = await this.client.hGet(this.key('tokens'), String(id));
    return json == null ? null : (JSON.parse(String(json)) as TokenRecord);
  }

  async listTokens(): Promise<TokenRecord[]> {
    const all = (await this.client.hGetAll(this.key('tokens'))) as Record<string, string>;
    return Object.values(all)
      .map((j) => JSON.parse(j) as TokenRecord)
      .sort((a, b) => a.channel.localeCompare(b.channel) || a.name.localeCompare(b.name) || a.createdAt - b.createdAt);
  }

  async revokeTokens(selector: RevokeSelector, at: number): Promise<number> {
    let n = 0;
    for (const t of await this.listTokens()) {
      const match = 'id' in selector ? t.id === selector.id : t.channel === selector.channel && t.name === selector.name;
      if (!match || t.revokedAt !== null) continue;
      await this.client.hSet(this.key('tokens'), t.id, JSON.stringify({ ...t, revokedAt: at }));
      n += 1;
    }
    await this.client.incr(this.key('tokgen'));
    return n;
  }

  async tokenGeneration(): Promise<string> {
    return String((await this.client.get(this.key('tokgen'))) ?? '0');
  }

  /** Redis's persistence settings as it reports them; null where CONFIG is refused (managed Redis often renames it). */
  async persistence(): Promise<RedisPersistence> {
    try {
      const c = (await this.client.configGet(['appendonly', 'appendfsync'])) as Record<string, string>;
      return { appendonly: c.appendonly ?? null, appendfsync: c.appendfsync ?? null };
    } catch {
      return { appendonly: null, appendfsync: null };
    }
  }

  async ping(): Promise<void> {
    if (!this.client.isReady) throw new Error(`redis not connected${this.lastError ? `: ${this.lastError}` : ''}`);
    await this.client.ping();
  }

  async close(): Promise<void> {
    for (const w of this.watchers.values()) w.stop();
    this.watchers.clear();
    if (this.client.isOpen) await this.client.close();
  }
}
