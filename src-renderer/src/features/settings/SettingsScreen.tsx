import { useEffect } from 'react';
import { ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { notify } from '../../stores/notify.store.ts';
import { selectSandboxStatus, selectSetReviewMode, useSandbox } from '../../stores/sandbox.store.ts';
import { useSession } from '../../stores/session.store.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { ListenerSettings } from './ListenerSettings.tsx';
import { selectKeychain, selectProfiles, selectSettingsReq, useSettings } from './settings.store.ts';

function SandboxControls() {
  const s = useSandbox(selectSandboxStatus);
  const setMode = useSandbox(selectSetReviewMode);
  if (!s?.available) return null;
  return (
    <section className="panel" aria-labelledby="sandbox-h">
      <h2 id="sandbox-h">Local sandbox (QA)</h2>
      <p>
        {s.running ? 'Running' : 'Starts on first use'}{s.customers !== null ? ` · ${s.customers} customers` : ''} · <span className="mono">{s.baseUrl}</span>
      </p>
      <label className="inline-label">
        Review mode{' '}
        <select value={s.reviewMode ?? 'auto'} onChange={(e) => void setMode(e.target.value as 'auto' | 'manual')}>
          <option value="auto">Automatic</option>
          <option value="manual">Manual (decide each endorsement)</option>
        </select>
      </label>
    </section>
  );
}

/** Profiles, write-only credentials, listener and sandbox settings. */
export function SettingsScreen() {
  const profiles = useSettings(selectProfiles);
  const req = useSettings(selectSettingsReq);
  const keychain = useSettings(selectKeychain);
  useEffect(() => {
    void useSettings.getState().load();
    void useSandbox.getState().load();
  }, []);
  const activate = async (id: string) => {
    const r = await useSettings.getState().setActive(id);
    if (r.ok) {
      await useSession.getState().loadInfo();
      notify('ok', `Active profile: ${r.data.name}.`);
    } else notify('error', `Could not switch profile: ${r.error.message}`);
  };
  return (
    <section className="screen settings">
      <header className="screen-head">
        <h1>Settings</h1>
      </header>
      {keychain && !keychain.available && (
        <div className="notice notice-warn" role="note">
          <strong>OS keychain unavailable.</strong> {keychain.reason} Credentials can be kept for this session only.
        </div>
      )}
      <section className="panel" aria-labelledby="profiles-h">
        <h2 id="profiles-h">Profiles</h2>
        {req.status === 'error' && req.error && profiles.length === 0 ? (
          <ErrorState error={req.error} what="profiles" onRetry={() => void useSettings.getState().load()} />
        ) : profiles.length === 0 ? (
          <Loading what="profiles" />
        ) : (
          <ul className="profiles">
            {profiles.map((p) => (
              <li key={p.id} className={`profile-item${p.kind === 'production' ? ' is-production' : ''}`} aria-label={`Profile ${p.name}`}>
                <div className="profile-line">
                  <strong>{p.name}</strong>
                  {p.kind === 'production' && <StatusBadge tone="bad">production</StatusBadge>}
                  {p.active && <StatusBadge tone="ok">active</StatusBadge>}
                  <span className="mono small muted">
                    {p.baseUrl} · {p.apiVersion}
                  </span>
                  <span className="small">
                    Credentials:{' '}
                    {p.credentials.configured ? (
                      <>
                        fingerprint <span className="mono">{p.credentials.fingerprint}</span> ({p.credentials.storage})
                      </>
                    ) : (
                      'not set'
                    )}
                  </span>
                  {!p.active && (
                    <button type="button" className="btn btn-small push-right" onClick={() => void activate(p.id)}>
                      Use {p.name}
                    </button>
                  )}
                </div>
                {p.kind !== 'local' && <CredentialsForm profile={p} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ListenerSettings />
      <SandboxControls />
    </section>
  );
}
