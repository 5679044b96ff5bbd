import { useEffect } from 'react';
import { selectSandboxStatus, selectSetReviewMode, useSandbox } from '../../stores/sandbox.store.ts';
import { DesktopPrefsPanel } from './DesktopPrefsPanel.tsx';
import { LocalePanel } from './LocalePanel.tsx';
import { formatCount } from '../../lib/format.ts';
import { ListenerSettings } from './ListenerSettings.tsx';
import { ProfilesPanel } from './ProfilesPanel.tsx';
import { selectKeychain, useSettings } from './settings.store.ts';

function SandboxControls() {
  const s = useSandbox(selectSandboxStatus);
  const setMode = useSandbox(selectSetReviewMode);
  if (!s?.available) return null;
  return (
    <section className="panel" aria-labelledby="sandbox-h">
      <h2 id="sandbox-h">Local sandbox (QA)</h2>
      <p>
        {s.running ? 'Running' : 'Starts on first use'}{s.customers !== null ? ` · ${formatCount(s.customers)} customers` : ''} · <span className="mono">{s.baseUrl}</span>
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
  const keychain = useSettings(selectKeychain);
  useEffect(() => {
    void useSettings.getState().load();
    void useSandbox.getState().load();
  }, []);
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
      <ProfilesPanel />
      <ListenerSettings />
      <DesktopPrefsPanel />
      <LocalePanel />
      <SandboxControls />
    </section>
  );
}
