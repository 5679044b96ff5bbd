import { create } from 'zustand';
import type { OmsHealthView } from '#shared/domain/oms-health.ts';
import { api } from '../../lib/api-client.ts';

/** One latency reading (median of the last successful calls) and when main reported it. */
export type LatencySample = { at: number; ms: number };
const MAX_SAMPLES = 60;

interface OmsHealthState {
  health: OmsHealthView | null;
  /** The latency readings this session, oldest first, for the sparkline; a new profile starts afresh. */
  samples: LatencySample[];
  load(): Promise<void>;
  set(v: OmsHealthView): void;
}

/** OMS's health as main sees it from the console's own calls; pushed live by `event.oms.healthChanged`. */
export const useOmsHealth = create<OmsHealthState>((set) => {
  const take = (v: OmsHealthView) =>
    set((s) => {
      const kept = s.health && s.health.profileId !== v.profileId ? [] : s.samples;
      const samples = v.latencyMs === null ? kept : [...kept, { at: Date.now(), ms: v.latencyMs }].slice(-MAX_SAMPLES);
      return { health: v, samples };
    });
  return {
    health: null,
    samples: [],
    load: async () => {
      const r = await api().app.omsHealth({});
      if (r.ok) take(r.data);
    },
    set: take,
  };
});

export const selectOmsHealth = (s: OmsHealthState) => s.health;
export const selectLatencySamples = (s: OmsHealthState) => s.samples;
