import { create } from 'zustand';
import { watchCalls, type PendingCall } from '../lib/api-client.ts';

export type { PendingCall };

interface PendingState {
  calls: PendingCall[];
  add(c: PendingCall): void;
  remove(id: number): void;
}

/**
 * A call joins `calls` only once it has waited this long. The list is shown from ~300 ms on, and
 * nearly every call answers well before: publishing each at once cost two store updates (and
 * renders) per call, per keystroke while searching, for nothing anyone could see.
 */
const PUBLISH_AFTER_MS = 250;
const unpublished = new Map<number, ReturnType<typeof setTimeout>>();

/** Calls to main still waiting for an answer (which, for most, means OMS is still answering). */
export const usePending = create<PendingState>((set, get) => ({
  calls: [],
  add: (c) => {
    unpublished.set(
      c.id,
      setTimeout(() => {
        unpublished.delete(c.id);
        set({ calls: [...get().calls, c] });
      }, PUBLISH_AFTER_MS),
    );
  },
  remove: (id) => {
    const timer = unpublished.get(id);
    if (timer !== undefined) {
      clearTimeout(timer);
      unpublished.delete(id);
    } else if (get().calls.some((c) => c.id === id)) {
      set({ calls: get().calls.filter((c) => c.id !== id) });
    }
  },
}));

// Registered as the store is created, not from a component's effect: children's effects run first,
// and a screen's first load would otherwise start before anyone listens.
watchCalls({ started: (c) => usePending.getState().add(c), settled: (id) => usePending.getState().remove(id) });

export const selectPendingCalls = (s: PendingState) => s.calls;
