import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { customersScreen } from '../pages/console.page.ts';

// Opened on the customer list, the console sends its search before the shell's status reads
// (settings, health, sandbox, inbox…), which follow once the rows have answered.

interface Call {
  channel: string;
  start: number;
  end: number;
}

/** The page's calls to main through the bridge, in the order it sent them (resource timing). */
async function bridgeCalls(app: Page): Promise<Call[]> {
  return app.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.name.includes('/api/invoke/'))
      .map((r) => ({ channel: decodeURIComponent(r.name.split('/api/invoke/')[1] ?? ''), start: r.startTime, end: r.responseEnd }))
      .sort((a, b) => a.start - b.start),
  );
}

test('the first search goes out first; the status reads follow its answer and still arrive', async ({ app, consoleProcess }) => {
  await app.goto(`${consoleProcess.url}#/customers`);
  await app.reload();
  await expect(customersScreen(app).results.getByRole('option').first()).toBeVisible();
  // The shell's status comes up after the rows: the OMS indicator has its verdict.
  await expect(app.getByRole('status', { name: 'OMS status' })).toBeVisible();
  const calls = await bridgeCalls(app);
  const names = calls.map((c) => c.channel);
  expect(names).toEqual(expect.arrayContaining(['app.omsHealth', 'app.info', 'sandbox.status', 'settings.desktopPrefs']));
  expect(names[0]).toBe('customers.search');
  const search = calls[0]!;
  const early = calls.filter((c) => c.channel !== 'customers.search' && c.start < search.end);
  expect(early.map((c) => c.channel)).toEqual([]);
});

test('opened on another screen, nothing waits for a search', async ({ app, consoleProcess }) => {
  await app.goto(`${consoleProcess.url}#/settings`);
  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const calls = await bridgeCalls(app);
  expect(calls.map((c) => c.channel)).not.toContain('customers.search');
  expect(calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['app.omsHealth', 'app.info', 'sandbox.status']));
});
