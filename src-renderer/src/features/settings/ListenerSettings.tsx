import { useState } from 'react';
import type { AppError } from '#shared/ipc/result.ts';
import { relayPaths, splitEventsUrl } from '#shared/relay/relay-wire.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { fieldErrors } from '../../lib/request-state.ts';
import { notify } from '../../stores/notify.store.ts';
import { useInbox } from '../inbox/inbox.store.ts';
import { selectListener } from '../inbox/inbox.selectors.ts';
import { VerificationChoice } from './ProfileEditor.tsx';
import { selectProfiles, useSettings, withVerificationConfirmation, type VerificationMode } from './settings.store.ts';
import '../inbox/listener.css';

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

/** Where the token is kept, in the words the profiles' credentials use. */
const TOKEN_HOME = {
  keychain: 'in the keychain',
  session: 'for this session only',
  memory: 'in memory only: no keychain here, so it is forgotten when the console stops',
} as const;

/** The form shows our relay's stream URL as base and channel; anything else (smee) as one opaque URL. */
function splitRelayUrl(url: string | null | undefined): { base: string; channel: string } {
  return (url ? splitEventsUrl(url) : null) ?? { base: url ?? '', channel: '' };
}

/**
 * Listener port, relay (URL, channel, token) and verification mode for the active profile. The
 * token is write-only: it goes to the keychain and only its fingerprint ever comes back.
 */
export function ListenerSettings() {
  const l = useInbox(selectListener);
  const [port, setPort] = useState(l?.port ? String(l.port) : '');
  const initial = splitRelayUrl(l?.relayUrl);
  const [relay, setRelay] = useState(initial.base);
  const [channel, setChannel] = useState(initial.channel);
  const [token, setToken] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const fe = fieldErrors(error);
  const tokenPrint = l?.relay?.tokenFingerprint ?? null;
  const send = async (input: Parameters<ReturnType<typeof api>['inbox']['configureListener']>[0], ok: string) => {
    const r = await withVerificationConfirmation((confirm) => api().inbox.configureListener(confirm ? { ...input, confirm } : input));
    if (r.ok) {
      useInbox.getState().setListener(r.data);
      setError(null);
      setToken('');
      notify('ok', ok);
    } else setError(r.error);
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const base = relay.trim().replace(/\/+$/, '');
    const url = base && channel.trim() ? `${base}${relayPaths.events(channel.trim())}` : base || null;
    await send({ ...(port ? { port: Number(port) } : {}), relayUrl: url, ...(token.trim() ? { relayToken: token } : {}) }, 'Listener settings saved.');
  };
  const forget = () => void send({ relayToken: null }, 'Relay token removed from the keychain.');
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
            <label htmlFor="listener-relay">Relay URL</label>
            <input id="listener-relay" className="mono" value={relay} placeholder="https://relay.example.com or https://smee.io/…" aria-invalid={fe.relayUrl ? true : undefined} aria-describedby="listener-relay-help" onChange={(e) => setRelay(e.target.value)} />
            {fe.relayUrl && <small className="field-error">{fe.relayUrl}</small>}
          </div>
        </div>
        <div className="row3">
          <div className="field">
            <label htmlFor="listener-channel">Relay channel</label>
            <input id="listener-channel" className="mono" value={channel} placeholder="acme-7f3k2q9x" spellCheck={false} onChange={(e) => setChannel(e.target.value)} />
          </div>
          <div className={`field span2${fe.relayToken ? ' field-invalid' : ''}`}>
            <label htmlFor="listener-token">Relay token</label>
            <div className="relay-token-row">
              <input
                id="listener-token"
                className="mono"
                type="password"
                autoComplete="off"
                value={token}
                placeholder={tokenPrint ? 'Enter a new token to replace it' : 'rly_…'}
                aria-invalid={fe.relayToken ? true : undefined}
                aria-describedby="listener-token-state"
                onChange={(e) => setToken(e.target.value)}
              />
              {tokenPrint && (
                <button type="button" className="btn btn-ghost-danger btn-small" onClick={forget}>
                  Forget token
                </button>
              )}
            </div>
            <small id="listener-token-state" className="help">
              {tokenPrint ? (
                <>
                  saved · <span className="mono">{tokenPrint}</span> ({TOKEN_HOME[l?.relay?.tokenStorage ?? 'keychain']}; never shown)
                </>
              ) : l?.relay?.problem?.startsWith('Token forgotten') ? (
                'Token forgotten (it was kept in memory only): enter it again.'
              ) : (
                'No token saved: the URL is read as a smee channel.'
              )}
            </small>
            {fe.relayToken && <small className="field-error">{fe.relayToken}</small>}
          </div>
        </div>
        <p id="listener-relay-help" className="help">
          The real OMS needs a public URL. With the team&apos;s OMS relay, register <span className="mono">&lt;relay URL&gt;/hooks/&lt;channel&gt;</span> with OMS and give the console a token (<span className="mono">./oms relay token mint</span>): deliveries arrive byte-exact, signatures are enforced, and
          what arrives while the console is off is caught up. A smee.io channel (URL only, no channel or token) re-serialises the JSON, so it works only in report-only. The local sandbox delivers straight to loopback.
        </p>
        {!fe.port && !fe.relayUrl && !fe.relayToken && <InlineError error={error} />}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            Save listener settings
          </button>
        </div>
      </form>
    </section>
  );
}
