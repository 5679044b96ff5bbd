import { useEffect, useState } from 'react';
import type { WebhookView } from '#shared/domain/webhook.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Empty, ErrorState, InlineError, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { api } from '../../lib/api-client.ts';
import './endpoints.css';
import { selectInfo, useSession } from '../../stores/session.store.ts';
import {
  selectEndpointFormError,
  selectEndpoints,
  selectEndpointsActionError,
  selectEndpointsLoadError,
  selectRegistering,
  useEndpoints,
} from './endpoints.store.ts';

const DOCS = 'https://docs.polygon.technology/';

/** Opens the OMS docs in the system browser (Electron, through main's allowlist) or a new tab. */
function DocsLink() {
  const open = async (e: React.MouseEvent) => {
    e.preventDefault();
    const r = await api().app.openExternal({ url: DOCS });
    if (!r.ok || !r.data.opened) window.open(DOCS, '_blank', 'noopener');
  };
  return (
    <a href={DOCS} onClick={(e) => void open(e)}>
      OMS documentation
    </a>
  );
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

/**
 * The OMS webhook endpoints of the active profile: OMS's own objects (some may have been made in
 * the OMS Dashboard), registered, paused and deleted here. On a remote profile OMS can only reach
 * a public HTTPS URL, so the form says so and points at the relay.
 */
export function WebhookEndpoints() {
  const info = useSession(selectInfo);
  const remote = info?.profile.kind !== 'local';
  const list = useEndpoints(selectEndpoints);
  const loadError = useEndpoints(selectEndpointsLoadError);
  const actionError = useEndpoints(selectEndpointsActionError);
  const busy = useEndpoints(selectRegistering);
  const formError = useEndpoints(selectEndpointFormError);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('');
  const load = () => void useEndpoints.getState().load();
  const profileId = info?.profile.id;
  useEffect(() => {
    void useEndpoints.getState().load();
  }, [profileId]);

  const urlProblem = !url.trim()
    ? null
    : !/^https:\/\//.test(url.trim()) && !LOOPBACK.test(url.trim())
      ? 'OMS delivers only to a public HTTPS URL (plain http only for a loopback receiver).'
      : remote && LOOPBACK.test(url.trim())
        ? 'This is a loopback address: OMS on the internet cannot reach it. Use your team relay’s https URL, or a tunnel.'
        : null;

  const register = async (e: React.FormEvent) => {
    e.preventDefault();
    if (urlProblem) return;
    const names = events
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    if (await useEndpoints.getState().register({ url: url.trim(), events: names })) {
      setUrl('');
      setEvents('');
    }
  };
  const act = (w: WebhookView, what: 'pause' | 'resume' | 'delete') => void useEndpoints.getState().act(w, what);

  return (
    <section className="panel" aria-labelledby="endpoints-h">
      <div className="panel-head">
        <h2 id="endpoints-h">OMS webhook endpoints</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => load()}>
          Reload
        </button>
      </div>
      {remote && (
        <p className="help" role="note">
          OMS delivers webhooks only to a public HTTPS URL. This console listens on 127.0.0.1, which OMS cannot reach: register your team relay’s
          channel URL (<span className="mono">https://relay…/hooks/&lt;channel&gt;</span>, see <span className="mono">./oms relay</span>) or a tunnel, and
          connect the console to it in Settings → Listener. <DocsLink />
        </p>
      )}
      <InlineError error={actionError} />
      {loadError && !list ? (
        <ErrorState error={loadError} what="webhook endpoints" onRetry={() => load()} />
      ) : !list ? (
        <Loading what="webhook endpoints" />
      ) : list.length === 0 ? (
        <Empty title="No endpoints registered." hint="Endpoints made in the OMS Dashboard show here too." />
      ) : (
        <table className="table">
          <caption className="sr-only">Webhook endpoints of the active profile</caption>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              <th scope="col">Secret</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id}>
                <td>
                  <span className="mono small">{w.url}</span> <CopyButton value={w.url} label={`Copy URL of ${w.id}`} />
                  <div className="mono small muted">{w.id}</div>
                </td>
                <td className="small">{w.events.length ? w.events.join(', ') : 'all events'}</td>
                <td>
                  <StatusBadge tone={w.enabled === false || w.status === 'disabled' ? 'warn' : 'ok'}>{w.enabled === false ? 'paused' : (w.status ?? 'enabled')}</StatusBadge>
                  {w.complianceOnly && <div className="small muted">compliance only (set by OMS admin)</div>}
                </td>
                <td className="mono small">{w.secretFingerprint ?? <span className="muted">not in this keychain</span>}</td>
                <td className="actions">
                  <button type="button" className="btn btn-small" onClick={() => act(w, w.enabled === false ? 'resume' : 'pause')}>
                    {w.enabled === false ? 'Resume' : 'Pause'}
                  </button>
                  <button type="button" className="btn btn-small btn-ghost" aria-label={`Delete endpoint ${w.id}`} onClick={() => act(w, 'delete')}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="endpoint-form" aria-label="Register an endpoint" onSubmit={(e) => void register(e)}>
        <label>
          Endpoint URL
          <input className="mono" value={url} maxLength={2048} placeholder="https://relay.example.com/hooks/support" aria-invalid={!!urlProblem} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <label>
          Events (blank = all)
          <input value={events} maxLength={400} placeholder="customer.endorsement.*, transaction.*" onChange={(e) => setEvents(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={busy || !url.trim() || !!urlProblem}>
          {busy ? 'Registering…' : 'Register'}
        </button>
        {urlProblem && (
          <p className="field-error" role="alert">
            {urlProblem}
          </p>
        )}
        <InlineError error={formError} />
      </form>
    </section>
  );
}
