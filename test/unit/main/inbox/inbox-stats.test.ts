import { describe, expect, it } from 'vitest';
import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import { inboxContract } from '#shared/ipc/inbox.contract.ts';
import { inboxStats } from '../../../../src-main/services/inbox/inbox-stats.ts';
import { openDatabase } from '../../../../src-main/store/database.ts';
import { WebhookInbox } from '../../../../src-main/webhooks/webhook-inbox.ts';

const NOW = Date.parse('2026-12-07T14:02:30Z');

function inboxWith(rows: { at: string; verdict?: WebhookVerdict; profile?: string; fail?: boolean }[]) {
  const db = openDatabase(':memory:');
  const inbox = new WebhookInbox(db);
  rows.forEach((r, i) => {
    const verdict = r.verdict ?? 'verified';
    const rec = inbox.record(
      {
        profileId: r.profile ?? 'local',
        eventId: `evt_${i}`,
        type: 'customer.updated',
        customerId: null,
        verdict,
        reason: verdict,
        variant: null,
        source: 'listener',
        headers: {},
        rawBody: Buffer.from('{}'),
        receivedAt: new Date(r.at),
      },
      verdict === 'verified',
    );
    if (r.fail) inbox.finish(rec.seq, 'failed', 'refetch failed');
  });
  return db;
}

describe('inbox stats: per-minute buckets and verdict mix, counted in SQL', () => {
  it('counts each minute of the last hour, failures apart, every minute present and oldest first', () => {
    const db = inboxWith([
      { at: '2026-12-07T14:02:01Z' },
      { at: '2026-12-07T14:02:59.999Z', verdict: 'bad_signature' },
      { at: '2026-12-07T14:02:10Z', fail: true },
      { at: '2026-12-07T13:30:00Z' },
      { at: '2026-12-07T13:03:00Z', verdict: 'stale_timestamp' },
      // An hour and a minute ago, another profile's, and one a minute ahead: none counted.
      { at: '2026-12-07T13:02:59Z' },
      { at: '2026-12-07T14:01:00Z', profile: 'oms-sandbox' },
    ]);
    const s = inboxStats(db, 'local', 60, NOW);
    expect(s.buckets).toHaveLength(60);
    expect(s.from).toBe('2026-12-07T13:03:00.000Z');
    expect(s.to).toBe('2026-12-07T14:03:00.000Z');
    expect(s.buckets.at(-1)).toEqual({ at: '2026-12-07T14:02:00.000Z', delivered: 3, failed: 2 });
    expect(s.buckets[0]).toEqual({ at: '2026-12-07T13:03:00.000Z', delivered: 1, failed: 1 });
    expect(s.buckets.find((b) => b.at === '2026-12-07T13:30:00.000Z')).toMatchObject({ delivered: 1, failed: 0 });
    expect(s.buckets.reduce((n, b) => n + b.delivered, 0)).toBe(5);
    expect(s.verdicts).toEqual([
      { verdict: 'verified', count: 3 },
      { verdict: 'bad_signature', count: 1 },
      { verdict: 'stale_timestamp', count: 1 },
    ]);
    db.close();
  });

  it('an empty log gives zeros for every minute and no verdicts', () => {
    const db = inboxWith([]);
    const s = inboxStats(db, 'local', 5, NOW);
    expect(s.buckets.map((b) => b.delivered)).toEqual([0, 0, 0, 0, 0]);
    expect(s.verdicts).toEqual([]);
    db.close();
  });

  it('the window is bounded and said in words when asked for more', () => {
    const input = inboxContract.stats.input;
    expect(input.safeParse({ minutes: 10_000 }).error?.issues[0]?.message).toBe('must be at most 240 minutes (4 hours)');
    expect(input.safeParse({ minutes: 1 }).error?.issues[0]?.message).toBe('must be at least 5 minutes');
    expect(input.safeParse({}).success).toBe(true);
  });
});
