import { useEffect, useState, type ReactNode } from 'react';
import { selectInfo, selectInfoError, selectLastHeartbeat, useSession } from '../stores/session.store.ts';
import { SECTION_LABELS as LABELS, SECTIONS, selectNavigate, selectSection, useRoute } from '../stores/route.store.ts';
import { usePalette } from '../stores/palette.store.ts';
import { OmsHealthIndicator } from '../features/oms-health/OmsHealthIndicator.tsx';

function ProfileBanner() {
  const info = useSession(selectInfo);
  const error = useSession(selectInfoError);
  if (error) return <div className="banner banner-error" role="alert">Cannot reach the console process: {error.message}</div>;
  if (!info) return <div className="banner">Connecting…</div>;
  const production = info.profile.kind === 'production';
  const note = production ? 'Real customers and money. Every change asks for confirmation.' : 'Test data only — nothing here touches real customers.';
  return (
    <div className={`banner ${production ? 'banner-production' : 'banner-test'}`} role="status" aria-label="Active profile">
      <strong className="banner-mode">{production ? 'PRODUCTION' : 'TEST MODE'}</strong>
      <span className="banner-profile" title={`${info.profile.name} · ${info.profile.baseUrl}`}>
        Profile <b>{info.profile.name}</b> · {info.profile.baseUrl}
      </span>
      <span className="banner-note" title={note}>
        {note}
      </span>
      <button type="button" className="btn btn-small banner-palette" aria-keyshortcuts="Control+K Meta+K" onClick={() => usePalette.getState().setOpen(true)}>
        Search or jump <kbd>Ctrl K</kbd>
      </button>
    </div>
  );
}

function Liveness() {
  const last = useSession(selectLastHeartbeat);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const age = last === null ? null : Math.max(0, Math.round((now - last) / 1000));
  const live = age !== null && age < 15;
  return (
    <div className="liveness" role="status" aria-label="Connection to main process">
      <span className={`dot ${live ? 'dot-live' : 'dot-stale'}`} aria-hidden="true" />
      {age === null ? 'Waiting for heartbeat…' : live ? `Live · heartbeat ${age < 2 ? 'just now' : `${age}s ago`}` : `No heartbeat for ${age}s`}
    </div>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const section = useRoute(selectSection);
  const navigate = useRoute(selectNavigate);
  const info = useSession(selectInfo);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          OMS Console
          <small>{info ? `v${info.version} · ${info.transport}` : ' '}</small>
        </div>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#/${s}`} aria-current={section === s ? 'page' : undefined} onClick={() => navigate(s)}>
                {LABELS[s]}
              </a>
            </li>
          ))}
        </ul>
        <Liveness />
        <OmsHealthIndicator />
      </nav>
      <div className="main">
        <ProfileBanner />
        <main className="content" aria-label={LABELS[section]}>
          {children}
        </main>
      </div>
    </div>
  );
}
