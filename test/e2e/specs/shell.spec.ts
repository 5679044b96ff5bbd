import { expect, saveScreen, test } from '../fixtures/test.ts';

test('the shell renders, app.info shows and a heartbeat arrives', async ({ app }) => {
  await expect(app.getByRole('navigation', { name: 'Main' })).toBeVisible();
  for (const name of ['Customers', 'Onboarding', 'Wallets', 'Inbox', 'Settings']) {
    await expect(app.getByRole('link', { name })).toBeVisible();
  }
  // app.info: version and transport in the sidebar, profile in the banner.
  await expect(app.getByText(/v\d+\.\d+\.\d+ · browser/)).toBeVisible();
  await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('Profile');
  // The heartbeat is pushed over the WebSocket bridge by main.
  await expect(app.getByRole('status', { name: 'Connection to main process' })).toContainText(/Live · heartbeat/, { timeout: 15_000 });
  // The launch token was traded for a cookie and is gone from the address bar.
  expect(app.url()).not.toContain('token=');
  await saveScreen(app, 'shell');
});

test('window.oms exposes exactly the registry', async ({ app }) => {
  const surface = await app.evaluate(() => {
    const oms = (window as unknown as { oms: Record<string, Record<string, unknown>> }).oms;
    return Object.fromEntries(Object.entries(oms).map(([d, ops]) => [d, Object.keys(ops).sort()]));
  });
  const { contract } = await import('../../../src-shared/ipc/registry.ts');
  const expected = Object.fromEntries(Object.entries(contract).map(([d, ops]) => [d, Object.keys(ops).sort()]));
  // `events` carries both the domain's operations and the `on` subscription.
  expect(surface).toEqual({ ...expected, events: [...(expected.events ?? []), 'on'].sort() });
  // Each function really reaches main: app.info answers through the same object.
  const info = await app.evaluate(async () => (window as unknown as { oms: { app: { info: (i: object) => Promise<unknown> } } }).oms.app.info({}));
  expect(info).toMatchObject({ ok: true, data: { transport: 'browser' } });
});

test('right after a page load the connection shows live (app.info counts as a heartbeat)', async ({ app }) => {
  await app.reload();
  // Heartbeats come every 5 s; the app.info round trip makes it live well before the first one.
  await expect(app.getByRole('status', { name: 'Connection to main process' })).toContainText(/Live · heartbeat/, { timeout: 2_000 });
});
