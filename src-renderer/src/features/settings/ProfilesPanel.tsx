import { useState } from 'react';
import type { Profile } from '#shared/ipc/settings.contract.ts';
import { ErrorState, Loading } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { notify } from '../../stores/notify.store.ts';
import { useSession } from '../../stores/session.store.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { ProfileEditor } from './ProfileEditor.tsx';
import { selectProfiles, selectSettingsReq, useSettings } from './settings.store.ts';

const VERIFICATION_WORDS = { enforce: 'enforced', 'report-only': 'report only' } as const;

function DeleteProfile({ profile }: { profile: Profile }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="btn btn-small btn-ghost-danger" onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  }
  const run = async () => {
    const r = await useSettings.getState().deleteProfile(profile.id);
    if (r.ok) {
      if (profile.active) await useSession.getState().loadInfo();
      notify('ok', `Profile ${profile.name} and its credentials were deleted.`);
    } else {
      setAsking(false);
      notify('error', `Could not delete ${profile.name}: ${r.error.message}`);
    }
  };
  return (
    <span className="inline-confirm" role="group" aria-label={`Delete ${profile.name}?`}>
      <span className="small">Delete {profile.name} and its stored credentials?</span>
      <button type="button" className="btn btn-small btn-danger" onClick={() => void run()}>
        Delete profile
      </button>
      <button type="button" className="btn btn-small" onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}

function ProfileItem({ p }: { p: Profile }) {
  const [editing, setEditing] = useState(false);
  const activate = async () => {
    const r = await useSettings.getState().setActive(p.id);
    if (r.ok) {
      await useSession.getState().loadInfo();
      notify('ok', `Active profile: ${r.data.name}.`);
    } else notify('error', `Could not switch profile: ${r.error.message}`);
  };
  return (
    <li className={`profile-item${p.kind === 'production' ? ' is-production' : ''}`} aria-label={`Profile ${p.name}`}>
      <div className="profile-line">
        <strong>{p.name}</strong>
        {p.kind === 'production' && <StatusBadge tone="bad">production</StatusBadge>}
        {!p.builtIn && <StatusBadge tone="neutral">custom</StatusBadge>}
        {p.active && <StatusBadge tone="ok">active</StatusBadge>}
        <span className="push-right profile-actions">
          {!editing && (
            <button type="button" className="btn btn-small" aria-label={`Edit ${p.name}`} onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {!p.builtIn && <DeleteProfile profile={p} />}
          {!p.active && (
            <button type="button" className="btn btn-small" onClick={() => void activate()}>
              Use {p.name}
            </button>
          )}
        </span>
      </div>
      <dl className="profile-facts small">
        <div>
          <dt>Address</dt>
          <dd className="mono">
            {p.baseUrl}/{p.apiVersion}
          </dd>
        </div>
        <div>
          <dt>Webhook signatures</dt>
          <dd>{VERIFICATION_WORDS[p.webhookVerification]}</dd>
        </div>
        <div>
          <dt>Credentials</dt>
          <dd>
            {p.credentials.configured ? (
              <>
                fingerprint <span className="mono">{p.credentials.fingerprint}</span> ({p.credentials.storage})
              </>
            ) : (
              'not set'
            )}
          </dd>
        </div>
      </dl>
      {editing && <ProfileEditor profile={p} onDone={() => setEditing(false)} />}
      {p.kind !== 'local' && <CredentialsForm profile={p} />}
    </li>
  );
}

/** Built-in and custom profiles: switch, edit (version, verification), add and delete custom ones. */
export function ProfilesPanel() {
  const profiles = useSettings(selectProfiles);
  const req = useSettings(selectSettingsReq);
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-labelledby="profiles-h">
      <div className="panel-head">
        <h2 id="profiles-h">Profiles</h2>
        {!adding && (
          <button type="button" className="btn btn-small" onClick={() => setAdding(true)}>
            Add custom profile
          </button>
        )}
      </div>
      {req.status === 'error' && req.error && profiles.length === 0 ? (
        <ErrorState error={req.error} what="profiles" onRetry={() => void useSettings.getState().load()} />
      ) : profiles.length === 0 ? (
        <Loading what="profiles" />
      ) : (
        <ul className="profiles">
          {profiles.map((p) => (
            <ProfileItem key={p.id} p={p} />
          ))}
        </ul>
      )}
      {adding && <ProfileEditor onDone={() => setAdding(false)} />}
    </section>
  );
}
