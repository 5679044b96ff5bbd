import { createClient } from 'redis';

/**
 * No offline queue: while Redis is unreachable a command fails at once (so ingest answers 503 and
 * OMS retries) instead of hanging until the sender times out.
 */
export function createRelayRedisClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (n: number) => Math.min(100 * (n + 1), 2000) },
  });
}

export type RelayRedisClient = ReturnType<typeof createRelayRedisClient>;
