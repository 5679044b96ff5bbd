import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '#shared/events/event-names.ts';
import { eventContract } from '#shared/events/events.contract.ts';
import { channelTable, kindOf } from '#shared/ipc/channel-table.ts';
import { operations } from '#shared/ipc/registry.ts';

/**
 * The renderer builds window.oms, its pending list's read/change split and the production guard from
 * the channel table, not from the registry (whose schemas would bring zod into the first screen):
 * the two must say the same about every operation.
 */
describe('channel table: the registry without its schemas', () => {
  it('lists exactly the registry\'s channels, each with the kind its operation has', () => {
    const table = Object.entries(channelTable).flatMap(([domain, ops]) => Object.entries(ops).map(([name, kind]) => [`${domain}.${name}`, kind] as const));
    const registry = [...operations.values()].map((op) => [op.channel, !op.mutation ? 'read' : op.confirmOnProduction ? 'oms-change' : 'change'] as const);
    expect(new Map(table)).toEqual(new Map(registry));
    for (const [channel, kind] of registry) expect(kindOf(channel)).toBe(kind);
  });

  it('knows no other name, however it is spelled', () => {
    for (const channel of ['customers', 'customers.', '.search', 'customers.search.x', 'nope.search', 'customers.toString', 'customers.constructor', '__proto__.x', '']) {
      expect(kindOf(channel)).toBeUndefined();
    }
  });

  it('event names: the same as the event contract\'s schemas, in no other order', () => {
    expect([...EVENT_NAMES]).toEqual(Object.keys(eventContract));
  });
});
