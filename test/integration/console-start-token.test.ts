import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';
import { control } from './main-support/sandbox.ts';

/** A start on the local profile has its OMS session ready before the first screen asks for rows. */
describe('console start: the local token', () => {
  let t: TestConsole | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('exchanges the local token once the sandbox listens, unasked, and the first search uses that token', async () => {
    // The listener's registration (an OMS call of its own) waits for the first answer, as in browser mode.
    t = await startTestConsole({ sandbox: { seed: 5 }, waitForListener: false, listenerStart: 'after-first-answer' });
    const sb = await eventually(async () => t!.app.services.local.handle, 'the local sandbox listening without being asked', 500);
    const stats = () => control(sb).stats();
    await eventually(async () => (await stats()).tokenExchanges === 1, 'a token exchanged before any OMS call', 250);
    expect((await stats()).requests).toEqual({ 'POST /auth/token': 1 });

    const page = unwrap(await t.oms.customers.search({ q: '' }));
    expect(page.items).toHaveLength(5);
    const after = await stats();
    expect(after.tokenExchanges).toBe(1);
    expect(after.requests['GET /customers']).toBe(1);
  });
});
