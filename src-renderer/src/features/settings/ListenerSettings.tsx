import { useState } from 'react';
import type { AppError } from '#shared/ipc/result.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { fieldErrors } from '../../lib/request-state.ts';
import { notify } from '../../stores/notify.store.ts';
import { useEvents } from '../events/events.store.ts';
import { selectListener } from '../events/events.selectors.ts';
import { VerificationChoice } from './ProfileEditor.tsx';
import { selectProfiles, useSettings, type VerificationMode } from './settings.store.ts';

/**
 * Verification belongs to the profile (settings.saveProfile), so switching profiles switches the
 * mode with it; this panel edits the active profile's.
 */
function ActiveVerification() {
  const active = useSettings(selectProfiles).find((p) => p.active);
  if (!active) return null;
  const change = async (mode: VerificationMode) => {
    const r = await useSettings.getState().saveProfile({ id: active.id, name: active.name, baseUrl: active.baseUrl, apiVersion: active.apiVersion, webhookVerification: mode });
    if (r.ok) notify('ok', `Webhook signatures for ${active.name}: ${mode === 'enforce' ? 'enforced' : 'report only'}.`);
    else notify('error', `Could not change verification: ${r.error.message}`);
  };
  return <VerificationChoice name="listener-verification" legend={`Signature verification for ${active.name} (active profile)`} value={active.webhookVerification} onChange={(m) => void change(m)} />;
}

/** Listener port, relay channel and verification mode for the active profile. */
export function ListenerSettings() {
  const l = useEvents(selectListener);
  const [port, setPort] = useState(l?.port ? String(l.port) : '');
  const [relay, setRelay] = useState(l?.relayUrl ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const fe = fieldErrors(error);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await api().inbox.configureListener({ ...(port ? { port: Number(port) } : {}), relayUrl: relay.trim() || null });
    if (r.ok) {
      useEvents.getState().setListener(r.data);
      setError(null);
      notify('ok', 'Listener settings saved.');
    } else setError(r.error);
  };
  return (
    <section className="panel" aria-labelledby="listener-settings-h">
      <div className="panel-head">
        <h2 id="listener-settings-h">Webhook listener</h2>
      </div>
      <ActiveVerification />
      <form className="form listener-form" onSubmit={(e) => void save(e)}>
        <div className="row3">
          <div className={`field${fe.port ? ' field-invalid' : ''}`}>
            <label htmlFor="listener-port">Listener port</label>
            <input id="listener-port" inputMode="numeric" value={port} placeholder={l?.port ? String(l.port) : 'automatic'} aria-invalid={fe.port ? true : undefined} onChange={(e) => setPort(e.target.value)} />
            {fe.port && <small className="field-error">{fe.port}</small>}
          </div>
          <div className={`field span2${fe.relayUrl ? ' field-invalid' : ''}`}>
            <label htmlFor="listener-relay">Relay URL (SSE channel, e.g. smee.io)</label>
            <input id="listener-relay" className="mono" value={relay} placeholder="https://smee.io/…" aria-invalid={fe.relayUrl ? true : undefined} onChange={(e) => setRelay(e.target.value)} />
            {fe.relayUrl && <small className="field-error">{fe.relayUrl}</small>}
          </div>
        </div>
        <p className="help">The real OMS needs a public URL: register the relay URL with OMS, and the console pulls deliveries from it. The local sandbox delivers straight to loopback.</p>
        {!fe.port && !fe.relayUrl && <InlineError error={error} />}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            Save listener settings
          </button>
        </div>
      </form>
    </section>
  );
}
