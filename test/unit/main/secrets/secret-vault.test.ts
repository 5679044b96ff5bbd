import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../../src-main/secrets/memory-secret-store.ts';
import { SecretVault } from '../../../../src-main/secrets/secret-vault.ts';
import { fingerprint } from '../../../../src-main/secrets/credentials.ts';

describe('secret vault', () => {
  it('keeps one home per secret: session-only values move to the durable store on a later durable set', async () => {
    const durable = new MemorySecretStore('memory');
    const v = new SecretVault(durable);
    await v.probe();
    await v.setIn('session', 'p/apiKey', 'sk_one');
    expect(await v.storageOf('p/apiKey')).toBe('session');
    expect(await durable.get('p/apiKey')).toBeNull();
    await v.setIn('keychain', 'p/apiKey', 'sk_two');
    expect(await v.get('p/apiKey')).toBe('sk_two');
    expect(await v.storageOf('p/apiKey')).toBe('memory'); // the durable store's own kind
    expect(await v.list('p/')).toEqual(['p/apiKey']);
    expect(await v.delete('p/apiKey')).toBe(true);
    expect(await v.get('p/apiKey')).toBeNull();
  });

  it('remembers the values it saw, for scrubbing log lines', async () => {
    const v = new SecretVault(new MemorySecretStore('memory'));
    await v.probe();
    await v.set('a', 'value-one');
    expect(v.known.has('value-one')).toBe(true);
  });

  it('fingerprints are sha256:<8 hex> and differ between keys', () => {
    expect(fingerprint('sk_sdbx_a')).toMatch(/^sha256:[0-9a-f]{8}$/);
    expect(fingerprint('sk_sdbx_a')).not.toBe(fingerprint('sk_sdbx_b'));
  });
});
