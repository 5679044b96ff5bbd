import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface WalletsUiState {
  /** The customer whose wallets were shown last (an id, no PII), so Wallets reopens on it. */
  lastCustomerId: string | null;
  remember(id: string | null): void;
}

export const useWalletsUi = create<WalletsUiState>()(
  persist((set) => ({ lastCustomerId: null, remember: (lastCustomerId) => set({ lastCustomerId }) }), {
    name: 'oms-console.wallets',
    storage: createJSONStorage(() => localStorage),
  }),
);

export const selectLastCustomerId = (s: WalletsUiState) => s.lastCustomerId;
