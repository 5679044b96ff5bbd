import type { InboxStats } from '#shared/ipc/inbox.contract.ts';
import { WEBHOOK_VERDICTS, type WebhookVerdict } from '#shared/domain/webhook.ts';
import type { Db } from '../../store/database.ts';

const MINUTE = 60_000;

/**
 * Deliveries and failures per minute, and the verdict mix, over the last `minutes` for one profile:
 * counted by SQLite over the received_at index (ISO text, so its first 16 characters are the
 * minute), so a busy inbox costs one bounded scan and at most `minutes` rows, never the rows
 * themselves. A failure is a delivery refused at the door or whose effect failed.
 */
export function inboxStats(db: Db, profileId: string, minutes: number, now: number): InboxStats {
  const end = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  const start = end - minutes * MINUTE;
  const since = new Date(start).toISOString();
  const perMinute = db
    .prepare(
      `SELECT substr(received_at, 1, 16) AS minute, COUNT(*) AS delivered,
              SUM(CASE WHEN verdict <> 'verified' OR state = 'failed' THEN 1 ELSE 0 END) AS failed
         FROM webhook_inbox WHERE received_at >= ? AND profile_id = ?
        GROUP BY minute ORDER BY minute`,
    )
    .all(since, profileId) as unknown as { minute: string; delivered: number; failed: number }[];
  const mix = db
    .prepare('SELECT verdict, COUNT(*) AS n FROM webhook_inbox WHERE received_at >= ? AND profile_id = ? GROUP BY verdict')
    .all(since, profileId) as unknown as { verdict: string; n: number }[];
  const byMinute = new Map(perMinute.map((r) => [r.minute, r]));
  const buckets = Array.from({ length: minutes }, (_, i) => {
    const at = new Date(start + i * MINUTE).toISOString();
    const r = byMinute.get(at.slice(0, 16));
    return { at, delivered: r?.delivered ?? 0, failed: r?.failed ?? 0 };
  });
  const counts = new Map(mix.map((r) => [r.verdict, r.n]));
  const verdicts = WEBHOOK_VERDICTS.filter((v) => counts.has(v)).map((v: WebhookVerdict) => ({ verdict: v, count: counts.get(v)! }));
  return { from: since, to: new Date(end).toISOString(), buckets, verdicts };
}
