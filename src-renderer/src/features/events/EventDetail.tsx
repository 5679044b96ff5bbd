import { useState } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { notify } from '../../stores/notify.store.ts';
import { useEvents } from './events.store.ts';
import { selectDetail, selectSelected } from './events.selectors.ts';

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** Headers and payload of one delivery, with replay (safe: its effect is a re-fetch). */
export function EventDetail() {
  const seq = useEvents(selectSelected);
  const d = useEvents(selectDetail(seq));
  const [busy, setBusy] = useState(false);
  if (seq === null) return <aside className="panel event-detail muted">Select a delivery to see its headers and payload.</aside>;
  const replay = async () => {
    setBusy(true);
    await useEvents.getState().replay(seq);
    setBusy(false);
    notify('info', `Replayed delivery #${seq}.`);
  };
  return (
    <aside className="panel event-detail" aria-labelledby="event-detail-h">
      <div className="panel-head">
        <h2 id="event-detail-h">Delivery #{seq}</h2>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void replay()}>
          {busy ? 'Replaying…' : 'Replay'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void useEvents.getState().select(null)}>
          Close
        </button>
      </div>
      {!d || d.req.status === 'loading' ? (
        <Loading what="delivery" />
      ) : !d.data && d.req.error ? (
        <ErrorState error={d.req.error} what={`delivery #${seq}`} />
      ) : d.data ? (
        <>
          <p>
            <strong>{d.data.verdict}</strong> — {d.data.reason}
            {d.data.duplicate && ' · duplicate (acknowledged, not re-applied)'}
          </p>
          <h3>Headers</h3>
          <table className="table table-compact">
            <caption className="sr-only">Delivery headers</caption>
            <tbody>
              {Object.entries(d.data.headers).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row" className="mono">
                    {k}
                  </th>
                  <td className="mono wrap">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Payload{d.data.bodyTruncated && ' (truncated)'}</h3>
          <pre className="code" tabIndex={0} aria-label="Payload">
            {pretty(d.data.rawBody)}
          </pre>
        </>
      ) : null}
    </aside>
  );
}
