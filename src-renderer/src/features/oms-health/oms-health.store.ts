import { create } from 'zustand';
import type { OmsHealthView } from '#shared/domain/oms-health.ts';
import { api } from '../../lib/api-client.ts';

interface OmsHealthState {
  health: OmsHealthView | null;
  load(): Promise<void>;
  set(v: OmsHealthView): void;
}

/** OMS's health as main sees it from the console's own calls; pushed live by `event.oms.healthChanged`. */
export const useOmsHealth = create<OmsHealthState>((set) => ({
  health: null,
  load: async () => {
    const r = await api().app.omsHealth({});
    if (r.ok) set({ health: r.data });
  },
  set: (v) => set({ health: v }),
}));

export const selectOmsHealth = (s: OmsHealthState) => s.health;
