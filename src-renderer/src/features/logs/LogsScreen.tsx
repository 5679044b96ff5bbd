import { useEffect } from 'react';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { actionSentence } from './audit-words.ts';
import { selectAudit, selectAuditFilter, selectRequests, selectTab, useLogs } from './logs.store.ts';
import { ExportMenu } from '../export/ExportMenu.tsx';

// Audit and request logs are evidence: every time says its zone.
const time = (iso: string) => formatDateTime(iso);

function AuditTable() {
  const a = useLogs(selectAudit);
  const filter = useLogs(selectAuditFilter);
  return (
    <>
      <div className="filters">
        <label>
          Action
          <input value={filter} placeholder="e.g. pii.reveal" onChange={(e) => useLogs.getState().setAuditFilter(e.target.value)} />
        </label>
        <button type="button" className="btn btn-small" onClick={() => void useLogs.getState().loadAudit()}>
          Refresh
        </button>
      </div>
      {a.req.status === 'error' && a.req.error ? (
        <ErrorState error={a.req.error} what="the audit log" onRetry={() => void useLogs.getState().loadAudit()} />
      ) : a.req.status !== 'ok' && a.items.length === 0 ? (
        <Loading what="audit log" />
      ) : a.items.length === 0 ? (
        <Empty title="No operator actions recorded yet." hint="Every change and every PII reveal made from this console is listed here." />
      ) : (
        <table className="table table-logs" aria-label="Audit log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="col-optional">Operator</th>
              <th scope="col" className="col-optional">Profile</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">What was done</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {a.items.map((r) => (
              <tr key={r.id}>
                <td className="nowrap small">{time(r.at)}</td>
                <td className="col-optional">{r.osUser}</td>
                <td className="col-optional">{r.profileId}</td>
                <td className="mono">{r.action}</td>
                <td className="mono small">{r.target ?? '—'}</td>
                <td className="small audit-what">
                  {actionSentence(r)}
                  <details>
                    <summary>Input</summary>
                    <code className="mono wrap">{r.inputSummary}</code>
                  </details>
                </td>
                <td>
                  <StatusBadge tone={r.result.startsWith('ok') ? 'ok' : 'bad'}>{r.result}</StatusBadge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function RequestTable() {
  const q = useLogs(selectRequests);
  if (q.req.status === 'error' && q.req.error) return <ErrorState error={q.req.error} what="the request log" onRetry={() => void useLogs.getState().loadRequests()} />;
  if (q.req.status !== 'ok' && q.items.length === 0) return <Loading what="request log" />;
  if (q.items.length === 0) return <Empty title="No OMS requests yet." hint="Calls to OMS appear here, with secrets and personal data redacted." />;
  return (
    <table className="table table-logs" aria-label="Request log">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Method</th>
          <th scope="col">Path</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            ms
          </th>
          <th scope="col">Attempt</th>
          <th scope="col">Request id</th>
        </tr>
      </thead>
      <tbody>
        {q.items.map((r) => (
          <tr key={r.id}>
            <td className="nowrap small">{time(r.at)}</td>
            <td className="mono">{r.method}</td>
            <td className="mono small wrap">{r.path}</td>
            <td>
              <StatusBadge tone={r.status && r.status < 400 ? 'ok' : 'bad'}>{r.status ?? r.errorCode ?? 'error'}</StatusBadge>
            </td>
            <td className="num mono">{Math.round(r.durationMs)}</td>
            <td>{r.attempt}</td>
            <td className="mono small">{r.requestId ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Request log (every OMS call, redacted) and the operator audit log. */
export function LogsScreen() {
  const tab = useLogs(selectTab);
  useEffect(() => {
    void (tab === 'audit' ? useLogs.getState().loadAudit() : useLogs.getState().loadRequests());
  }, [tab]);
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Logs</h1>
        <ExportMenu dataset={tab === 'audit' ? 'auditLog' : 'requestLog'} />
      </header>
      <div role="tablist" aria-label="Log" className="tabs">
        {(['audit', 'requests'] as const).map((t) => (
          <button key={t} role="tab" type="button" id={`tab-${t}`} aria-selected={tab === t} aria-controls="log-panel" onClick={() => useLogs.getState().setTab(t)}>
            {t === 'audit' ? 'Audit log' : 'Request log'}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="log-panel" aria-labelledby={`tab-${tab}`} className="panel">
        {tab === 'audit' ? <AuditTable /> : <RequestTable />}
      </div>
    </section>
  );
}
