import { create } from 'zustand';

export interface PendingCall {
  id: number;
  channel: string;
  startedAt: number;
  /** Stops waiting: the caller gets a "cancelled" result at once and its buttons come back. */
  cancel(): void;
}

interface PendingState {
  calls: PendingCall[];
  add(c: PendingCall): void;
  remove(id: number): void;
}

/** Calls to main still waiting for an answer (which, for most, means OMS is still answering). */
export const usePending = create<PendingState>((set, get) => ({
  calls: [],
  add: (c) => set({ calls: [...get().calls, c] }),
  remove: (id) => set({ calls: get().calls.filter((c) => c.id !== id) }),
}));

export const selectPendingCalls = (s: PendingState) => s.calls;
