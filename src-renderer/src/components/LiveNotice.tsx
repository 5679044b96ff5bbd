import { useEffect, useState } from 'react';
import { liveProblem, selectChangedAt, selectListener, selectRefreshedAt, selectRefusedNewAt, useLiveUpdates, type LiveProblem } from '../stores/live-updates.store.ts';

/** The current clock, one tick a second: silence after a change is a matter of time passing. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function useLiveProblem(now: number): LiveProblem | null {
  const listener = useLiveUpdates(selectListener);
  const changedAt = useLiveUpdates(selectChangedAt);
  return liveProblem({ listener, changedAt }, now);
}

const ago = (now: number, at: number) => `${Math.max(1, Math.round((now - at) / 1000))} s ago`;

/**
 * Told on every screen, above its content, while OMS's updates do not reach it: what is shown may
 * be older than OMS's state. Refreshing reads it again; the notice then waits for new evidence.
 */
export function StaleNotice({ onRefresh }: { onRefresh: () => void }) {
  const now = useNow();
  const problem = useLiveProblem(now);
  const refreshedAt = useLiveUpdates(selectRefreshedAt);
  const refusedNewAt = useLiveUpdates(selectRefusedNewAt);
  // Refused: shown until a refresh, then again only for a refused delivery of a new event (OMS
  // retries the old ones). Silent: shown for a change made after the last refresh.
  const stale = problem?.kind === 'refused' ? refreshedAt === 0 || refusedNewAt !== null : problem !== null && problem.at > refreshedAt;
  if (!problem || !stale) return null;
  const why =
    problem.kind === 'refused'
      ? `Updates from OMS are being refused: ${problem.words}.`
      : `No update has come from OMS since your change ${ago(now, problem.since)}.`;
  return (
    <div className="notice notice-warn stale-notice" role="status" aria-label="This screen may be out of date">
      <span>
        <strong>This screen may be out of date.</strong> {why}
      </span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          useLiveUpdates.getState().refreshed();
          onRefresh();
        }}
      >
        Refresh this screen
      </button>
      <a className="btn btn-small btn-ghost" href="#/inbox">
        See deliveries
      </a>
    </div>
  );
}
