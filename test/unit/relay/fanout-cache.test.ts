// Fan-out at team scale: followers of one channel at the same cursor share one store read and one
// encoding per delivery, and a new append never hands a follower a read that started before it.
import { describe, expect, it } from 'vitest';
import { deliveryFrame, SharedReads } from '../../../src-relay/fanout-cache.ts';
import type { RelayStore } from '../../../src-relay/relay-types.ts';
import { openTestStore, tempDir } from './support/relay-harness.ts';

/** The real store, counting reads; each read runs at once but answers only after `gate` (a slow network). */
function counting(store: RelayStore, gate: Promise<void> = Promise.resolve()): { store: RelayStore; reads: () => number } {
  let reads = 0;
  const counted = Object.create(store) as RelayStore;
  counted.readAfter = async (channel, cursor, limit) => {
    reads += 1;
    const page = store.readAfter(channel, cursor, limit);
    await gate;
    return page;
  };
  return { store: counted, reads: () => reads };
}

describe('shared reads for followers of one channel', () => {
  it('fifty reads at one cursor cost one store read and give the same encoded frames', async () => {
    const tmp = tempDir('relay-fanout-');
    const real = await openTestStore('sqlite', { dir: tmp.dir });
    try {
      await real.ensureChannel('team');
      for (let i = 0; i < 3; i += 1) await real.append('team', { receivedAt: 0, headers: { 'webhook-id': `msg_${i}` }, body: Buffer.from(`{"n":${i}}`) });
      const { store, reads } = counting(real);
      const shared = new SharedReads(store);
      const pages = await Promise.all(Array.from({ length: 50 }, () => shared.readAfter('team', null, 200)));
      expect(reads()).toBe(1);
      expect(pages.every((p) => p === pages[0])).toBe(true);
      expect(pages[0]!.map((d) => d.headers['webhook-id'])).toEqual(['msg_0', 'msg_1', 'msg_2']);
      expect(deliveryFrame(pages[0]![0]!)).toBe(deliveryFrame(pages[49]![0]!));
      // Other cursors are other reads.
      await shared.readAfter('team', pages[0]![0]!.cursor, 200);
      expect(reads()).toBe(2);
    } finally {
      await real.close();
      tmp.remove();
    }
  });

  it('after an append is announced, a follower at the same cursor reads again instead of joining the older read', async () => {
    const tmp = tempDir('relay-fanout-');
    const real = await openTestStore('sqlite', { dir: tmp.dir });
    try {
      await real.ensureChannel('team');
      let open = () => {};
      const { store, reads } = counting(real, new Promise<void>((r) => (open = r)));
      const shared = new SharedReads(store);
      const before = shared.readAfter('team', null, 200); // under way, not yet answered
      await real.append('team', { receivedAt: 0, headers: { 'webhook-id': 'msg_new' }, body: Buffer.from('{}') });
      shared.appended('team');
      const after = shared.readAfter('team', null, 200);
      open();
      expect(reads()).toBe(2);
      expect(await before).toEqual([]);
      expect((await after).map((d) => d.headers['webhook-id'])).toEqual(['msg_new']);
    } finally {
      await real.close();
      tmp.remove();
    }
  });
});
