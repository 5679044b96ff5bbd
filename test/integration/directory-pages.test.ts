import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '#sandbox/index.ts';
import { CustomersApi } from '../../src-main/oms/customers.api.ts';
import { OmsError } from '../../src-main/oms/oms-error.ts';
import type { OmsCustomer } from '../../src-main/oms/oms-objects.ts';
import { CustomerDirectory, type DirectoryOptions, type ListCustomers } from '../../src-main/services/customers/customer-directory.ts';
import { preparePage, toEntry } from '../../src-main/services/customers/directory-entry.ts';
import { DirectoryPages } from '../../src-main/services/customers/directory-pages.ts';
import { control, startTestSandbox, testClient } from './main-support/sandbox.ts';

/**
 * The directory walk's pages parsed in their own thread (directory-pages.ts) against the sandbox
 * over HTTP: the same check and the same error as the OMS client's own parse on main, and the
 * same rows as the walk that parses on main.
 */
const rejection = (p: Promise<unknown>): Promise<OmsError> =>
  p.then(
    () => expect.unreachable('the page was accepted'),
    (e: unknown) => (expect(e).toBeInstanceOf(OmsError), e as OmsError),
  );

const directory = (o: Pick<DirectoryOptions, 'list' | 'listText'>) => new CustomerDirectory({ ...o, onChange: () => undefined, estimate: null, saveEstimate: () => undefined, log: () => undefined, retryAfterMs: 60_000 });

describe('the directory walk with its pages parsed in a worker thread', () => {
  let sb: SandboxHandle;
  let ctl: ReturnType<typeof control>;
  let api: CustomersApi;
  const pages = new DirectoryPages();
  const threaded = async (q: Parameters<ListCustomers>[0], signal: AbortSignal) => pages.read(await api.searchText(q, signal));

  beforeAll(async () => {
    sb = await startTestSandbox({ seed: 450 });
    ctl = control(sb);
    api = new CustomersApi(testClient(sb).client);
  });
  afterAll(async () => {
    pages.close();
    await sb.close();
  });
  afterEach(async () => ctl.clearFaults());

  it('a page the schema refuses fails with the error the client gives on main, field and request id included', async () => {
    for (const malformed of [{ remove: ['id'] }, { set: { endorsements: 'basic' } }]) {
      await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'malformed', times: 2, malformed }]);
      const onMain = await rejection(api.search({ limit: 5 }));
      const inThread = await rejection(threaded({ limit: 5 }, new AbortController().signal));
      expect(inThread.kind).toBe('malformed');
      expect(inThread.message).toBe(onMain.message);
      expect(inThread.message).toMatch(/^OMS sent a malformed customer list: data\.0\.\w+/);
      expect({ field: inThread.field, status: inThread.status, omsCode: inThread.omsCode }).toEqual({ field: onMain.field, status: 200, omsCode: 'malformed_response' });
      expect(inThread.requestId).toMatch(/\S/);
      expect(inThread.requestId).not.toBe(onMain.requestId);
    }
    // The thread is still there for the next page: a walk goes on once OMS answers well again.
    expect((await threaded({ limit: 3 }, new AbortController().signal)).rows).toHaveLength(3);
  });

  it('a page far bigger than the thread may hold is read on main, whole, instead of stopping the walk', async () => {
    // 100 customers with ~100 kB of metadata each: 10 MB of JSON, past the thread's heap cap.
    const note = 'n'.repeat(100_000);
    const data = Array.from({ length: 100 }, (_, i) => ({ id: `cst_big_${i}`, firstName: `Big${i}`, metadata: { note: `${note}${i}` } }));
    const raw = { status: 200, requestId: 'req_big', text: JSON.stringify({ data, hasMore: true, cursor: 'next' }) };
    const page = await pages.read(raw);
    expect(page).toEqual(preparePage(raw));
    expect(page.rows.map((r) => r.id)).toEqual(data.map((c) => c.id));
    expect(page.cursor).toBe('next');
    // The thread still reads the next, ordinary page.
    expect((await threaded({ limit: 2 }, new AbortController().signal)).rows).toHaveLength(2);
  });

  it('a walk stopped by a bad page says so in the same words, and misses no customer once OMS answers well', async () => {
    await ctl.faults([{ method: 'GET', path: '^/customers$', action: 'malformed', times: 1, malformed: { remove: ['id'] } }]);
    const dir = directory({ listText: (q, signal) => api.searchText(q, signal) });
    dir.start();
    await expect.poll(() => dir.status().state, { timeout: 10_000 }).toBe('failed');
    expect(dir.status().message).toMatch(/^Stopped at 0 customers: OMS sent a malformed customer list: data\.0\.id: .+ It resumes by itself/);
    dir.start();
    await dir.whenComplete();
    expect(dir.store.size).toBe(450);
    dir.close();
  });

  it("the walk's rows are the sandbox's customers, each as the walk that parses on main stores it", async () => {
    const inThread = directory({ listText: (q, signal) => api.searchText(q, signal) });
    const onMain = directory({ list: (q, signal) => api.search(q, signal) });
    await Promise.all([inThread.whenComplete(), onMain.whenComplete()]);
    const all: OmsCustomer[] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await api.search({ limit: 100, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      if (!page.hasMore || !page.cursor) break;
      cursor = page.cursor;
    }
    expect(all).toHaveLength(450);
    expect(inThread.store.size).toBe(450);
    expect(all.some((c) => (c.endorsements ?? []).length > 0) && all.some((c) => (c.wallets ?? []).length > 0)).toBe(true);
    for (const c of all) expect(inThread.store.get(c.id), c.id).toEqual(toEntry(c));
    // The words and endorsements indexed are the same too: every query finds the same customers, in the same order.
    const starts = (c: OmsCustomer) => [c.lastName, c.email, c.phone?.slice(-4), c.externalId, c.wallets?.[0]?.id].map((v) => v?.replace(/[^a-z0-9]/gi, '').slice(0, 3).toLowerCase());
    const words = new Set(all.slice(0, 40).flatMap(starts).filter((w): w is string => !!w));
    for (const typed of [...words].map((w) => [w]).concat([[]])) {
      for (const endo of [undefined, { name: 'basic', status: 'active' }]) {
        const ids = (d: CustomerDirectory) => d.store.candidates(typed, 0, 500, endo).map((e) => e.id);
        expect(ids(inThread), `${typed.join(' ')} ${endo?.name ?? ''}`).toEqual(ids(onMain));
      }
    }
    expect(inThread.store.withEndorsements(['basic'], ['active', 'pending']).length).toBeGreaterThan(0);
    expect(inThread.store.withEndorsements(['basic'], ['active', 'pending']).map((e) => e.id)).toEqual(onMain.store.withEndorsements(['basic'], ['active', 'pending']).map((e) => e.id));
    inThread.close();
    onMain.close();
  });
});
