import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../src-main/app/window-options.ts';
import { CSP as CSP_FOR_TEST } from '../../../src-main/lib/csp.ts';

describe('Electron window hardening (options only: the runtime cannot run here)', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const { webPreferences: w } = mainWindowOptions('/app/out/preload');
    expect(w).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(w.preload).toBe('/app/out/preload/index.cjs');
  });

  it('ships a strict CSP: no inline or remote script, no framing, no plugins', () => {
    expect(CSP_FOR_TEST).toContain("script-src 'self'");
    expect(CSP_FOR_TEST).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(CSP_FOR_TEST).toContain("object-src 'none'");
    expect(CSP_FOR_TEST).toContain("frame-ancestors 'none'");
  });

  it('has one copy: the page itself carries no policy of its own (a second one would only ever differ)', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../src-renderer/index.html'), 'utf8');
    expect(html).not.toMatch(/http-equiv=["']?Content-Security-Policy/i);
  });
});

describe('Electron window placement and production options', () => {
  it('opens at remembered bounds, or the default size centred', () => {
    expect(mainWindowOptions('/p', { bounds: { x: 5, y: 6, width: 1000, height: 700 } })).toMatchObject({ x: 5, y: 6, width: 1000, height: 700 });
    expect(mainWindowOptions('/p')).toMatchObject({ width: 1320, height: 860, center: true });
  });

  it('turns DevTools off when asked (packaged builds) and keeps every hardening setting', () => {
    const { webPreferences: w } = mainWindowOptions('/p', { devTools: false, bounds: { x: 0, y: 0, width: 900, height: 600 } });
    expect(w).toMatchObject({ devTools: false, contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});
