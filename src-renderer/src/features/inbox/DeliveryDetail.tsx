import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { RevealReason } from '../../components/RevealReason.tsx';
import { api } from '../../lib/api-client.ts';
import { isCancelled, mutate } from '../../stores/mutate.ts';
import { ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { TimeAgo } from '../../components/TimeAgo.tsx';
import { notify } from '../../stores/notify.store.ts';
import { useInbox } from './inbox.store.ts';
import { selectDetail, selectSelected } from './inbox.selectors.ts';
import { deliveryTypeWords, verdictWords } from './delivery-words.ts';

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** The clear payload, asked for with a reason and audited by main; masked again after its time. */
function useClearBody(seq: number | null) {
  const [clear, setClear] = useState<{ seq: number; body: string; until: number } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!clear) return;
    const t = setTimeout(() => setClear(null), Math.max(0, clear.until - Date.now()));
    return () => clearTimeout(t);
  }, [clear]);
  const reveal = async (reason: string) => {
    if (seq === null) return;
    setBusy(true);
    const r = await mutate('inbox.revealBody', 'Reveal the payload', (confirm) => api().inbox.revealBody({ seq, reason, confirm }));
    setBusy(false);
    if (r.ok) setClear({ seq, body: r.data.body, until: Date.parse(r.data.expiresAt) });
    else if (!isCancelled(r)) notify('error', `Could not reveal delivery #${seq}: ${r.error.message}`);
  };
  return { clear: clear && clear.seq === seq ? clear.body : null, busy, reveal, mask: () => setClear(null) };
}

const SOURCE: Record<string, string> = { listener: 'Webhook listener', relay: 'Relay', replay: 'Replayed from the console' };

/** Headers and payload of one delivery, with replay (safe: its effect is a re-fetch). */
export function DeliveryDetail() {
  const seq = useInbox(selectSelected);
  const d = useInbox(selectDetail(seq));
  const [busy, setBusy] = useState(false);
  const clearBody = useClearBody(seq);
  if (seq === null) return <aside className="panel event-detail muted">Select a delivery to see its headers and payload.</aside>;
  const replay = async () => {
    setBusy(true);
    const r = await useInbox.getState().replay(seq);
    setBusy(false);
    if (r.ok) notify('info', `Replayed delivery #${seq} as #${r.data.seq}: ${verdictWords(r.data.verdict).label.toLowerCase()}${r.data.applied ? ', customer re-fetched' : ''}.`);
    else notify('error', `Could not replay delivery #${seq}: ${r.error.message}`);
  };
  const data = d?.data;
  const v = data ? verdictWords(data.verdict) : null;
  return (
    <aside className="panel event-detail" aria-labelledby="event-detail-h">
      <div className="panel-head">
        <h2 id="event-detail-h">Delivery #{seq}</h2>
        <button type="button" className="btn btn-small" aria-label={`Replay delivery #${seq}`} title="Run this delivery through verification again; its effect is a re-fetch of the customer." disabled={busy || !data} onClick={() => void replay()}>
          {busy ? 'Replaying…' : 'Replay'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" aria-label="Close delivery" onClick={() => void useInbox.getState().select(null)}>
          Close
        </button>
      </div>
      {!d || d.req.status === 'loading' ? (
        <Loading what="delivery" />
      ) : !data && d.req.error ? (
        <ErrorState error={d.req.error} what={`delivery #${seq}`} />
      ) : data && v ? (
        <>
          <dl className="kv event-facts">
            <div>
              <dt>Event</dt>
              <dd>
                {deliveryTypeWords(data.type)}
                <div className="mono small muted">{data.type ?? '(unreadable)'}</div>
              </dd>
            </div>
            <div>
              <dt>Customer</dt>
              <dd>
                {data.customerId ? (
                  <>
                    <a className="mono id" href={`#/customers/${data.customerId}`} aria-label={`Open customer ${data.customerId}`}>
                      {data.customerId}
                    </a>
                    <CopyButton value={data.customerId} label="Copy customer id" />
                  </>
                ) : (
                  <span className="muted">None in the payload</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Verification</dt>
              <dd>
                <StatusBadge tone={v.tone}>{v.label}</StatusBadge> <span className="small">{data.reason}</span>
                {data.duplicate && <div className="small muted">Duplicate: acknowledged, not re-applied.</div>}
              </dd>
            </div>
            <div>
              <dt>Received</dt>
              <dd>
                <TimeAgo at={data.receivedAt} /> <span className="small muted">· {formatDateTime(data.receivedAt)}</span>
              </dd>
            </div>
            <div>
              <dt>Source</dt>
              <dd>{SOURCE[data.source] ?? data.source}</dd>
            </div>
            {data.eventId && (
              <div>
                <dt>Event id</dt>
                <dd className="mono id">{data.eventId}</dd>
              </div>
            )}
          </dl>
          <h3>Headers</h3>
          <table className="table table-compact headers-table">
            <caption className="sr-only">Delivery headers</caption>
            <tbody>
              {Object.entries(data.headers).map(([k, val]) => (
                <tr key={k}>
                  <th scope="row" className="mono">
                    {k}
                  </th>
                  <td className="mono wrap">{val}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="payload-head">
            <h3>
              Payload{data.bodyTruncated && ' (truncated)'}
              {clearBody.clear === null && data.piiMasked && <span className="small muted"> · personal data masked</span>}
            </h3>
            {clearBody.clear === null ? (
              <>
                <CopyButton value={data.body} label="Copy payload" />
                {data.piiMasked && <RevealReason what="the payload" busy={clearBody.busy} onReveal={(reason) => void clearBody.reveal(reason)} />}
              </>
            ) : (
              <>
                <span className="warn-text" role="status">
                  Unmasked payload — this reveal is in the audit log.
                </span>
                <button type="button" className="btn btn-small" onClick={clearBody.mask}>
                  Mask now
                </button>
              </>
            )}
          </div>
          <pre className="code" tabIndex={0} aria-label="Payload">
            {clearBody.clear === null ? data.body : pretty(clearBody.clear)}
          </pre>
        </>
      ) : null}
    </aside>
  );
}
