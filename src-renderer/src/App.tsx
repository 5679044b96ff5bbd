import { useEffect } from 'react';
import { AppShell } from './components/AppShell.tsx';
import { api } from './lib/api-client.ts';
import { applyTheme } from './lib/theme.ts';
import { CommandPalette } from './components/CommandPalette.tsx';
import { ConfirmDialog } from './components/ConfirmDialog.tsx';
import { Toasts } from './components/Toasts.tsx';
import { CustomerDetail } from './features/customers/CustomerDetail.tsx';
import { CustomersScreen } from './features/customers/CustomersScreen.tsx';
import { EditCustomer } from './features/customers/EditCustomer.tsx';
import { EventsScreen } from './features/events/EventsScreen.tsx';
import { LogsScreen } from './features/logs/LogsScreen.tsx';
import { OnboardingScreen } from './features/onboarding/OnboardingScreen.tsx';
import { ReviewsScreen } from './features/reviews/ReviewsScreen.tsx';
import { SettingsScreen } from './features/settings/SettingsScreen.tsx';
import { TransactionsScreen } from './features/transactions/TransactionsScreen.tsx';
import { WalletsScreen } from './features/wallets/WalletsScreen.tsx';
import { selectRoute, useRoute } from './stores/route.store.ts';
import { useSandbox } from './stores/sandbox.store.ts';
import { useSession } from './stores/session.store.ts';

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
    case 'events':
      return <EventsScreen />;
    case 'logs':
      return <LogsScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

export function App() {
  useEffect(() => {
    void useSession.getState().loadInfo();
    void api()
      .settings.desktopPrefs({})
      .then((r) => r.ok && applyTheme(r.data.theme));
    void useSandbox.getState().load();
  }, []);
  return (
    <>
      <AppShell>
        <Screen />
      </AppShell>
      <CommandPalette />
      <ConfirmDialog />
      <Toasts />
    </>
  );
}
