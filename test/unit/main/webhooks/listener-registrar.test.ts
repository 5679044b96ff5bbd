import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src-main/lib/event-bus.ts';
import { fingerprint } from '../../../../src-main/secrets/credentials.ts';
import { ListenerHealth } from '../../../../src-main/webhooks/listener-health.ts';
import { ListenerRegistrar } from '../../../../src-main/webhooks/listener-registrar.ts';
import { SECRET } from './harness.ts';

function setup(register: ((url: string) => Promise<void>) | null) {
  const health = new ListenerHealth(new EventBus());
  let invalidated = 0;
  const registrar = new ListenerRegistrar({ register, url: () => 'http://127.0.0.1:4590/webhooks/oms', secrets: async () => [SECRET], health, onRegistered: () => void (invalidated += 1) });
  return { health, registrar, invalidated: () => invalidated };
}

describe('listener registrar (local self-registration)', () => {
  it('overlapping runs register once; success clears the debt, drops cached secrets and shows the fingerprints', async () => {
    const urls: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const s = setup(async (url) => {
      urls.push(url);
      await gate;
    });
    expect(s.registrar.owed).toBe(true);
    const both = Promise.all([s.registrar.run(), s.registrar.run()]);
    release();
    await both;
    expect(urls).toEqual(['http://127.0.0.1:4590/webhooks/oms']);
    expect(s.registrar.owed).toBe(false);
    expect(s.invalidated()).toBe(1);
    expect(s.health.get().secretFingerprints).toEqual([fingerprint(SECRET)]);
    await s.registrar.run();
    expect(urls).toHaveLength(1);
    s.registrar.forget();
    expect(s.registrar.owed).toBe(true);
  });

  it('a failure says why in the status and stays owed; the next success clears the message', async () => {
    let fail = true;
    const s = setup(async () => {
      if (fail) throw new Error('sandbox still starting');
    });
    await s.registrar.run();
    expect(s.health.get().detail).toBe('Could not register http://127.0.0.1:4590/webhooks/oms with the sandbox: sandbox still starting');
    expect(s.registrar.owed).toBe(true);
    fail = false;
    await s.registrar.run();
    expect(s.health.get().detail).toBeNull();
    expect(s.registrar.owed).toBe(false);
  });

  it('a remote profile owes nothing and only refreshes the fingerprints', async () => {
    const s = setup(null);
    expect(s.registrar.owed).toBe(false);
    await s.registrar.run();
    expect(s.health.get().secretFingerprints).toEqual([fingerprint(SECRET)]);
  });
});
