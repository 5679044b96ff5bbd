import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import afterPack from '../../../build/after-pack.mjs';
import { packagedBinaryPath, productionFuses } from '../../../build/fuses.mjs';
import notarizeHook, { notarizeCredentials } from '../../../build/notarize.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A stand-in Electron binary: junk around the real fuse sentinel and a 9-fuse V1 wire in Electron's
 * default states (RunAsNode, NODE_OPTIONS, inspect on; cookie encryption, asar checks off).
 */
function fakeElectronBinary(path: string): void {
  const wire = Buffer.concat([Buffer.from([1, 9]), Buffer.from('101100011', 'ascii')]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, Buffer.alloc(4096, 9)]));
}

describe('fuses afterPack hook', () => {
  it('chooses the production fuses', () => {
    const f = productionFuses(FuseV1Options, FuseVersion.V1, { platform: 'linux', arch: 'x64' });
    expect(f).toMatchObject({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    expect(productionFuses(FuseV1Options, FuseVersion.V1, { platform: 'darwin', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
  });

  it('finds the packaged binary per platform', () => {
    const packager = { executableName: 'oms-console', appInfo: { productFilename: 'OMS Console' } };
    expect(packagedBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe('/o/oms-console');
    expect(packagedBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe('/o/OMS Console.exe');
    expect(packagedBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe('/o/OMS Console.app');
    expect(() => packagedBinaryPath({ appOutDir: '/o', electronPlatformName: 'beos', packager })).toThrow(/unknown platform/);
  });

  it('flips them in a binary, as electron-builder would call it on Linux', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oms-fuses-'));
    dirs.push(dir);
    const bin = join(dir, 'oms-console');
    fakeElectronBinary(bin);
    const before = await getCurrentFuseWire(bin);
    expect(before[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);

    await afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'oms-console', appInfo: { productFilename: 'OMS Console' } } });
    const after = await getCurrentFuseWire(bin);
    expect(after[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(after[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(after[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // Fuses not chosen keep Electron's default.
    expect(after[FuseV1Options.WasmTrapHandlers]).toBe(before[FuseV1Options.WasmTrapHandlers]);
    expect(readFileSync(bin).length).toBe(4096 + 32 + 11 + 4096);
  });
});

describe('notarisation hook', () => {
  it('uses an API key or an Apple ID from the environment, and nothing else', () => {
    expect(notarizeCredentials({})).toMatchObject({ ok: false, reason: expect.stringMatching(/APPLE_API_KEY/) });
    expect(notarizeCredentials({ APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p' })).toMatchObject({ ok: false });
    expect(notarizeCredentials({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' })).toMatchObject({ ok: true, kind: 'api-key' });
    expect(notarizeCredentials({ APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' })).toMatchObject({ ok: true, kind: 'apple-id', options: { teamId: 'T' } });
  });

  it('does nothing without credentials or off macOS, and never prints a credential', async () => {
    const printed: string[] = [];
    const orig = console.log;
    console.log = (...a: unknown[]) => void printed.push(a.join(' '));
    try {
      const ctx = { electronPlatformName: 'darwin', appOutDir: '/nowhere', packager: { appInfo: { productFilename: 'OMS Console' } } };
      await expect(notarizeHook(ctx, { APPLE_ID: 'canary@example.com' })).resolves.toBeUndefined();
      await expect(notarizeHook({ ...ctx, electronPlatformName: 'linux' }, { APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'canary-pw', APPLE_TEAM_ID: 'T' })).resolves.toBeUndefined();
    } finally {
      console.log = orig;
    }
    expect(printed.join('\n')).toMatch(/notarisation skipped/);
    expect(printed.join('\n')).not.toMatch(/canary/);
  });
});
