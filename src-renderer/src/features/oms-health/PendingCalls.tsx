import { useEffect, useState } from 'react';
import { selectPendingCalls, usePending, type PendingCall } from '../../stores/pending.store.ts';

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
  // The same wait asked for twice (two panels reading one customer) is one line, and one Cancel stops both.
  const byLabel = new Map<string, PendingCall[]>();
  for (const c of calls) if (now - c.startedAt >= SHOW_AFTER_MS) byLabel.set(c.label, [...(byLabel.get(c.label) ?? []), c]);
  const slow = [...byLabel.entries()].slice(0, 3);
  if (slow.length === 0) return null;
  return (
    <ul className="pending-calls" aria-label="Waiting for answers">
      {slow.map(([label, group]) => {
        const s = Math.floor((now - Math.min(...group.map((c) => c.startedAt))) / 1000);
        return (
          <li key={label} title={label}>
            <span className="spinner" aria-hidden="true" /> <span>{label}</span> <span className="muted">· {s} s</span>
            <button type="button" className="btn btn-small btn-ghost" aria-label={`Stop waiting: ${label}`} onClick={() => group.forEach((c) => c.cancel())}>
              Cancel
            </button>
          </li>
        );
      })}
    </ul>
  );
}
