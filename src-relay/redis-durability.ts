// Whether a 200 from the Redis engine survives a crash of Redis, read from Redis's own settings.
// Redis 7.0 (Debian's) has no WAITAOF, so the relay cannot ask per write: it relies on
// appendfsync always, under which Redis writes and fsyncs the AOF before it sends any reply.

export interface RedisPersistence {
  appendonly: string | null;
  appendfsync: string | null;
}

export type Durability = { durable: true } | { durable: false; problem: string };

/** Names the setting that would lose an acknowledged delivery, in words an operator can act on. */
export function judgePersistence(p: RedisPersistence): Durability {
  if (p.appendonly === null && p.appendfsync === null) {
    return { durable: false, problem: 'Redis refused CONFIG GET, so the relay cannot tell whether a delivery acknowledged with 200 survives a Redis crash' };
  }
  if (p.appendonly !== 'yes') {
    return { durable: false, problem: `Redis runs with appendonly ${p.appendonly ?? 'unknown'}, so every delivery acknowledged with 200 is lost if Redis crashes or restarts` };
  }
  if (p.appendfsync !== 'always') {
    return { durable: false, problem: `Redis runs with appendfsync ${p.appendfsync ?? 'unknown'}, so deliveries acknowledged with 200 in the last second or more can be lost if Redis or its host crashes` };
  }
  return { durable: true };
}

/** The sentence the relay prints when it refuses to serve on such a Redis. */
export function refusal(problem: string): string {
  return `refusing to start: ${problem}; run Redis with "appendonly yes" and "appendfsync always" (src-relay/README.md, Redis settings), or pass --allow-volatile-redis (RELAY_ALLOW_VOLATILE_REDIS=true) to accept that risk`;
}

/** For the relay's periodic check: the problem, null when durable, undefined when Redis did not say (down, or CONFIG refused). */
export async function recheckPersistence(read: () => Promise<RedisPersistence>): Promise<string | null | undefined> {
  const p = await read();
  if (p.appendonly === null && p.appendfsync === null) return undefined;
  const d = judgePersistence(p);
  return d.durable ? null : d.problem;
}
