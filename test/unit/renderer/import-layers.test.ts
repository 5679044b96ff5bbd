import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graph } from '../shared/support/import-graph.ts';

/**
 * docs/design.md "Layout and layers", the renderer: from the bottom, `lib/` (and the browser
 * transport) < `stores/` < `components/` < `features/` < the app's wiring (App.tsx, main.tsx,
 * bridge/subscriptions.ts); nothing imports from a layer above its own. A feature uses another
 * feature's store, selectors, words and helpers, never its components: a panel several features
 * show belongs in `components/`. The circle check for the renderer is in test/unit/shared.
 */
const BASE = 'src-renderer/src';
const APP = new Set(['App.tsx', 'main.tsx', 'bridge/subscriptions.ts']);
const LAYER: Record<string, number> = { lib: 0, bridge: 0, stores: 1, components: 2, features: 3 };
const layerOf = (path: string) => (APP.has(path) ? 4 : (LAYER[path.split('/')[0]!] ?? 4));

/**
 * Screens that still render another feature's component. Each is a debt, listed so that no new
 * one can creep in; move the panel to `components/` (or give the feature a shared module) and
 * strike it here: the test fails until the list matches.
 */
const CROSS_FEATURE_COMPONENTS = [
  'customers/CustomerDetail.tsx → wallets/MoneyPanel.tsx',
  'customers/CustomerDetail.tsx → wallets/WalletsPanel.tsx',
  'customers/EditCustomerForm.tsx → onboarding/CustomerFieldset.tsx',
  'customers/ProfileCard.tsx → export/CopySummary.tsx',
  'customers/TransactionsPanel.tsx → transactions/TransactionTable.tsx',
  'inbox/InboxScreen.tsx → charts/InboxChart.tsx',
  'inbox/InboxScreen.tsx → export/ExportMenu.tsx',
  'logs/LogsScreen.tsx → export/ExportMenu.tsx',
  'oms-health/LatencySpark.tsx → charts/UPlotChart.tsx',
  'onboarding/StepEndorsements.tsx → customers/EditCustomerForm.tsx',
  'onboarding/StepEndorsements.tsx → customers/EndorsementsPanel.tsx',
  'onboarding/StepEndorsements.tsx → customers/QaDecisionsPanel.tsx',
  'onboarding/StepWallet.tsx → wallets/ProvisionWallet.tsx',
  'onboarding/StepWallet.tsx → wallets/WalletsPanel.tsx',
  'reviews/ReviewCase.tsx → customers/EndorsementsPanel.tsx',
  'reviews/ReviewCase.tsx → customers/QaDecisionsPanel.tsx',
  'reviews/ReviewsScreen.tsx → export/ExportMenu.tsx',
  'transactions/TransactionsScreen.tsx → charts/TransactionsChart.tsx',
  'transactions/TransactionsScreen.tsx → export/ExportMenu.tsx',
  'wallets/MoneyPanel.tsx → charts/WalletBalanceCharts.tsx',
  'wallets/MoneyPanel.tsx → transactions/FundCashIn.tsx',
  'wallets/MoneyPanel.tsx → transactions/SendMoney.tsx',
];

const edges = () =>
  [...graph(BASE)].flatMap(([file, targets]) => targets.filter((t) => t.startsWith(`${BASE}/`)).map((t) => [relative(BASE, file), relative(BASE, t)] as const));

describe('renderer imports follow its layers', () => {
  it('no module imports from a layer above its own (lib/ never reaches a store, a store never a feature)', () => {
    const up = edges()
      .filter(([from, to]) => layerOf(to) > layerOf(from))
      .map(([from, to]) => `${from} → ${to}`);
    expect(up).toEqual([]);
  });

  it('a feature renders another feature’s components only where listed as a debt', () => {
    const feature = (p: string) => (p.startsWith('features/') ? p.split('/')[1] : null);
    const cross = edges()
      .filter(([from, to]) => feature(from) && feature(to) && feature(from) !== feature(to) && to.endsWith('.tsx'))
      .map(([from, to]) => `${from.slice('features/'.length)} → ${to.slice('features/'.length)}`)
      .sort();
    expect(cross).toEqual([...CROSS_FEATURE_COMPONENTS].sort());
  });
});
