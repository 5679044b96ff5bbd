import { lazy, Suspense, useEffect } from 'react';
import { AppShell } from './components/AppShell.tsx';
import { ShortcutsHelp } from './components/ShortcutsHelp.tsx';
import { reloadOpenScreen } from './bridge/subscriptions.ts';
import { api, onChangeDone } from './lib/api-client.ts';
import { nameCustomersWith } from './lib/call-words.ts';
import { fullName } from './lib/customer-name.ts';
import { useCustomers } from './features/customers/customers.store.ts';
import { useLiveUpdates } from './stores/live-updates.store.ts';
import { selectGeneration, useReload } from './stores/reload.store.ts';
import { applyTheme } from './lib/theme.ts';
import { useFormatPrefs } from './lib/format.ts';
import { loadDisplayPrefs } from './features/settings/display-prefs.ts';
import { CommandPalette } from './features/palette/CommandPalette.tsx';
import { OmsHealthIndicator } from './features/oms-health/OmsHealthIndicator.tsx';
import { ConfirmDialog } from './components/ConfirmDialog.tsx';
import { ScreenBoundary, ScreenLoading } from './components/ScreenLoading.tsx';
import { ScreenFault } from './components/error-reporting.ts';
import { Toasts } from './components/Toasts.tsx';
import { CustomersScreen } from './features/customers/CustomersScreen.tsx';
import { selectRoute, useRoute } from './stores/route.store.ts';
import { useSandbox } from './stores/sandbox.store.ts';
import { useSession } from './stores/session.store.ts';

// The first screen (the customer list) is in the main bundle; every other screen is its own chunk,
// fetched on first visit, or ahead of it once the first screen is up (preloadScreens).
const screenModules = {
  customerDetail: () => import('./features/customers/CustomerDetail.tsx'),
  editCustomer: () => import('./features/customers/EditCustomer.tsx'),
  inbox: () => import('./features/inbox/InboxScreen.tsx'),
  logs: () => import('./features/logs/LogsScreen.tsx'),
  onboarding: () => import('./features/onboarding/OnboardingScreen.tsx'),
  reviews: () => import('./features/reviews/ReviewsScreen.tsx'),
  settings: () => import('./features/settings/SettingsScreen.tsx'),
  transactions: () => import('./features/transactions/TransactionsScreen.tsx'),
  wallets: () => import('./features/wallets/WalletsScreen.tsx'),
};
const CustomerDetail = lazy(() => screenModules.customerDetail().then((m) => ({ default: m.CustomerDetail })));
const EditCustomer = lazy(() => screenModules.editCustomer().then((m) => ({ default: m.EditCustomer })));
const InboxScreen = lazy(() => screenModules.inbox().then((m) => ({ default: m.InboxScreen })));
const LogsScreen = lazy(() => screenModules.logs().then((m) => ({ default: m.LogsScreen })));
const OnboardingScreen = lazy(() => screenModules.onboarding().then((m) => ({ default: m.OnboardingScreen })));
const ReviewsScreen = lazy(() => screenModules.reviews().then((m) => ({ default: m.ReviewsScreen })));
const SettingsScreen = lazy(() => screenModules.settings().then((m) => ({ default: m.SettingsScreen })));
const TransactionsScreen = lazy(() => screenModules.transactions().then((m) => ({ default: m.TransactionsScreen })));
const WalletsScreen = lazy(() => screenModules.wallets().then((m) => ({ default: m.WalletsScreen })));

/**
 * Fetches the other screens' chunks after the first screen has had its turn: a second after start
 * (the first rows take ~0.3–0.5 s; before that, idle moments are waits on that first search, and
 * main would serve these files in the middle of it), then when the browser is idle. A failed fetch
 * is left for the screen's own load to report.
 */
function preloadScreens(): () => void {
  let idle = 0;
  const run = () => {
    for (const load of Object.values(screenModules)) void load().catch(() => {});
  };
  const timer = setTimeout(() => {
    if ('requestIdleCallback' in window) idle = window.requestIdleCallback(run, { timeout: 3000 });
    else run();
  }, 1000);
  return () => {
    clearTimeout(timer);
    if (idle) window.cancelIdleCallback(idle);
  };
}

function Screen() {
  const { section, rest } = useRoute(selectRoute);
  switch (section) {
    case 'customers':
      if (rest[0] && rest[1] === 'edit') return <EditCustomer key={rest[0]} customerId={rest[0]} />;
      return rest[0] ? <CustomerDetail key={rest[0]} customerId={rest[0]} /> : <CustomersScreen />;
    case 'reviews':
      return <ReviewsScreen customerId={rest[0]} />;
    case 'onboarding':
      return <OnboardingScreen />;
    case 'wallets':
      return <WalletsScreen key={rest[0] ?? ''} customerId={rest[0]} action={rest[1] === 'fund' || rest[1] === 'send' ? rest[1] : undefined} />;
    case 'transactions':
      return <TransactionsScreen transactionId={rest[0]} />;
    case 'inbox':
      return <InboxScreen />;
    case 'logs':
      return <LogsScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** A name the console already holds for a customer (an open one, or a search row), else null. */
function knownName(id: string): string | null {
  const { byId, rows } = useCustomers.getState();
  const c = byId[id] ?? rows[id];
  return (c && fullName(c)) || null;
}

export function App() {
  const section = useRoute((s) => s.route.section);
  const generation = useReload(selectGeneration);
  // A new locale or UTC choice renders every screen again, with no reload and no refetch.
  useFormatPrefs();
  useEffect(() => {
    nameCustomersWith(knownName);
    onChangeDone((channel) => useLiveUpdates.getState().changed(channel));
    void useLiveUpdates.getState().load();
    void useSession.getState().loadInfo();
    void api()
      .settings.desktopPrefs({})
      .then((r) => r.ok && applyTheme(r.data.theme));
    void loadDisplayPrefs();
    void useSandbox.getState().load();
    return preloadScreens();
  }, []);
  return (
    <>
      <AppShell onRefresh={reloadOpenScreen} health={<OmsHealthIndicator />}>
        <ScreenBoundary resetKey={section}>
          <Suspense fallback={<ScreenLoading />}>
            <ScreenFault section={section} />
            <Screen key={generation} />
          </Suspense>
        </ScreenBoundary>
      </AppShell>
      <CommandPalette />
      <ShortcutsHelp />
      <ConfirmDialog />
      <Toasts />
    </>
  );
}
