import { startRelay } from '../../../../src-relay/relay-server.ts';
import type { RelayServerOptions, RunningRelay } from '../../../../src-relay/relay-server.ts';
import { mintToken } from '../../../../src-relay/relay-tokens.ts';
import type { RelayStore } from '../../../../src-relay/relay-types.ts';
import type { Engine, RedisServer } from './relay-harness.ts';
import { openTestStore, tempDir } from './relay-harness.ts';

export interface RelayFixture {
  relay: RunningRelay;
  store: RelayStore;
  base: string;
  mint: (channel: string, name: string) => Promise<string>;
  close: () => Promise<void>;
}

/** The real relay on a free loopback port over a fresh store of the given engine. */
export async function relayFixture(engine: Engine, redis: RedisServer | null, opts: Partial<RelayServerOptions> & { maxPerChannel?: number } = {}): Promise<RelayFixture> {
  const tmp = tempDir('relay-test-');
  const store = await openTestStore(engine, { dir: tmp.dir, redisUrl: redis?.url }, opts.maxPerChannel);
  const relay = await startRelay({ ratePerSec: 100_000, rateBurst: 100_000, revokeCheckMs: 100, ...opts, store });
  return {
    relay,
    store,
    base: relay.url,
    mint: async (channel, name) => (await mintToken(store, channel, name)).token,
    close: async () => {
      await relay.close();
      await store.close();
      tmp.remove();
    },
  };
}
