import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { customersScreen, searchBox, shot } from '../pages/console.page.ts';

// This worker's console runs with the e2e hooks on (browser mode only; main refuses them in
// Electron): a screen named in sessionStorage throws while rendering.
test.use({ consoleEnv: { OMS_CONSOLE_E2E_HOOKS: '1' } });

const FAULT_KEY = 'oms-console.e2e.screenFault';
const EMAIL = 'dora.crash@example.com';
const KEY = 'sk_live_CRASHCANARY42';

async function failScreen(page: Page, section: string | null) {
  const value = section && `${section}|Balance exploded for ${EMAIL} with ${KEY}`;
  await page.evaluate(({ k, v }) => (v === null ? sessionStorage.removeItem(k) : sessionStorage.setItem(k, v)), { k: FAULT_KEY, v: value });
}

test('support agent: a screen that crashes says so with Reload and Copy diagnostics, the sidebar still works, and main logs it scrubbed', async ({ app, consoleProcess }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await expect(customersScreen(app).results.getByRole('option').first()).toBeVisible();
  await failScreen(app, 'logs');
  await app.getByRole('link', { name: 'Logs' }).click();

  const alert = app.getByRole('alert').filter({ hasText: 'Something went wrong on this screen.' });
  await expect(alert).toBeVisible();
  // The message, scrubbed as the log's copy is: no email or key on a screen that ends up in screenshots.
  await expect(alert).toContainText('Balance exploded for [email] with sk_live_[redacted]');
  await expect(alert).not.toContainText(EMAIL);
  await expect(alert).not.toContainText('CRASHCANARY42');
  // The sentence and the message only: no stack frames on screen.
  await expect(alert).not.toContainText('at ');
  await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();

  // main's log (browser mode: its stderr) has the line, scrubbed.
  await expect.poll(() => consoleProcess.stderr.find((l) => l.includes('renderer react-caught in logs')) ?? '').toContain('Balance exploded for [email] with sk_live_[redacted]');
  expect(consoleProcess.stderr.join('\n')).not.toContain(EMAIL);
  expect(consoleProcess.stderr.join('\n')).not.toContain('CRASHCANARY42');

  await alert.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(alert.getByRole('status')).toHaveText('Diagnostics copied: paste them into your bug report.');
  const copied = await app.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('OMS Console diagnostics');
  expect(copied).toContain('transport: browser');
  expect(copied).toContain('screen error: Balance exploded for [email] with sk_live_[redacted]');

  await app.setViewportSize({ width: 1024, height: 700 });
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    await shot(app, `error-screen-${scheme}`);
  }
  await app.emulateMedia({ colorScheme: null });
  await app.setViewportSize({ width: 1360, height: 860 });

  // The sidebar leads elsewhere; back on the crashed screen, Reload mounts it afresh once fixed.
  await app.getByRole('link', { name: 'Customers' }).click();
  await expect(searchBox(app)).toBeEditable();
  await app.getByRole('link', { name: 'Logs' }).click();
  await expect(alert).toBeVisible();
  await failScreen(app, null);
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Logs' })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('an error thrown outside React (a promise nobody awaited) reaches the log too', async ({ app, consoleProcess }) => {
  await expect(searchBox(app)).toBeVisible();
  await app.evaluate((email) => void Promise.reject(new Error(`late failure for ${email}`)), EMAIL);
  await expect.poll(() => consoleProcess.stderr.find((l) => l.includes('renderer unhandledrejection')) ?? '').toContain('late failure for [email]');
});
