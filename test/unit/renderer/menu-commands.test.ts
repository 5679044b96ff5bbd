import { describe, expect, it } from 'vitest';
import { buildOmsApi } from '#shared/ipc/build-api.ts';

/**
 * The desktop menu's commands, pushed by main as `event.app.command`, through the renderer's one
 * subscriber (bridge/subscriptions) to the route. The menu still names the inbox by its former
 * section name; it must keep opening the Inbox.
 */
const listeners = new Map<string, (payload: unknown) => void>();
const hashes: string[] = [];
(globalThis as { window?: unknown }).window = {
  oms: buildOmsApi(
    async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'not in this test' } }),
    (name, cb) => {
      listeners.set(name, cb as (p: unknown) => void);
      return () => listeners.delete(name);
    },
  ),
  addEventListener: () => {},
  history: { state: null, replaceState: () => {} },
  location: {
    get hash() {
      return hashes.at(-1) ?? '';
    },
    set hash(h: string) {
      hashes.push(h);
    },
  },
};
const { startSubscriptions } = await import('../../../src-renderer/src/bridge/subscriptions.ts');
const { useRoute } = await import('../../../src-renderer/src/stores/route.store.ts');
startSubscriptions();
const command = (name: string) => listeners.get('event.app.command')!({ command: name });

describe('menu commands', () => {
  it('"Inbox" in the menu (navigate.inbox) opens the Inbox; a former name still reaches it', () => {
    command('navigate.events');
    expect(useRoute.getState().route.section).toBe('inbox');
    command('navigate.logs');
    command('navigate.inbox');
    expect(useRoute.getState().route.section).toBe('inbox');
    expect(hashes.at(-1)).toBe('#/inbox');
  });

  it('the other screens open by their own names', () => {
    command('navigate.logs');
    expect(useRoute.getState().route.section).toBe('logs');
    command('navigate.wallets');
    expect(hashes.at(-1)).toBe('#/wallets');
  });
});
