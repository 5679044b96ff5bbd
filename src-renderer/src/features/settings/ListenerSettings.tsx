import { useState } from 'react';
import type { AppError } from '#shared/ipc/result.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { notify } from '../../stores/notify.store.ts';
import { useEvents } from '../events/events.store.ts';
import { selectListener } from '../events/events.selectors.ts';

/** Listener port, relay channel and verification mode for the active profile. */
export function ListenerSettings() {
  const l = useEvents(selectListener);
  const [port, setPort] = useState(l?.port ? String(l.port) : '');
  const [relay, setRelay] = useState(l?.relayUrl ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await api().events.configureListener({ ...(port ? { port: Number(port) } : {}), relayUrl: relay.trim() || null });
    if (r.ok) {
      useEvents.getState().setListener(r.data);
      setError(null);
      notify('ok', 'Listener settings saved.');
    } else setError(r.error);
  };
  return (
    <section className="panel" aria-labelledby="listener-settings-h">
      <h2 id="listener-settings-h">Webhook listener</h2>
      <form className="form" onSubmit={(e) => void save(e)}>
        <div className="row3">
          <div className="field">
            <label htmlFor="listener-port">Listener port</label>
            <input id="listener-port" inputMode="numeric" value={port} placeholder={l?.port ? String(l.port) : 'automatic'} onChange={(e) => setPort(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="listener-relay">Relay URL (SSE channel, e.g. smee.io)</label>
            <input id="listener-relay" className="mono" value={relay} placeholder="https://smee.io/…" onChange={(e) => setRelay(e.target.value)} />
          </div>
        </div>
        <p className="help">The real OMS needs a public URL: register the relay URL with OMS, and the console pulls deliveries from it. The local sandbox delivers straight to loopback.</p>
        <InlineError error={error} />
        <button type="submit" className="btn btn-primary">
          Save listener settings
        </button>
      </form>
    </section>
  );
}
