import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script, as the dist and test scripts are
import { chooseMode, ensureElectronRuntime } from '../../../scripts/start.mjs';

type Found = { path: string } | { path: null; reason: string };
/** An Electron package whose runtime appears once its installer succeeds. */
function fakeElectronPackage(installWorks: boolean) {
  let installed = false;
  const calls: string[] = [];
  return {
    calls,
    find: (): Found => (installed ? { path: '/e/dist/electron' } : { path: null, reason: 'not fetched yet' }),
    install: () => {
      calls.push('install');
      installed = installWorks;
      return installWorks ? { ok: true, detail: '' } : { ok: false, detail: 'getaddrinfo ENOTFOUND github.com' };
    },
  };
}

describe('npm run dev / ./oms start: the Electron runtime', () => {
  it('fetches the runtime once when it is missing, then opens the window with it', () => {
    const pkg = fakeElectronPackage(true);
    const lines: string[] = [];
    expect(ensureElectronRuntime({ ...pkg, env: {}, log: (l: string) => lines.push(l) })).toEqual({ path: '/e/dist/electron' });
    expect(pkg.calls).toEqual(['install']);
    expect(lines.join('\n')).toMatch(/Fetching the Electron runtime/);
    // Present now: no second fetch.
    expect(ensureElectronRuntime({ ...pkg, env: {}, log: () => {} })).toEqual({ path: '/e/dist/electron' });
    expect(pkg.calls).toEqual(['install']);
  });

  it('a failed fetch (no network) falls back to browser mode and says why', () => {
    const pkg = fakeElectronPackage(false);
    const r = ensureElectronRuntime({ ...pkg, env: {}, log: () => {} });
    expect(r).toEqual({ path: null, reason: 'not fetched yet; fetching it failed (getaddrinfo ENOTFOUND github.com)' });
    expect(chooseMode({ electronPath: r.path, reason: r.reason, wantsBrowser: false, hasDisplay: true, dev: true })).toEqual({
      kind: 'browser',
      why: 'there is no Electron runtime here (not fetched yet; fetching it failed (getaddrinfo ENOTFOUND github.com))',
    });
  });

  it("never fetches when told not to (electron's own switch) or when a local Electron is given", () => {
    const pkg = fakeElectronPackage(true);
    expect(ensureElectronRuntime({ ...pkg, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, log: () => {} }).path).toBeNull();
    expect(ensureElectronRuntime({ ...pkg, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }, log: () => {} }).path).toBeNull();
    expect(pkg.calls).toEqual([]);
  });

  it('dev runs the dev server only with a runtime and a display; --browser always wins', () => {
    expect(chooseMode({ electronPath: '/e', wantsBrowser: false, hasDisplay: true, dev: true })).toEqual({ kind: 'electron-dev' });
    expect(chooseMode({ electronPath: '/e', wantsBrowser: false, hasDisplay: true, dev: false })).toEqual({ kind: 'electron' });
    expect(chooseMode({ electronPath: '/e', wantsBrowser: true, hasDisplay: true, dev: true })).toMatchObject({ kind: 'browser', why: 'you asked for it' });
    expect(chooseMode({ electronPath: '/e', wantsBrowser: false, hasDisplay: false, dev: false })).toMatchObject({ kind: 'browser', why: 'there is no display' });
  });
});
