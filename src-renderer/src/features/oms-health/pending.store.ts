import { create } from 'zustand';

export interface PendingCall {
  id: number;
  channel: string;
  /** What the person is waiting for, in their words ("Loading Dora Docs"). */
  label: string;
  /** A read: cancelling it also aborts the OMS request; a change is only no longer waited for. */
  read: boolean;
  startedAt: number;
  /** Stops waiting: the caller gets a "cancelled" result at once and its buttons come back. */
  cancel(): void;
}

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

export const selectPendingCalls = (s: PendingState) => s.calls;
