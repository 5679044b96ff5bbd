import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../fixtures/test.ts';
import { goto, oms, shot, uniqueTag } from '../pages/console.page.ts';
import { runRelayCli, startRelayProcess } from '../../unit/relay/support/relay-process.ts';

// An operator connects the console to the team's relay (a real `./oms relay` process).
test('operator: connects the console to the team relay with a token; the card shows cursor, lag and what was caught up', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-relay-'));
  const data = ['--data-dir', dir];
  const channel = `e2e-${uniqueTag()}`;
  const minted = runRelayCli(['token', 'mint', '--channel', channel, '--name', 'operator', ...data]);
  expect(minted.status, minted.stderr).toBe(0);
  const token = minted.stdout.trim();
  const relay = await startRelayProcess(data);
  try {
    // Three deliveries reach the relay before the console ever connects: they are caught up.
    for (const n of [1, 2, 3]) {
      const res = await fetch(`${relay.url}/hooks/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{ "id": "evt_e2e_${n}", "type": "customer.updated" }` });
      expect(res.status).toBe(200);
    }
    await app.getByRole('link', { name: 'Settings' }).click();
    const settings = app.getByRole('region', { name: 'Webhook listener' });
    await settings.getByLabel('Relay URL').fill(relay.url);
    await settings.getByLabel('Relay channel').fill(channel);
    await settings.getByLabel('Relay token').fill(token);
    await settings.getByRole('button', { name: 'Save listener settings' }).click();
    // Write-only: the field empties and only the fingerprint comes back.
    await expect(settings.getByText(/saved · sha256:[0-9a-f]{8}/)).toBeVisible();
    await expect(settings.getByLabel('Relay token')).toHaveValue('');
    await expect(app.locator('body')).not.toContainText(token);
    await shot(app, 'relay-settings-saved');

    await goto(app, '#/inbox');
    const card = app.getByRole('region', { name: /OMS relay/ });
    await expect(card).toContainText('Connected');
    await expect(card.getByRole('status')).toHaveText('Caught up 3 deliveries missed while offline.');
    await expect(card).toContainText(/Cursor\s*3/);
    await shot(app, 'relay-listener-card');

    // Revoked: the card says the token was refused, and what to do.
    expect(runRelayCli(['token', 'revoke', '--channel', channel, '--name', 'operator', ...data]).status).toBe(0);
    await expect(card).toContainText('Token refused', { timeout: 10_000 });
    await shot(app, 'relay-listener-refused');
  } finally {
    await oms(app, 'inbox', 'configureListener', { relayUrl: null, relayToken: null });
    await relay.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('operator: a smee channel (no token) says it works only in report-only', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  const settings = app.getByRole('region', { name: 'Webhook listener' });
  // Nothing answers here: the card shows the channel reconnecting, and the note.
  await settings.getByLabel('Relay URL').fill('http://127.0.0.1:9/smee-channel');
  await settings.getByLabel('Relay channel').fill('');
  await settings.getByRole('button', { name: 'Save listener settings' }).click();
  await expect(settings.getByText('No token saved: the URL is read as a smee channel.')).toBeVisible();
  try {
    await goto(app, '#/inbox');
    const card = app.getByRole('region', { name: /smee channel/ });
    await expect(card).toContainText('works only in report-only');
    await shot(app, 'relay-listener-smee');
  } finally {
    await oms(app, 'inbox', 'configureListener', { relayUrl: null });
  }
});
