import { describe, expect, it } from 'vitest';
import { ago, duration } from '../../../src-renderer/src/components/TimeAgo.tsx';

describe('relative times (Intl.RelativeTimeFormat)', () => {
  it('says just now, then seconds, minutes, hours and days in words', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(ago(now - 3_000, now)).toBe('just now');
    expect(ago(now - 30_000, now)).toMatch(/30 seconds ago/);
    expect(ago(now - 5 * 60_000, now)).toMatch(/5 minutes ago/);
    expect(ago(now - 3 * 3_600_000, now)).toMatch(/3 hours ago/);
    expect(ago(now - 72 * 3_600_000, now)).toMatch(/3 days ago/);
  });
});

describe('durations ("waiting 3 hours", never "since 701 days ago")', () => {
  it('says how long, in minutes, hours or days, without "ago"', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(duration(now - 20_000, now)).toBe('under a minute');
    expect(duration(now - 5 * 60_000, now)).toBe('5 minutes');
    expect(duration(now - 3 * 3_600_000, now)).toBe('3 hours');
    expect(duration(now - 701 * 86_400_000, now)).toBe('701 days');
    expect(duration(now + 60_000, now)).toBe('under a minute');
  });
});
