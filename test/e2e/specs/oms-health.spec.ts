import { expect, test } from '../fixtures/test.ts';
import { control, goto, oms, shot } from '../pages/console.page.ts';

/**
 * "Honest when OMS is not well": the sidebar says how OMS is doing, from the console's own calls,
 * beside (not instead of) the console's heartbeat — driven by the sandbox's fault injection.
 */
test('the OMS status follows a slow, a failing and a recovered OMS', async ({ app }) => {
  test.setTimeout(60_000);
  const status = app.getByRole('status', { name: 'OMS status' });
  const first = (await oms<{ items: { id: string }[] }>(app, 'customers', 'search', { limit: 1 })).items[0]!.id;
  await expect(status).toContainText('OMS reachable');
  try {
    // Slow: a call still waiting shows as waiting, with its age, while the heartbeat stays live.
    await control(app, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/customers/[^/]+$', action: 'latency', latencyMs: 4500, times: 1 }] });
    await goto(app, `#/customers/${first}`);
    await expect(status).toContainText('OMS slow', { timeout: 8000 });
    await expect(status).toContainText(/Waiting for OMS for \d+ s/);
    await expect(app.getByRole('status', { name: 'Connection to main process' })).toContainText('Live');
    await shot(app, 'oms-health-slow');
    await expect(status).toContainText('OMS reachable', { timeout: 10_000 });

    // Failing: 503s (retried by the client, then reported) turn it red with the status code.
    await control(app, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/customers/[^/]+$', action: 'error', status: 503, times: 10 }] });
    await goto(app, '#/customers');
    await goto(app, `#/customers/${first}`);
    await expect(status).toContainText('OMS failing', { timeout: 15_000 });
    await expect(status).toContainText('HTTP 503');
    await shot(app, 'oms-health-failing');
  } finally {
    await control(app, 'DELETE', '/faults');
  }
  // Recovered: the next good answer says so.
  await oms(app, 'customers', 'get', { customerId: first });
  await expect(status).toContainText('OMS reachable');
});

test('a hung OMS call shows its progress with Cancel; cancelling frees the screen and Retry works once OMS answers', async ({ app }) => {
  test.setTimeout(60_000);
  const first = (await oms<{ items: { id: string }[] }>(app, 'customers', 'search', { limit: 2 })).items[1]!.id;
  await control(app, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/customers/[^/]+$', action: 'hang', times: 1 }] });
  try {
    await goto(app, `#/customers/${first}`);
    const waiting = app.getByRole('list', { name: 'Waiting for answers' });
    // The wait in the user's words (the customer's name when the list showed it), never the channel.
    await expect(waiting).toContainText('Loading ', { timeout: 3000 });
    await expect(waiting).not.toContainText('customers.get');
    await expect(waiting).toContainText(/· \d+ s/);
    await shot(app, 'oms-pending-call');
    // In the 64 px collapsed sidebar the waiting call keeps its spinner and Cancel.
    await app.setViewportSize({ width: 1024, height: 700 });
    await app.getByRole('button', { name: 'Collapse sidebar' }).click();
    await expect(waiting.getByRole('button', { name: /^Stop waiting: Loading / })).toBeVisible();
    await shot(app, 'oms-pending-call-1024');
    await app.getByRole('button', { name: 'Expand sidebar' }).click();
    const cancelledGets = async () =>
      (await oms<{ items: { method: string; path: string; errorCode: string | null }[] }>(app, 'logs', 'requests', { method: 'GET', limit: 200 })).items.filter(
        (r) => r.path === `/customers/${first}` && r.errorCode === 'cancelled',
      ).length;
    const before = await cancelledGets();
    await waiting.getByRole('button', { name: /^Stop waiting: Loading / }).click();
    await expect(waiting).toHaveCount(0);
    // A cancel is the user's choice: said as such, not as an error or a timeout.
    const stopped = app.getByRole('status').filter({ hasText: 'You stopped loading' }).first();
    await expect(stopped).toBeVisible();
    await expect(stopped).not.toContainText('TIMEOUT');
    // A read's Cancel reaches main: the OMS request itself is aborted, not only the page's wait.
    await expect.poll(cancelledGets, { timeout: 5000 }).toBeGreaterThan(before);
  } finally {
    await control(app, 'DELETE', '/faults');
  }
  await app.getByRole('button', { name: 'Retry' }).first().click();
  await expect(app.getByRole('heading', { name: 'Profile' })).toBeVisible();
  await expect(app.getByText('You stopped loading')).toHaveCount(0);
});

test('support agent: a page opened after OMS recovered reads how OMS is now, not the failure from before', async ({ app }) => {
  test.setTimeout(60_000);
  const status = app.getByRole('status', { name: 'OMS status' });
  const first = (await oms<{ items: { id: string }[] }>(app, 'customers', 'search', { limit: 1 })).items[0]!.id;
  try {
    await control(app, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/customers/[^/]+$', action: 'error', status: 503, times: 10 }] });
    await goto(app, `#/customers/${first}`);
    await expect(status).toContainText('OMS failing', { timeout: 15_000 });
  } finally {
    await control(app, 'DELETE', '/faults');
  }
  // OMS is well again, and the console makes no call of its own: a page opened on a screen that
  // reads nothing from OMS (the logs) must still say so, once the old failure has had time to age.
  await goto(app, '#/logs');
  await expect(async () => {
    await app.reload();
    await expect(status).toContainText('OMS reachable', { timeout: 1500 });
  }).toPass({ timeout: 20_000 });
  await expect(status).not.toContainText('failing');
  await shot(app, 'oms-health-recovered-on-open');
});
