import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '#sandbox/index.ts';
import { CustomersApi } from '../../src-main/oms/customers.api.ts';
import { MaskedMatchGuard } from '../../src-main/services/customers/masked-match-guard.ts';
import { omsListPage } from '../../src-main/services/customers/oms-list-search.ts';
import { startTestSandbox, testClient } from './main-support/sandbox.ts';

/**
 * A typed value that looks like an integrator's id ranks its exact owner first. The sandbox's text
 * search (over HTTP) usually returns that customer already; the documented exact filter is asked
 * only when the page it returned does not hold them. Every call is logged.
 */
describe('one page of OMS list search, for a typed id', () => {
  let sb: SandboxHandle;
  let api: CustomersApi;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    sb = await startTestSandbox({ seed: 0 });
    api = new CustomersApi(testClient(sb).client);
    // Oldest first: crm-77002's owner is older than the three whose ids only start with its words.
    for (const externalId of ['crm-77001', 'crm-77002', 'crm-77002-a', 'crm-77002-b', 'crm-77002-c']) {
      ids[externalId] = (await api.create({ type: 'individual', firstName: 'Ida', lastName: 'Idwell', externalId }, randomUUID())).id;
    }
  }, 60_000);
  afterAll(async () => sb?.close());

  const run = async (q: string, limit: number) => {
    const calls: string[] = [];
    const customers = Object.assign(Object.create(api) as CustomersApi, {
      search: (...a: Parameters<CustomersApi['search']>) => {
        calls.push(a[0].externalId ? 'exact' : 'text');
        return api.search(...a);
      },
    });
    const deps = { guard: new MaskedMatchGuard(), auditMaskedMatch: () => {} };
    const { page } = await omsListPage(deps, { customers, textSearch: true, q, fx: {}, limit, cursor: undefined });
    return { calls, page };
  };

  it('takes the exact owner from the text search page when it is there: one OMS call', async () => {
    const { calls, page } = await run('crm-77002', 20);
    expect(calls).toEqual(['text']);
    expect(page.items[0]).toMatchObject({ id: ids['crm-77002'], matchedOn: 'externalId' });
    expect(page.items.map((r) => r.id).filter((id) => id === ids['crm-77002'])).toHaveLength(1);
    expect(page.source).toBe('exact');
  });

  it('asks the documented exact filter when the page does not hold the owner, and still ranks them first', async () => {
    const { calls, page } = await run('crm-77002', 2);
    expect(calls).toEqual(['text', 'exact']);
    expect(page.items.map((r) => r.id)).toEqual([ids['crm-77002'], ids['crm-77002-c'], ids['crm-77002-b']]);
  });
});
