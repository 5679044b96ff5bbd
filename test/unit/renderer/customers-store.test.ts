import { afterEach, describe, expect, it } from 'vitest';
import { holdCalls, settle } from './support/held-transport.ts';

/** The Customers list's search state: each answer's rows land in one map the list rows read from. */
const held = holdCalls();
Object.assign(globalThis.window, { localStorage: { getItem: () => null } });
const { useCustomers } = await import('../../../src-renderer/src/features/customers/customers.store.ts');

const row = (id: string, over: Record<string, unknown> = {}) => ({
  id, firstName: 'Ada', middleName: null, lastName: id, status: 'active', emailMasked: 'a***@example.org',
  endorsements: [{ name: 'basic', status: 'active' }], wallets: [{ id: `wlt_${id}` }], matchedOn: null, ...over,
});
const page = (items: ReturnType<typeof row>[]) => ({ items, hasMore: false, cursor: null, source: 'directory', directory: null, dropped: 0, withheld: 0 });

/** Types `text`, answers its search with `items`, and waits until the store has taken them. */
async function answered(text: string, items: ReturnType<typeof row>[]) {
  const done = useCustomers.getState().runSearch(text);
  held[held.length - 1]!.ok(page(items));
  await done;
  await settle();
}

afterEach(() => {
  for (const c of held) c.answer({ ok: false, error: { code: 'UNAVAILABLE', message: 'test over' } });
  held.length = 0;
  useCustomers.getState().reset();
});

describe('customers store: search rows', () => {
  it('a customer in both answers keeps its row object unless something on it changed', async () => {
    await answered('ad', [row('a'), row('b'), row('c')]);
    const first = useCustomers.getState().rows;
    await answered('ada', [row('a'), row('b', { endorsements: [{ name: 'basic', status: 'pending' }] }), row('d')]);
    const next = useCustomers.getState().rows;
    expect(next.a).toBe(first.a);
    expect(next.b).not.toBe(first.b);
    expect(next.b!.endorsements).toEqual([{ name: 'basic', status: 'pending' }]);
    expect(next.d).toMatchObject({ id: 'd' });
    expect(useCustomers.getState().search.ids).toEqual(['a', 'b', 'd']);
  });

  it('an answer whose rows are all held unchanged leaves the row map as it was', async () => {
    await answered('ad', [row('a'), row('b')]);
    const first = useCustomers.getState().rows;
    await answered('ada', [row('b'), row('a')]);
    expect(useCustomers.getState().rows).toBe(first);
    expect(useCustomers.getState().search.ids).toEqual(['b', 'a']);
  });

  it('a row listed for a different reason (matched on email now) is replaced', async () => {
    await answered('ad', [row('a')]);
    const first = useCustomers.getState().rows.a;
    await answered('ada@', [row('a', { matchedOn: 'email' })]);
    expect(useCustomers.getState().rows.a).not.toBe(first);
    expect(useCustomers.getState().rows.a!.matchedOn).toBe('email');
  });
});
