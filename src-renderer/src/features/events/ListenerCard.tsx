import { useEffect } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorState } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import type { Tone } from '../customers/endorsement-words.ts';
import { useEvents } from './events.store.ts';
import { selectListener, selectListenerReq } from './events.selectors.ts';

const STATE: Record<string, [Tone, string]> = {
  listening: ['ok', 'Listening'],
  'relay-connected': ['ok', 'Relay connected'],
  reconnecting: ['warn', 'Reconnecting'],
  stale: ['warn', 'Stale'],
  stopped: ['bad', 'Stopped'],
};

/** Connection state and what to register with OMS: the URL and the secret fingerprints. */
export function ListenerCard() {
  const l = useEvents(selectListener);
  const req = useEvents(selectListenerReq);
  useEffect(() => {
    void useEvents.getState().loadListener();
  }, []);
  if (!l) {
    return req.status === 'error' && req.error ? (
      <ErrorState error={req.error} what="the webhook listener status" onRetry={() => void useEvents.getState().loadListener()} />
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
        {l.relayUrl && (
          <div>
            <dt>Relay</dt>
            <dd className="mono">{l.relayUrl}</dd>
          </div>
        )}
      </dl>
      {l.detail && <p className="help">{l.detail}</p>}
    </section>
  );
}
