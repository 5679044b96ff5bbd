import { useEffect } from 'react';
import { AppShell } from './components/AppShell.tsx';
import { Placeholder } from './components/Placeholder.tsx';
import { selectSection, useRoute, type Section } from './stores/route.store.ts';
import { useSession } from './stores/session.store.ts';

const COMING: Record<Section, [string, string]> = {
  customers: ['Customers', 'Coming next: server-side search by name, email, phone or id, with endorsement badges.'],
  onboarding: ['Onboarding', 'Coming next: the OMS onboarding guide as a four-step wizard.'],
  wallets: ['Wallets', 'Coming next: provision custodial wallets and check balances.'],
  events: ['Events', 'Coming next: the live webhook log with signature verdicts and replay.'],
  settings: ['Settings', 'Coming next: profiles, credentials (write-only) and the webhook listener.'],
};

export function App() {
  const section = useRoute(selectSection);
  useEffect(() => {
    void useSession.getState().loadInfo();
  }, []);
  const [title, coming] = COMING[section];
  return (
    <AppShell>
      <Placeholder title={title} coming={coming} />
    </AppShell>
  );
}
