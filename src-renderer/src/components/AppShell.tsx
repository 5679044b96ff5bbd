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
  const kind = info.profile.kind;
  const production = kind === 'production';
  // A custom endpoint may be anyone's OMS: the console cannot know its data is test data, so it never says so.
  const [mode, tone, note] = production
    ? ['PRODUCTION', 'banner-production', 'Real customers and money. Every change asks for confirmation.']
    : kind === 'custom'
      ? ['CUSTOM OMS', 'banner-custom', 'An OMS endpoint you added: treat its customers as real unless you know otherwise.']
      : ['TEST MODE', 'banner-test', 'Test data only — nothing here touches real customers.'];
  return (
    <div className={`banner ${tone}`} role="status" aria-label="Active profile">
      <strong className="banner-mode">{mode}</strong>
      {/* The name never shrinks; the URL gives way first on a narrow window (full text in the tooltip). */}
      <span className="banner-profile" title={`${info.profile.name} · ${info.profile.baseUrl}`}>
        <span className="banner-name">
          Profile <b>{info.profile.name}</b>
        </span>
        <span className="banner-url">· {info.profile.baseUrl}</span>
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

const SHORT: Record<string, string> = {
  customers: 'Cus',
  reviews: 'Rev',
  onboarding: 'Onb',
  wallets: 'Wal',
  transactions: 'Txn',
  events: 'Evt',
  logs: 'Log',
  settings: 'Set',
};
const SIDEBAR_KEY = 'oms-console.sidebar';

/** Collapsed by choice (remembered), or by default on windows too narrow for the full sidebar. */
function initialCollapsed(): boolean {
  const saved = localStorage.getItem(SIDEBAR_KEY);
  return saved ? saved === 'collapsed' : window.innerWidth < 1100;
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
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  const toggle = () => {
    localStorage.setItem(SIDEBAR_KEY, collapsed ? 'expanded' : 'collapsed');
    setCollapsed(!collapsed);
  };
  return (
    <div className={`shell${collapsed ? ' shell-collapsed' : ''}`}>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          {collapsed ? 'OMS' : 'OMS Console'}
          {!collapsed && <small>{info ? `v${info.version} · ${info.transport}` : ' '}</small>}
        </div>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#/${s}`} aria-current={section === s ? 'page' : undefined} title={collapsed ? LABELS[s] : undefined} onClick={() => navigate(s)}>
                {collapsed ? (
                  <>
                    <span aria-hidden="true">{SHORT[s] ?? s.slice(0, 3)}</span>
                    <span className="sr-only">{LABELS[s]}</span>
                  </>
                ) : (
                  LABELS[s]
                )}
              </a>
            </li>
          ))}
        </ul>
        <Liveness />
        <OmsHealthIndicator />
        <button type="button" className="sidebar-toggle" aria-expanded={!collapsed} aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'} onClick={toggle}>
          <span aria-hidden="true">{collapsed ? '»' : '« Collapse'}</span>
        </button>
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
