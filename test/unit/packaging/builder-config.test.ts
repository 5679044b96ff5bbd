import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import config, { UPDATE_FEED_PLACEHOLDER, updateFeedUrl } from '../../../electron-builder.config.ts';

const root = resolve(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
// electron-builder's own validator over its own scheme.json: the check `electron-builder` runs first.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add() {} };

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
const pngSizeOf = (b: Buffer) => ({ png: b.subarray(0, 8).toString('hex') === '89504e470d0a1a0a', width: b.readUInt32BE(16) });

describe('electron-builder configuration', () => {
  it('validates against electron-builder 26 own schema, which does reject a wrong key', async () => {
    expect(require('app-builder-lib/package.json').version).toMatch(/^26\./);
    await expect(validateConfiguration(structuredClone(config), quietLogger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), linux: { ...config.linux, targett: ['deb'] } }, quietLogger)).rejects.toThrow(/configuration\.linux/);
  });

  it('names the app and builds AppImage + deb, dmg, nsis', () => {
    expect(config).toMatchObject({ appId: expect.stringMatching(/^[a-z]+(\.[a-z0-9-]+)+$/), productName: 'OMS Console' });
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.protocols).toEqual([{ name: 'OMS Console link', schemes: ['oms-console'] }]);
    // protocols already writes x-scheme-handler/oms-console into the .desktop entry.
    expect(config.linux?.mimeTypes).toBeUndefined();
  });

  it('every file it references exists', () => {
    const files = [config.mac?.icon, config.win?.icon, config.mac?.entitlements, config.mac?.entitlementsInherit].map(String);
    for (const f of files) expect(existsSync(join(root, f)), f).toBe(true);
    expect(statSync(join(root, String(config.linux?.icon))).isDirectory()).toBe(true);
    expect(readFileSync(join(root, String(config.mac?.entitlements)), 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('the generated icons have the sizes their names promise', () => {
    const dir = join(root, String(config.linux?.icon));
    const names = readdirSync(dir).filter((n) => n.endsWith('.png'));
    expect(names).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '256x256.png', '512x512.png']));
    for (const n of names) {
      const size = Number(n.split('x')[0]);
      expect(pngSize(join(dir, n)), n).toEqual({ width: size, height: size });
    }
    expect(pngSize(join(root, 'build/icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('icon.ico holds PNG images up to 256 px; icon.icns holds PNG images up to 1024 px', () => {
    const ico = readFileSync(join(root, String(config.win?.icon)));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const e = 6 + 16 * i;
      const img = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8));
      const declared = ico.readUInt8(e) || 256;
      expect(pngSizeOf(img)).toEqual({ png: true, width: declared });
      return declared;
    });
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));

    const icns = readFileSync(join(root, String(config.mac?.icon)));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types = new Map<string, number>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const img = icns.subarray(at + 8, at + icns.readUInt32BE(at + 4));
      expect(pngSizeOf(img).png).toBe(true);
      types.set(icns.subarray(at, at + 4).toString('ascii'), pngSizeOf(img).width);
    }
    expect(Object.fromEntries(types)).toMatchObject({ ic07: 128, ic08: 256, ic09: 512, ic10: 1024 });
  });

  it('the deb depends on libsecret-1-0 (keytar reaches the Secret Service through it)', () => {
    expect(config.deb?.depends).toContain('libsecret-1-0');
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4']));
  });

  it("keytar's native module and the sandbox's first-start store are unpacked from the asar, and only they", () => {
    const patterns = ([] as string[]).concat(config.asarUnpack ?? []);
    const unpacked = (p: string) => patterns.some((g) => minimatch(p, g, { dot: true }));
    const native = readdirSync(join(root, 'node_modules/keytar/build/Release')).filter((n) => n.endsWith('.node'));
    expect(native.length).toBeGreaterThan(0);
    for (const n of native) expect(unpacked(`/app/node_modules/keytar/build/Release/${n}`), n).toBe(true);
    expect(unpacked('/app/node_modules/keytar/lib/keytar.js')).toBe(false);
    expect(unpacked('/app/out/main/index.js')).toBe(false);
    // The sandbox's thread copies this file with plain fs, from where seed-template.ts looks for it.
    expect(unpacked('/app/out/main/sandbox-seed-2000.db')).toBe(true);
    expect(unpacked('/app/out/main/sandbox.worker.js')).toBe(false);
  });

  it('packs the host-built keytar instead of rebuilding it in place (N-API: no Electron headers needed)', () => {
    expect(config.npmRebuild).toBe(false);
    const gyp = readFileSync(join(root, 'node_modules/keytar/package.json'), 'utf8');
    expect(JSON.parse(gyp).binary?.napi_versions ?? JSON.parse(gyp).dependencies?.['node-addon-api']).toBeTruthy();
  });

  it("hardened runtime, notarised by electron-builder's own step (no hand-written hook)", () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.afterSign).toBeUndefined();
    expect(existsSync(join(root, 'build/notarize.mjs'))).toBe(false);
  });

  it('publishes to one generic HTTPS feed, from OMS_CONSOLE_UPDATE_URL or a placeholder that cannot resolve', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: updateFeedUrl(process.env) }]);
    expect(updateFeedUrl({})).toBe(UPDATE_FEED_PLACEHOLDER);
    expect(new URL(UPDATE_FEED_PLACEHOLDER).hostname).toMatch(/\.invalid$/);
    expect(updateFeedUrl({ OMS_CONSOLE_UPDATE_URL: ' https://dl.example.com/oms/ ' })).toBe('https://dl.example.com/oms');
    expect(() => updateFeedUrl({ OMS_CONSOLE_UPDATE_URL: 'http://dl.example.com/oms' })).toThrow(/must be an https:\/\/ URL/);
  });
});
