import './oms-health.css';
import { useEffect } from 'react';
import { selectOmsHealth, useOmsHealth } from './oms-health.store.ts';
import { LatencySpark } from './LatencySpark.tsx';
import { PendingCalls } from './PendingCalls.tsx';
import { formatTime } from '../../lib/format.ts';

const TONE: Record<string, string> = { ok: 'dot-live', unknown: 'dot-idle', slow: 'dot-warn', 'rate-limited': 'dot-warn', degraded: 'dot-bad', down: 'dot-bad' };
const LABEL: Record<string, string> = { ok: 'OMS reachable', unknown: 'OMS not called yet', slow: 'OMS slow', 'rate-limited': 'OMS rate-limited', degraded: 'OMS failing', down: 'OMS unreachable' };

/**
 * OMS itself, next to the console's heartbeat: reachable with its latency, slow (a call waiting),
 * rate-limited, failing or unreachable, in words and colour, with the last error in the tooltip.
 */
export function OmsHealthIndicator() {
  const h = useOmsHealth(selectOmsHealth);
  useEffect(() => {
    void useOmsHealth.getState().load();
    // Opening another screen re-reads a bad verdict: main takes a fresh look if it has gone stale.
    const reread = () => {
      const state = useOmsHealth.getState().health?.state;
      if (state === 'down' || state === 'degraded') void useOmsHealth.getState().load();
    };
    window.addEventListener('hashchange', reread);
    return () => window.removeEventListener('hashchange', reread);
  }, []);
  if (!h) return <PendingCalls />;
  const last = h.lastError ? `Last error: ${h.lastError.code}${h.lastError.status ? ` (HTTP ${h.lastError.status})` : ''} at ${formatTime(h.lastError.at)}` : 'No error so far';
  // The sparkline stays outside the status region: a live region re-read on every reading would drown the screen reader.
  return (
    <>
      <div className={`liveness oms-health oms-${h.state}`} role="status" aria-label="OMS status" title={`${h.detail} ${last}.`}>
        <span className={`dot ${TONE[h.state] ?? 'dot-idle'}`} aria-hidden="true" />
        <span>
          {LABEL[h.state] ?? h.state}
          {h.state === 'ok' && h.latencyMs !== null ? ` · ${h.latencyMs} ms` : ''}
        </span>
        {h.state !== 'ok' && h.state !== 'unknown' && <span className="small oms-health-detail">{h.detail}</span>}
        <PendingCalls />
      </div>
      <LatencySpark />
    </>
  );
}
