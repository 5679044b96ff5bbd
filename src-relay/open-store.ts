import { join } from 'node:path';
import type { StoreFlags } from './relay-options.ts';
import { RedisRelayStore } from './redis-relay-store.ts';
import type { RelayStore } from './relay-types.ts';
import { SqliteRelayStore } from './sqlite-relay-store.ts';

export async function openStore(f: StoreFlags): Promise<RelayStore> {
  if (f.engine === 'redis') return RedisRelayStore.connect({ url: f.redisUrl, prefix: f.redisPrefix, maxPerChannel: f.maxPerChannel });
  const store = new SqliteRelayStore({ file: join(f.dataDir, 'relay.db'), maxPerChannel: f.maxPerChannel });
  await store.ready;
  return store;
}
