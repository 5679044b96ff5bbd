import { describe, expect, it } from 'vitest';
import type { OmsHealthView } from '#shared/domain/oms-health.ts';
import { holdCalls, settle } from './support/held-transport.ts';

/** The OMS status and its latency sparkline, as main's pushes and the first read feed them. */
const held = holdCalls();
const { useOmsHealth } = await import('../../../src-renderer/src/features/oms-health/oms-health.store.ts');

const health = (profileId: string, latencyMs: number | null): OmsHealthView => ({
  profileId,
  state: 'ok',
  detail: 'OMS reachable',
  latencyMs,
  lastOkAt: null,
  lastError: null,
  rateLimitedUntil: null,
  inFlight: 0,
  oldestInFlightMs: null,
});

describe('OMS health store', () => {
  it('the first read and later pushes add latency readings; a push with none keeps the line as it was', async () => {
    const load = useOmsHealth.getState().load();
    held[0]!.ok(health('local', 40));
    await load;
    useOmsHealth.getState().set(health('local', 55));
    useOmsHealth.getState().set(health('local', null));
    expect(useOmsHealth.getState().samples.map((s) => s.ms)).toEqual([40, 55]);
    expect(useOmsHealth.getState().health?.latencyMs).toBeNull();
  });

  it('keeps the last 60 readings, and a new profile starts its line afresh', async () => {
    for (let ms = 1; ms <= 70; ms++) useOmsHealth.getState().set(health('local', ms));
    const kept = useOmsHealth.getState().samples.map((s) => s.ms);
    expect(kept).toHaveLength(60);
    expect([kept[0], kept.at(-1)]).toEqual([11, 70]);
    useOmsHealth.getState().set(health('staging', 300));
    expect(useOmsHealth.getState().samples.map((s) => s.ms)).toEqual([300]);
  });

  it('a failed first read leaves the status unknown rather than inventing one', async () => {
    useOmsHealth.setState({ health: null, samples: [] });
    const load = useOmsHealth.getState().load();
    held.at(-1)!.answer({ ok: false, error: { code: 'UNAVAILABLE', message: 'main not ready' } });
    await load;
    await settle();
    expect(useOmsHealth.getState().health).toBeNull();
  });
});
