import { create } from 'zustand';

interface ReloadState {
  /** Bumped to have the open screen mount afresh and read its data again. */
  generation: number;
  bump(): void;
}

/**
 * Re-entering a route in one tick (away and straight back) is batched into no change at all, so a
 * screen never remounted and, its cached data dropped, waited forever: the screen's key is this.
 */
export const useReload = create<ReloadState>((set, get) => ({
  generation: 0,
  bump: () => set({ generation: get().generation + 1 }),
}));

export const selectGeneration = (s: ReloadState) => s.generation;
