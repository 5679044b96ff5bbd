import { expect, test } from '../fixtures/test.ts';
import { goto, oms, shot } from '../pages/console.page.ts';

/**
 * The production confirmation is a native modal <dialog> (showModal): focus
 * stays inside, the page behind is inert, Escape cancels, and nothing is sent until confirmed.
 */
test('production confirmation is modal: focus trapped, page inert, Escape cancels and sends nothing', async ({ app }) => {
  await oms(app, 'settings', 'setActiveProfile', { profileId: 'production' });
  try {
    await app.reload();
    await expect(app.getByRole('status', { name: 'Active profile' })).toContainText('PRODUCTION');
    await goto(app, '#/inbox');
    const sent: string[] = [];
    app.on('request', (r) => r.url().includes('/api/invoke/webhooks.create') && sent.push(r.url()));
    const form = app.getByRole('form', { name: 'Register an endpoint' });
    await form.getByLabel('Endpoint URL').fill('https://relay.example.com/hooks/support');
    await form.getByRole('button', { name: 'Register' }).click();
    const dialog = app.getByRole('alertdialog', { name: /on production\?/ });
    await expect(dialog).toBeVisible();
    expect(await app.evaluate(() => document.querySelector('dialog[open]')?.matches(':modal') ?? false)).toBe(true);
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    // Focus never lands on the page behind (it is inert: Tab cycles the dialog, then the browser's
    // own chrome), and the page behind cannot be clicked.
    for (let i = 0; i < 6; i++) {
      await app.keyboard.press('Tab');
      const where = await app.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? 'browser' : el.closest('dialog') ? 'dialog' : `page: ${el.tagName} ${el.textContent?.slice(0, 30) ?? ''}`;
      });
      expect(['dialog', 'browser']).toContain(where);
    }
    const clicked = await app
      .getByRole('link', { name: 'Settings' })
      .click({ timeout: 1500, trial: true })
      .then(() => true)
      .catch(() => false);
    expect(clicked).toBe(false);
    await shot(app, 'production-dialog-modal');
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(sent).toEqual([]);
  } finally {
    await oms(app, 'settings', 'setActiveProfile', { profileId: 'local' });
  }
});
