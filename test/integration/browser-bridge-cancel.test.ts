import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserBridge, type BrowserBridge } from '../../src-main/ipc/browser-bridge.ts';
import { EventBridge } from '../../src-main/ipc/event-bridge.ts';
import { EventBus } from '../../src-main/lib/event-bus.ts';
import type { Result } from '#shared/ipc/result.ts';
import { caller, eventually, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';
import { control } from './main-support/sandbox.ts';

/**
 * A search abandoned by the page (a newer keystroke aborts its fetch) must stop in main too: the
 * bridge sees the connection close, the dispatcher's signal aborts, and the OMS request to the
 * sandbox ends as cancelled instead of running ahead of the newer search.
 */
let t: TestConsole;
let bridge: BrowserBridge;
let staticDir: string;
const dispatched: { channel: string; result: Result<unknown> }[] = [];

beforeAll(async () => {
  t = await startTestConsole();
  staticDir = mkdtempSync(join(tmpdir(), 'oms-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>OMS Console</title>');
  bridge = await startBrowserBridge({
    dispatch: async (channel, input, who, signal) => {
      const result = await t.app.dispatch(channel, input, who, signal);
      dispatched.push({ channel, result });
      return result;
    },
    events: new EventBridge(new EventBus(), 5),
    staticDir,
    port: 0,
  });
});

afterAll(async () => {
  await bridge.close();
  await t?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

const invoke = (channel: string, input: unknown, signal?: AbortSignal) =>
  fetch(`${bridge.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}` },
    body: JSON.stringify(input),
    ...(signal ? { signal } : {}),
  });

const cancelledSearches = async () =>
  unwrap(await t.oms.logs.requests({ method: 'GET', limit: 100 })).items.filter((r) => r.path.startsWith('/customers?') && r.errorCode === 'cancelled');

describe('browser bridge: a page that stops waiting cancels the call end to end', () => {
  it('aborting the fetch aborts the dispatch and the OMS request behind it, and the next search answers', async () => {
    // A first search starts the sandbox and puts the token exchange behind us: the hang hits the search itself.
    unwrap(await t.oms.customers.search({ limit: 1 }));
    const ctl = control(t.app.services.local.handle!);
    // The sandbox never answers this one: only a cancel can end it before the OMS client's timeout.
    await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'hang', times: 1 }]);
    try {
      const page = new AbortController();
      const stale = invoke('customers.search', { q: 'ma', limit: 50 }, page.signal);
      // Wait until main's OMS request is really out, then abandon it as a newer keystroke would.
      const seen = (await ctl.stats()).requests['GET /customers'] ?? 0;
      await eventually(async () => ((await ctl.stats()).requests['GET /customers'] ?? 0) > seen, 'the search reached the sandbox');
      page.abort();
      await expect(stale).rejects.toThrow();
      const cancelled = await eventually(async () => ((await cancelledSearches()).length > 0 ? await cancelledSearches() : null), 'a cancelled OMS search in the request log', 150);
      expect(cancelled[0]).toMatchObject({ status: null, errorCode: 'cancelled' });
      const inMain = await eventually(async () => dispatched.find((d) => d.channel === 'customers.search'), 'the abandoned dispatch settled');
      expect(inMain.result).toMatchObject({ ok: false, error: { message: 'The request was cancelled.' } });
      // The bridge keeps serving: the newer search answers with its rows.
      const fresh = (await (await invoke('customers.search', { q: 'ma', limit: 5 })).json()) as Result<{ items: unknown[] }>;
      expect(unwrap(fresh).items.length).toBeGreaterThan(0);
    } finally {
      await ctl.clearFaults();
    }
  });

  it('a call nobody abandons is answered as before, and is not cancelled', async () => {
    const before = (await cancelledSearches()).length;
    const r = (await (await invoke('customers.search', { limit: 3 })).json()) as Result<{ items: unknown[] }>;
    expect(unwrap(r).items).toHaveLength(3);
    expect((await cancelledSearches()).length).toBe(before);
    expect((await t.app.dispatch('app.info', {}, caller)).ok).toBe(true);
  });
});
