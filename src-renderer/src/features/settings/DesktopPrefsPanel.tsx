import { useEffect, useState } from 'react';
import type { DesktopPrefs, NotificationPrefs, ThemePref } from '#shared/domain/desktop-prefs.ts';
import { InlineError } from '../../components/States.tsx';
import { UpdateCheckSetting } from './UpdateCheckSetting.tsx';
import { api } from '../../lib/api-client.ts';
import { applyTheme } from '../../lib/theme.ts';
import type { AppError } from '#shared/ipc/result.ts';
import './desktop-prefs.css';

const KINDS: [keyof NotificationPrefs, string, string][] = [
  ['endorsementDecided', 'An endorsement was decided', 'for a customer you have open'],
  ['fundsCompleted', 'A deposit or transaction completed', 'for a customer you have open'],
  ['listenerDown', 'Live updates stopped', 'the webhook listener or relay went down'],
];

/** Settings → Desktop: native notifications per kind (the desktop app) and the colour theme. */
export function DesktopPrefsPanel() {
  const [prefs, setPrefs] = useState<DesktopPrefs | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void api()
      .settings.desktopPrefs({})
      .then((r) => live && (r.ok ? setPrefs(r.data) : setError(r.error)));
    return () => {
      live = false;
    };
  }, []);
  const save = async (patch: { notifications?: Partial<NotificationPrefs>; theme?: ThemePref }) => {
    // Shown at once (a checkbox must not spring back while main saves); main's answer then wins.
    setPrefs((p) => (p ? { ...p, notifications: { ...p.notifications, ...patch.notifications }, theme: patch.theme ?? p.theme } : p));
    const r = await api().settings.setDesktopPrefs(patch);
    if (r.ok) {
      setPrefs(r.data);
      applyTheme(r.data.theme);
    } else setError(r.error);
  };
  return (
    <section className="panel" aria-labelledby="desktop-h">
      <div className="panel-head">
        <h2 id="desktop-h">Desktop</h2>
      </div>
      {prefs && (
        <>
          <fieldset className="prefs">
            <legend>Notifications</legend>
            {KINDS.map(([k, label, hint]) => (
              <label key={k} className="check">
                <input type="checkbox" checked={prefs.notifications[k]} onChange={(e) => void save({ notifications: { [k]: e.target.checked } })} /> {label}{' '}
                <span className="muted small">— {hint}</span>
              </label>
            ))}
            <p className="help">Shown by the desktop app only; the browser mode never raises native notifications.</p>
          </fieldset>
          <label className="prefs-theme">
            Theme{' '}
            <select value={prefs.theme} onChange={(e) => void save({ theme: e.target.value as ThemePref })}>
              <option value="system">Follow the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <UpdateCheckSetting />
        </>
      )}
      <InlineError error={error} />
    </section>
  );
}
