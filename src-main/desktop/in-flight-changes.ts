import { operations } from '#shared/ipc/registry.ts';
import type { Operation } from '#shared/ipc/operation.ts';

/** An operation that changes OMS state (what production asks to confirm), as opposed to a read or a local setting. */
export function changesOms(channel: string, ops: ReadonlyMap<string, Operation> = operations): boolean {
  const op = ops.get(channel);
  return op !== undefined && op.mutation && op.confirmOnProduction;
}

export interface InFlightChanges {
  /** Runs `call`, counted as a change in flight until it settles (either way). */
  track<T>(call: () => Promise<T>): Promise<T>;
  count(): number;
  /** Resolves once nothing is in flight (at once when nothing is). */
  whenIdle(): Promise<void>;
}

/**
 * Counts the changes to OMS under way, so a restart (to install an update) is never offered while
 * one could be cut off half-way: the operator would not know whether OMS applied it.
 */
export function createInFlightChanges(): InFlightChanges {
  let n = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    n--;
    if (n > 0) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };
  return {
    async track(call) {
      n++;
      try {
        return await call();
      } finally {
        settle();
      }
    },
    count: () => n,
    whenIdle: () => (n === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
