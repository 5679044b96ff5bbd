import type { Dispatch } from '../ipc/dispatcher.ts';

/**
 * `dispatch` as given, and `due`: settles once its first `customers.search` has settled (answered or
 * failed), or after `latestMs`, whichever is first; `cancel` settles it at once (a close).
 */
export function afterFirstSearch(inner: Dispatch, latestMs: number): { dispatch: Dispatch; due: Promise<void>; cancel: () => void } {
  let settle = () => {};
  const due = new Promise<void>((resolve) => (settle = resolve));
  const timer = setTimeout(() => settle(), latestMs);
  void due.then(() => clearTimeout(timer));
  const dispatch: Dispatch = (channel, input, caller, signal) => {
    const call = inner(channel, input, caller, signal);
    if (channel === 'customers.search') void call.then(settle, settle);
    return call;
  };
  return { dispatch, due, cancel: () => settle() };
}
