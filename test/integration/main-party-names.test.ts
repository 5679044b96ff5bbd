import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactionView } from '#shared/domain/transaction.ts';
import { currentLane } from '../../src-main/oms/request-priority.ts';
import { eventually, startTestConsole, unwrap, type TestConsole } from './main-support/console.ts';

/**
 * Transaction lists name their parties without one OMS call per row: through the console's boundary
 * to the sandbox over real HTTP, each distinct customer is read once, a few at a time, in the
 * background lane, and a later page reads only the customers it has not met.
 */
describe('transaction parties by name', () => {
  let t: TestConsole;
  const reads: string[] = [];
  const lanes = new Set<string>();
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    const counting: typeof fetch = async (input, init) => {
      const path = new URL(String(input instanceof Request ? input.url : input)).pathname;
      const one = /\/customers\/(cst_[A-Za-z0-9]+)$/.exec(path);
      if (!one || (init?.method ?? 'GET') !== 'GET') return fetch(input, init);
      reads.push(one[1]!);
      lanes.add(currentLane());
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    t = await startTestConsole({ sandbox: { seed: 120, reviewDelayMs: 0, rateLimitPerSec: 10_000 }, omsClient: { fetch: counting } });
  });
  afterAll(async () => t?.close());

  const partiesOf = (items: TransactionView[]) => items.flatMap((x) => [x.sender?.customerId, x.recipient?.customerId]).filter((id): id is string => !!id);

  it('names each distinct customer of a page once, masks the email, and reads only new customers for the next page', async () => {
    const first = unwrap(await t.oms.transactions.list({ limit: 12 }));
    const ids1 = partiesOf(first.items);
    const distinct1 = [...new Set(ids1)];
    expect(distinct1.length).toBeGreaterThan(4);
    expect(first.cursor).not.toBeNull();

    reads.length = 0;
    const named = unwrap(await t.oms.transactions.partyNames({ customerIds: ids1 })).items;
    expect(named.map((n) => n.customerId)).toEqual(distinct1);
    expect([...reads].sort()).toEqual([...distinct1].sort());
    expect(lanes).toEqual(new Set(['background']));
    expect(mostInFlight).toBeLessThanOrEqual(4);

    // What the list shows is what the customer view shows: the name in full, the email masked.
    for (const n of named.slice(0, 5)) {
      const c = unwrap(await t.oms.customers.get({ customerId: n.customerId }));
      const name = [c.firstName, c.middleName, c.lastName].filter(Boolean).join(' ') || null;
      expect(n).toEqual({ customerId: c.id, name, emailMasked: c.emailMasked, resolved: true });
    }
    expect(named.some((n) => n.name)).toBe(true);
    expect(JSON.stringify(named)).not.toMatch(/[^*•\s"]@/);

    reads.length = 0;
    expect(unwrap(await t.oms.transactions.partyNames({ customerIds: ids1 })).items).toEqual(named);
    expect(reads).toEqual([]);

    const second = unwrap(await t.oms.transactions.list({ limit: 12, cursor: first.cursor! }));
    const distinct2 = [...new Set(partiesOf(second.items))];
    const unmet = distinct2.filter((id) => !distinct1.includes(id));
    expect(unmet.length).toBeGreaterThan(0);
    reads.length = 0;
    const named2 = unwrap(await t.oms.transactions.partyNames({ customerIds: partiesOf(second.items) })).items;
    expect(named2.map((n) => n.customerId)).toEqual(distinct2);
    expect([...reads].sort()).toEqual([...unmet].sort());
  });

  it("the renderer's store asks main once per id, keeps the names, and asks again only for an id it has not met", async () => {
    (globalThis as { window?: unknown }).window = { oms: t.oms };
    const { useTransactions } = await import('../../src-renderer/src/features/transactions/transactions.store.ts');
    const ids = [...new Set(partiesOf(unwrap(await t.oms.transactions.list({ limit: 12 })).items))];
    const asked = () => t.outputs.filter((o) => o.channel === 'transactions.partyNames').length;
    const before = asked();
    await Promise.all([useTransactions.getState().nameParties(ids), useTransactions.getState().nameParties(ids)]);
    expect(asked()).toBe(before + 1);
    for (const id of ids) expect(useTransactions.getState().parties[id]).toMatchObject({ customerId: id, resolved: true });
    await useTransactions.getState().nameParties(ids);
    expect(asked()).toBe(before + 1);
    useTransactions.getState().reset();
    expect(useTransactions.getState().parties).toEqual({});
  });

  it('a customer OMS does not know stays unnamed, is read once, and is not asked again', async () => {
    reads.length = 0;
    const ghost = 'cst_00000000000000000000000000';
    const once = unwrap(await t.oms.transactions.partyNames({ customerIds: [ghost] })).items;
    expect(once).toEqual([{ customerId: ghost, name: null, emailMasked: null, resolved: true }]);
    unwrap(await t.oms.transactions.partyNames({ customerIds: [ghost] }));
    expect(reads).toEqual([ghost]);
  });
});

describe('transaction parties by name on an OMS without text search', () => {
  let t: TestConsole;
  const reads: string[] = [];

  beforeAll(async () => {
    const counting: typeof fetch = async (input, init) => {
      const one = /\/customers\/(cst_[A-Za-z0-9]+)$/.exec(new URL(String(input instanceof Request ? input.url : input)).pathname);
      if (one && (init?.method ?? 'GET') === 'GET') reads.push(one[1]!);
      return fetch(input, init);
    };
    t = await startTestConsole({ sandbox: { seed: 60, reviewDelayMs: 0, rateLimitPerSec: 10_000, documentedOnly: true }, omsClient: { fetch: counting } });
  });
  afterAll(async () => t?.close());

  it('names the customers the directory already holds without reading any of them from OMS', async () => {
    unwrap(await t.oms.customers.search({ q: 'a' }));
    await eventually(async () => unwrap(await t.oms.customers.directory({})).state === 'ready', 'directory ready', 400);
    const ids = [...new Set(unwrap(await t.oms.transactions.list({ limit: 12 })).items.flatMap((x) => [x.sender?.customerId, x.recipient?.customerId]).filter((id): id is string => !!id))];
    expect(ids.length).toBeGreaterThan(2);
    reads.length = 0;
    const named = unwrap(await t.oms.transactions.partyNames({ customerIds: ids })).items;
    expect(named.every((n) => n.resolved && n.name)).toBe(true);
    expect(reads).toEqual([]);
  });
});
