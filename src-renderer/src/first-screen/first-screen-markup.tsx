import { renderToStaticMarkup } from 'react-dom/server';
import { AppShell } from '../components/AppShell.tsx';
import { CustomerResults } from '../features/customers/CustomerResults.tsx';
import { CustomersScreen } from '../features/customers/CustomersScreen.tsx';
import { OmsHealthIndicator } from '../features/oms-health/OmsHealthIndicator.tsx';
import type { FirstScreenMarkup } from '../lib/first-screen-state.ts';

/**
 * Run by the build (in Node, with a minimal window): the customer list's first render, from the
 * very components React mounts later, for the early script to paint before the bundle has run.
 * The tree is App's for the customer list (its boundaries and Suspense add no markup).
 */
export function renderFirstScreen(setCollapsed: (collapsed: boolean) => void): FirstScreenMarkup {
  const screen = (collapsed: boolean) => {
    setCollapsed(collapsed);
    return renderToStaticMarkup(
      <AppShell health={<OmsHealthIndicator />} onRefresh={() => {}}>
        <CustomersScreen />
      </AppShell>,
    );
  };
  const expanded = screen(false);
  const collapsed = screen(true);
  // The list's frame with no row, as the store starts: the early script adds the rows. It carries
  // no data-results-for, which only React sets, for an answer it holds.
  const results = renderToStaticMarkup(<CustomerResults listRef={{ current: null }} onOpen={() => {}} />);
  return { expanded, collapsed, results };
}
