import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '#sandbox/index.ts';
import { CustomersApi } from '../../src-main/oms/customers.api.ts';
import { MaskedMatchGuard } from '../../src-main/services/customers/masked-match-guard.ts';
import { omsListPage } from '../../src-main/services/customers/oms-list-search.ts';
import { startTestSandbox, testClient } from './main-support/sandbox.ts';

/**
 * A typed value that looks like an integrator's id is asked of OMS twice: as an exact externalId
 * (it ranks first) and as text. Both calls go to the sandbox over HTTP; the log records when each
 * starts and ends, so the order says whether the second waited for the first.
 */
describe('one page of OMS list search', () => {
  let sb: SandboxHandle;
  let api: CustomersApi;
  const ids: string[] = [];
  beforeAll(async () => {
    sb = await startTestSandbox({ seed: 0 });
    api = new CustomersApi(testClient(sb).client);
    for (const externalId of ['crm-77001', 'crm-77002']) ids.push((await api.create({ type: 'individual', firstName: 'Ida', lastName: 'Idwell', externalId }, randomUUID())).id);
  }, 60_000);
  afterAll(async () => sb?.close());

  it('sends the exact externalId lookup and the text search together, and ranks the exact hit first', async () => {
    const log: string[] = [];
    const customers = Object.assign(Object.create(api) as CustomersApi, {
      search: async (...a: Parameters<CustomersApi['search']>) => {
        const kind = a[0].externalId ? 'exact' : 'text';
        log.push(`${kind} sent`);
        const page = await api.search(...a);
        log.push(`${kind} answered`);
        return page;
      },
    });
    const deps = { guard: new MaskedMatchGuard(), auditMaskedMatch: () => {} };
    const { page } = await omsListPage(deps, { customers, textSearch: true, q: 'crm-77002', fx: {}, limit: 20, cursor: undefined });
    expect(log.slice(0, 2).sort()).toEqual(['exact sent', 'text sent']);
    expect(page.items.map((r) => r.id)).toEqual([ids[1]]);
    expect(page.items[0]).toMatchObject({ matchedOn: 'externalId' });
    expect(page.source).toBe('exact');
  });
});
