import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config.ts';

const require = createRequire(import.meta.url);
// electron-builder's Linux packager: its doAddElectronFuses is the step a real `npm run dist` runs.
const { LinuxPackager } = require('app-builder-lib') as { LinuxPackager: { prototype: object } };
interface FuseStep {
  doAddElectronFuses(ctx: { appOutDir: string; electronPlatformName: string }): Promise<unknown>;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A stand-in Electron binary: junk around the real fuse sentinel and a 9-fuse V1 wire in Electron's
 * default states (RunAsNode, NODE_OPTIONS, inspect, file:// privileges on; cookie encryption, asar checks off).
 */
function fakeElectronBinary(path: string): void {
  const wire = Buffer.concat([Buffer.from([1, 9]), Buffer.from('101100011', 'ascii')]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, Buffer.alloc(4096, 9)]));
}

describe('production fuses (electronFuses, flipped by electron-builder itself)', () => {
  it('are configured without any afterPack/afterSign hook', () => {
    expect(config.afterPack).toBeUndefined();
    expect(config.afterSign).toBeUndefined();
    expect(config.electronFuses).toMatchObject({ runAsNode: false, grantFileProtocolExtraPrivileges: false, onlyLoadAppFromAsar: true });
  });

  it("electron-builder's own fuse step flips them in the packaged Linux binary", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oms-fuses-'));
    dirs.push(dir);
    const bin = join(dir, 'oms-console');
    fakeElectronBinary(bin);
    const before = await getCurrentFuseWire(bin);
    expect(before[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.ENABLE);

    const packager = Object.create(LinuxPackager.prototype, { config: { value: config }, executableName: { value: config.executableName } }) as FuseStep;
    await packager.doAddElectronFuses({ appOutDir: dir, electronPlatformName: 'linux' });

    const after = await getCurrentFuseWire(bin);
    expect(after[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(after[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(after[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(after[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // A fuse not chosen keeps Electron's default.
    expect(after[FuseV1Options.WasmTrapHandlers]).toBe(before[FuseV1Options.WasmTrapHandlers]);
    expect(readFileSync(bin).length).toBe(4096 + 32 + 11 + 4096);
  });
});
