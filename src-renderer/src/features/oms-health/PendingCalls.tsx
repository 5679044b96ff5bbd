import { useEffect, useState } from 'react';
import { operations } from '#shared/ipc/registry.ts';
import { selectPendingCalls, usePending } from './pending.store.ts';

const SHOW_AFTER_MS = 300;

/** What is still waiting, with its age and a Cancel, once a call has taken longer than ~300 ms. */
export function PendingCalls() {
  const calls = usePending(selectPendingCalls);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (calls.length === 0) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [calls.length]);
  const slow = calls.filter((c) => now - c.startedAt >= SHOW_AFTER_MS).slice(0, 3);
  if (slow.length === 0) return null;
  return (
    <ul className="pending-calls" aria-label="Waiting for answers">
      {slow.map((c) => {
        const s = Math.floor((now - c.startedAt) / 1000);
        const what = operations.get(c.channel)?.doc.replace(/\.$/, '') ?? c.channel;
        return (
          <li key={c.id} title={what}>
            <span className="spinner" aria-hidden="true" /> <span title={c.channel}>{what}</span> <span className="muted">· {s} s</span>
            <button type="button" className="btn btn-small btn-ghost" aria-label={`Stop waiting for ${c.channel}`} onClick={c.cancel}>
              Cancel
            </button>
          </li>
        );
      })}
    </ul>
  );
}
