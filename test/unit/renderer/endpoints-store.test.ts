import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { useEndpoints as EndpointsStore } from '../../../src-renderer/src/features/inbox/endpoints.store.ts';
import { eventually, startTestConsole, unwrap, type TestConsole } from '../../integration/main-support/console.ts';

/**
 * The webhook endpoints panel's store over the renderer's api client and `window.oms` wired to a
 * real console (dispatcher → OMS client → the embedded sandbox over HTTP).
 */
describe('webhook endpoints store', () => {
  let t: TestConsole;
  // Imported once `window.oms` exists: the api client reads it on first use.
  let useEndpoints: typeof EndpointsStore;
  const state = () => useEndpoints.getState();

  beforeAll(async () => {
    t = await startTestConsole();
    (globalThis as { window?: unknown }).window = { oms: t.oms };
    ({ useEndpoints } = await import('../../../src-renderer/src/features/inbox/endpoints.store.ts'));
  });
  afterAll(async () => t?.close());

  it('lists what OMS has, registers an endpoint with its events, pauses it and deletes it, each read back from OMS', async () => {
    await state().load();
    expect(state().list).not.toBeNull();
    expect(await state().register({ url: 'http://127.0.0.1:9/store-test', events: ['customer.*'] })).toBe(true);
    expect(state().registering).toBe(false);
    const mine = await eventually(async () => state().list!.find((w) => w.url === 'http://127.0.0.1:9/store-test'), 'the new endpoint listed');
    expect(mine.events).toEqual(['customer.*']);

    await state().act(mine, 'pause');
    await eventually(async () => state().list!.find((w) => w.id === mine.id)?.enabled === false, 'the endpoint shown paused');
    expect(unwrap(await t.oms.webhooks.list({})).find((w) => w.id === mine.id)?.enabled).toBe(false);

    await state().act(mine, 'delete');
    await eventually(async () => !state().list!.some((w) => w.id === mine.id), 'the endpoint gone from the list');
    expect(state().actionError).toBeNull();
  });

  it('a failed action is kept for the panel to show, beside the list it leaves in place', async () => {
    const gone = unwrap(await t.oms.webhooks.create({ url: 'http://127.0.0.1:9/gone', events: [] }));
    await state().load();
    unwrap(await t.oms.webhooks.delete({ webhookId: gone.id }));
    await state().act(gone, 'pause');
    expect(state().actionError?.code).toBeTruthy();
    expect(state().list).not.toBeNull();
  });

  it('a URL OMS cannot deliver to is refused on the form, and nothing is registered', async () => {
    const count = unwrap(await t.oms.webhooks.list({})).length;
    expect(await state().register({ url: 'http://hooks.example.com/x', events: [] })).toBe(false);
    expect(state().formError?.code).toBe('INVALID_INPUT');
    expect(state().registering).toBe(false);
    expect(unwrap(await t.oms.webhooks.list({}))).toHaveLength(count);
  });

  it('a list answered after a profile switch is dropped: the new profile starts empty', async () => {
    state().reset();
    const late = state().load();
    state().reset();
    await late;
    expect(state().list).toBeNull();
    await state().load();
    expect(state().list).not.toBeNull();
  });
});

