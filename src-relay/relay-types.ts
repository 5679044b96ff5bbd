/** One webhook request as the relay received it: the headers that matter and the body's exact bytes. */
export interface IncomingDelivery {
  receivedAt: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A stored delivery. `cursor` is opaque to subscribers; only the store compares cursors. */
export interface StoredDelivery extends IncomingDelivery {
  cursor: string;
}

export interface ChannelState {
  channel: string;
  stored: number;
  /** The newest cursor ever issued on the channel (survives pruning), or null before the first. */
  lastCursor: string | null;
  /** The newest cursor removed by retention or the size cap, or null if nothing was dropped. */
  prunedThrough: string | null;
  droppedBySizeCap: number;
  droppedByAge: number;
  newestAt: number | null;
}

export interface TokenRecord {
  id: string;
  name: string;
  channel: string;
  createdAt: number;
  revokedAt: number | null;
}

export type RevokeSelector = { id: string } | { channel: string; name: string };

/**
 * Storage and fan-out behind one interface, so the embedded SQLite engine and the Redis Streams
 * engine are interchangeable for the HTTP layer and run the same tests.
 */
export interface RelayStore {
  readonly engine: 'sqlite' | 'redis';
  /**
   * Resolves with the new cursor only once the delivery is durable; rejects if it cannot be stored.
   * Appends made while a commit is under way share the next one (group commit).
   */
  append(channel: string, delivery: IncomingDelivery): Promise<string>;
  /** Durable commits made by this process, and the appends they carried (appends / commits = batch size). */
  commitStats(): { commits: number; appends: number };
  /** Deliveries strictly after `cursor` (null: from the oldest retained), oldest first. */
  readAfter(channel: string, cursor: string | null, limit: number): Promise<StoredDelivery[]>;
  /** Counts deliveries after `cursor`, stopping at `cap`. */
  countAfter(channel: string, cursor: string | null, cap: number): Promise<number>;
  /** Whether `cursor` has this engine's shape (decides a clear 400 before any read). */
  isCursor(cursor: string): boolean;
  compareCursors(a: string, b: string): number;
  /**
   * Calls `onAppend` whenever the channel may have grown (appends from any relay instance sharing
   * the store). Resolves once watching has started, so a read made after it misses nothing.
   */
  watch(channel: string, onAppend: () => void): Promise<() => void>;
  /** Drops deliveries older than `olderThan` (ms epoch); returns how many per channel. */
  pruneOlderThan(olderThan: number): Promise<Map<string, number>>;
  channelState(channel: string): Promise<ChannelState | null>;
  listChannels(): Promise<string[]>;
  ensureChannel(channel: string): Promise<void>;
  hasChannel(channel: string): Promise<boolean>;

  addToken(record: TokenRecord, hash: string): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  /** Marks matching live tokens revoked; returns how many. Bumps the token generation. */
  revokeTokens(selector: RevokeSelector, at: number): Promise<number>;
  /** Changes whenever a token is revoked, so servers notice revocations made by the admin CLI. */
  tokenGeneration(): Promise<string>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

