import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPIMAGE_DESKTOP_FILE, appImageDesktopEntry, execArg, registerAppImageLinks, xdgMimeDefault } from '../../../../src-main/desktop/appimage-links.ts';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});
function tempHome(): { HOME: string; PATH: string } {
  const home = mkdtempSync(join(tmpdir(), 'oms-home-'));
  homes.push(home);
  // Only HOME: xdg-utils derives ~/.local/share and ~/.config from it, as on a desktop.
  return { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' };
}
const entryPath = (home: string) => join(home, '.local/share/applications', APPIMAGE_DESKTOP_FILE);

describe('oms-console:// links from an AppImage', () => {
  it('does nothing unless this is Linux started from an AppImage', async () => {
    const env = tempHome();
    const calls: string[] = [];
    const deps = { scheme: 'oms-console', setDefault: async (f: string) => void calls.push(f), log: () => {} };
    expect(await registerAppImageLinks({ ...deps, platform: 'linux', env })).toBe('not-appimage');
    expect(await registerAppImageLinks({ ...deps, platform: 'darwin', env: { ...env, APPIMAGE: '/x.AppImage' } })).toBe('not-appimage');
    expect(existsSync(join(env.HOME, '.local'))).toBe(false);
    expect(calls).toEqual([]);
  });

  it('writes a link-handler entry for the AppImage path, makes it the default once, and again only when the AppImage moved', async () => {
    const env = { ...tempHome(), APPIMAGE: '/home/op/Apps/OMS Console-0.1.0-x86_64.AppImage' };
    const calls: string[][] = [];
    const lines: string[] = [];
    const deps = { platform: 'linux' as const, env, scheme: 'oms-console', setDefault: async (f: string, m: string) => void calls.push([f, m]), log: (l: string) => lines.push(l) };
    expect(await registerAppImageLinks(deps)).toBe('registered');
    const text = readFileSync(entryPath(env.HOME), 'utf8');
    expect(text).toContain('Exec="/home/op/Apps/OMS Console-0.1.0-x86_64.AppImage" %U\n');
    expect(text).toContain('MimeType=x-scheme-handler/oms-console;\n');
    expect(calls).toEqual([[APPIMAGE_DESKTOP_FILE, 'x-scheme-handler/oms-console']]);
    expect(await registerAppImageLinks(deps)).toBe('unchanged');
    expect(calls).toHaveLength(1);
    expect(await registerAppImageLinks({ ...deps, env: { ...env, APPIMAGE: '/opt/OMS Console-0.2.0-x86_64.AppImage' } })).toBe('registered');
    expect(readFileSync(entryPath(env.HOME), 'utf8')).toContain('Exec="/opt/OMS Console-0.2.0-x86_64.AppImage" %U');
    expect(calls).toHaveLength(2);
  });

  it('a failed xdg-mime is logged with the deb as the way out, and retried at the next start', async () => {
    const env = { ...tempHome(), APPIMAGE: '/a/OMS.AppImage' };
    const lines: string[] = [];
    let works = false;
    const deps = {
      platform: 'linux' as const,
      env,
      scheme: 'oms-console',
      setDefault: async () => {
        if (!works) throw new Error('xdg-mime failed: command not found');
      },
      log: (l: string) => lines.push(l),
    };
    expect(await registerAppImageLinks(deps)).toBe('failed');
    expect(lines.join('\n')).toMatch(/not registered for this AppImage: xdg-mime failed: command not found; the deb package registers them/);
    works = true;
    expect(await registerAppImageLinks(deps)).toBe('registered');
  });

  it('quotes the path as the Desktop Entry spec asks, and refuses a line break', () => {
    expect(execArg('/a b/$HOME/"x"/100%/`c`\\d')).toBe('"/a b/\\$HOME/\\"x\\"/100%%/\\`c\\`\\\\d"');
    expect(() => appImageDesktopEntry('/a\nExec=evil', 'oms-console')).toThrow(/line break/);
  });

  it.skipIf(!existsSync('/usr/bin/xdg-mime'))('with the real xdg-mime in a temporary HOME, the scheme now opens the AppImage entry', async () => {
    const env = { ...tempHome(), APPIMAGE: '/a/OMS Console.AppImage' };
    expect(await registerAppImageLinks({ platform: 'linux', env, scheme: 'oms-console', setDefault: xdgMimeDefault(env), log: () => {} })).toBe('registered');
    const answer = execFileSync('xdg-mime', ['query', 'default', 'x-scheme-handler/oms-console'], { env, encoding: 'utf8' }).trim();
    expect(answer).toBe(APPIMAGE_DESKTOP_FILE);
  });
});
