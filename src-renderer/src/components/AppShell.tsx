import './shell.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { selectInfo, selectInfoError, selectLastHeartbeat, useSession } from '../stores/session.store.ts';
import { SECTION_LABELS as LABELS, SECTIONS, selectNavigate, selectRoute, selectSection, useRoute } from '../stores/route.store.ts';
import { usePalette } from '../stores/palette.store.ts';
import { useShortcutsHelp } from '../stores/shortcuts.store.ts';
import { StaleNotice, useLiveProblem, useNow } from './LiveNotice.tsx';

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
  inbox: 'Inb',
  logs: 'Log',
  settings: 'Set',
};
const SIDEBAR_KEY = 'oms-console.sidebar';

/** Collapsed by choice (remembered), or by default on windows too narrow for the full sidebar. */
function initialCollapsed(): boolean {
  const saved = localStorage.getItem(SIDEBAR_KEY);
  return saved ? saved === 'collapsed' : window.innerWidth < 1100;
}

/** Main's heartbeat, and whether OMS's updates reach the screens: live only when both do. */
function Liveness() {
  const last = useSession(selectLastHeartbeat);
  const now = useNow();
  const problem = useLiveProblem(now);
  const age = last === null ? null : Math.max(0, Math.round((now - last) / 1000));
  const beating = age !== null && age < 15;
  const text =
    age === null
      ? 'Waiting for heartbeat…'
      : !beating
        ? `No heartbeat for ${age}s`
        : problem?.kind === 'refused'
          ? 'Not live · OMS updates refused'
          : problem
            ? 'Not live · no OMS update since your change'
            : `Live · heartbeat ${age < 2 ? 'just now' : `${age}s ago`}`;
  return (
    <div className="liveness" role="status" aria-label="Connection to main process">
      <span className={`dot ${beating && !problem ? 'dot-live' : 'dot-stale'}`} aria-hidden="true" />
      <span>
        {text}
        {beating && problem?.kind === 'refused' && <span className="small liveness-detail">{problem.short}</span>}
      </span>
    </div>
  );
}

/**
 * After a move to another screen (or another record), focus goes to its heading, so a screen reader
 * starts there and Tab continues from the top of the content. A screen that focused a field of its
 * own (the search box) keeps it; headings of lazily loaded screens are waited for briefly.
 */
function useFocusHeadingOnNavigate(main: React.RefObject<HTMLElement | null>) {
  const { section, rest } = useRoute(selectRoute);
  // Within the review queue, opening a customer is a step inside one screen: the queue keeps focus.
  const key = section === 'reviews' ? section : `${section}/${rest[0] ?? ''}`;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let frames = 0;
    let settled = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Checked for a moment, on timers (animation frames wait while the window is hidden): the
    // outgoing screen's heading can still be there at first, and focus given to it is lost with it.
    const tryFocus = () => {
      const el = main.current;
      if (!el || frames++ > 300 || settled > 10) return;
      const active = document.activeElement;
      const h = el.querySelector<HTMLElement>('h1');
      // Focus the person moved on purpose stays: a dialog (the palette) or a field outside the content.
      const elsewhere = !!active && active !== document.body && !el.contains(active) && (!!active.closest('dialog, [role="dialog"]') || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
      const ours = !elsewhere && (!active || active === document.body || active === el || active === h || !el.contains(active) || active.tagName === 'H1');
      if (!ours) return;
      if (h && active !== h) {
        if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
        h.focus({ preventScroll: true });
      }
      if (h && document.activeElement === h) settled++;
      timer = setTimeout(tryFocus, 16);
    };
    timer = setTimeout(tryFocus, 0);
    return () => clearTimeout(timer);
  }, [key, main]);
}

/** `health` is the OMS status the sidebar shows: a feature's, handed in so the shell stays below features. */
export function AppShell({ children, health, onRefresh }: { children: ReactNode; health: ReactNode; onRefresh: () => void }) {
  const section = useRoute(selectSection);
  const navigate = useRoute(selectNavigate);
  const info = useSession(selectInfo);
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  const mainRef = useRef<HTMLElement | null>(null);
  useFocusHeadingOnNavigate(mainRef);
  const toggle = () => {
    localStorage.setItem(SIDEBAR_KEY, collapsed ? 'expanded' : 'collapsed');
    setCollapsed(!collapsed);
  };
  return (
    <div className={`shell${collapsed ? ' shell-collapsed' : ''}`}>
      {/* A button, not a #fragment link: the hash is the console's route. */}
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to main content
      </button>
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
        {health}
        <button type="button" className="sidebar-help" aria-keyshortcuts="Shift+?" onClick={() => useShortcutsHelp.getState().setOpen(true)}>
          {collapsed ? (
            <>
              <span aria-hidden="true">?</span>
              <span className="sr-only">Keyboard shortcuts</span>
            </>
          ) : (
            <>
              Keyboard shortcuts <kbd>?</kbd>
            </>
          )}
        </button>
        <button type="button" className="sidebar-toggle" aria-expanded={!collapsed} aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'} onClick={toggle}>
          <span aria-hidden="true">{collapsed ? '»' : '« Collapse'}</span>
        </button>
      </nav>
      <div className="main">
        <ProfileBanner />
        <main ref={mainRef} id="main-content" tabIndex={-1} className="content" aria-label={LABELS[section]}>
          <StaleNotice onRefresh={onRefresh} />
          {children}
        </main>
      </div>
    </div>
  );
}
