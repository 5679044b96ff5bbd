import { useEffect } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorState } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import type { Tone } from '../../lib/tone.ts';
import { useInbox } from './inbox.store.ts';
import { selectListener, selectListenerReq } from './inbox.selectors.ts';
import type { ListenerStatus } from '#shared/ipc/inbox.contract.ts';
import './listener.css';

const STATE: Record<string, [Tone, string]> = {
  listening: ['ok', 'Listening'],
  'relay-connected': ['ok', 'Relay connected'],
  reconnecting: ['warn', 'Reconnecting'],
  stale: ['warn', 'Stale'],
  stopped: ['bad', 'Stopped'],
};

function lag(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** The relay subscription: connection, where the console stands, how late, what was caught up. */
function RelayStatusBlock({ l }: { l: ListenerStatus }) {
  const r = l.relay;
  if (!r || !l.relayUrl) return null;
  const smee = r.tokenFingerprint === null;
  const [tone, label]: [Tone, string] = r.connected ? ['ok', 'Connected'] : r.problem?.startsWith('Token refused') ? ['bad', 'Token refused'] : r.problem?.startsWith('Token forgotten') ? ['bad', 'Token forgotten'] : ['warn', 'Reconnecting'];
  return (
    <section className="relay-status" aria-labelledby="relay-status-h">
      <div className="relay-status-head">
        <h3 id="relay-status-h">{smee ? 'smee channel' : 'OMS relay'}</h3>
        <StatusBadge tone={tone}>{label}</StatusBadge>
      </div>
      <dl className="kv kv-inline">
        <div>
          <dt>Channel URL</dt>
          <dd className="mono">{l.relayUrl}</dd>
        </div>
        {!smee && (
          <>
            <div>
              <dt>Token</dt>
              <dd className="mono">{r.tokenFingerprint}</dd>
            </div>
            <div>
              <dt>Cursor</dt>
              <dd className="mono">{r.cursor ?? 'None yet (starts from the oldest kept delivery)'}</dd>
            </div>
            <div>
              <dt>Lag</dt>
              <dd>{lag(r.lagMs)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Last delivery</dt>
          <dd>{r.lastDeliveryAt ? <TimeAgo at={r.lastDeliveryAt} /> : 'None yet'}</dd>
        </div>
      </dl>
      {r.connected && r.caughtUp !== null && r.caughtUp > 0 && (
        <p className="relay-caught-up" role="status">
          Caught up {r.caughtUp} {r.caughtUp === 1 ? 'delivery' : 'deliveries'} missed while offline.
        </p>
      )}
      {r.problem && <p className={`notice ${smee ? 'notice-info' : 'notice-warn'} relay-problem`}>{r.problem}</p>}
      {smee && !r.problem && <p className="help">smee re-serialises the JSON: fine for a quick trial in report-only; use the OMS relay for enforce.</p>}
    </section>
  );
}

/** Connection state and what to register with OMS: the URL and the secret fingerprints. */
export function ListenerCard() {
  const l = useInbox(selectListener);
  const req = useInbox(selectListenerReq);
  useEffect(() => {
    void useInbox.getState().loadListener();
  }, []);
  if (!l) {
    return req.status === 'error' && req.error ? (
      <ErrorState error={req.error} what="the webhook listener status" onRetry={() => void useInbox.getState().loadListener()} />
    ) : (
      <section className="panel listener" aria-label="Webhook listener">
        <span className="muted">Checking the webhook listener…</span>
      </section>
    );
  }
  const [tone, label] = STATE[l.state] ?? ['neutral', l.state];
  return (
    <section className="panel listener" aria-labelledby="listener-h">
      <div className="panel-head">
        <h2 id="listener-h">Webhook listener</h2>
        <StatusBadge tone={tone}>{label}</StatusBadge>
      </div>
      <dl className="kv kv-inline">
        <div>
          <dt>URL to register</dt>
          <dd>
            {l.url ? (
              <>
                <span className="mono">{l.url}</span> <CopyButton value={l.url} label="Copy webhook URL" />
              </>
            ) : (
              'Not listening'
            )}
          </dd>
        </div>
        <div>
          <dt>Secret fingerprints</dt>
          <dd className="mono">{l.secretFingerprints.length ? l.secretFingerprints.join(', ') : 'None configured'}</dd>
        </div>
        <div>
          <dt>Verification</dt>
          <dd>{l.verification === 'enforce' ? 'Enforced' : 'Report only (unverified deliveries are applied)'}</dd>
        </div>
        <div>
          <dt>Last event</dt>
          <dd>
            {l.lastEventAt ? <TimeAgo at={l.lastEventAt} /> : 'None yet'}
            {l.lastVerdict && ` · ${l.lastVerdict}`}
          </dd>
        </div>
      </dl>
      <RelayStatusBlock l={l} />
      {l.detail && <p className="help">{l.detail}</p>}
    </section>
  );
}
