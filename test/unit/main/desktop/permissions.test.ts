import { describe, expect, it } from 'vitest';
import { applyPermissionPolicy, decidePermission, type PermissionSession } from '../../../../src-main/desktop/permissions.ts';

/** `session.defaultSession`: keeps the handlers so the test can ask them as Chromium would. */
class FakeSession implements PermissionSession {
  request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
  check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
  setPermissionRequestHandler(h: NonNullable<FakeSession['request']>): void {
    this.request = h;
  }
  setPermissionCheckHandler(h: NonNullable<FakeSession['check']>): void {
    this.check = h;
  }
  ask(permission: string, requestingUrl: string): boolean {
    let granted: boolean | null = null;
    this.request!({ getURL: () => requestingUrl }, permission, (g) => (granted = g), { requestingUrl });
    return granted!;
  }
}

describe('permissions (copy buttons must work in the Electron window)', () => {
  it('grants clipboard-sanitized-write to the app origin through the installed handlers', () => {
    const s = new FakeSession();
    applyPermissionPolicy(s, 'app://console');
    expect(s.ask('clipboard-sanitized-write', 'app://console/index.html#/customers/cst_1')).toBe(true);
    expect(s.check!(null, 'clipboard-sanitized-write', 'app://console')).toBe(true);
  });

  it('denies it to any other origin, and denies every other permission', () => {
    const s = new FakeSession();
    applyPermissionPolicy(s, 'app://console');
    expect(s.ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(s.ask('clipboard-sanitized-write', 'app://console.evil/')).toBe(false);
    for (const p of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'unknown']) expect(s.ask(p, 'app://console/index.html'), p).toBe(false);
    expect(s.check!(null, 'clipboard-read', 'app://console')).toBe(false);
  });

  it('works for the dev server origin and refuses garbage', () => {
    expect(decidePermission('clipboard-sanitized-write', 'http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', 'not a url', 'app://console')).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', undefined, 'app://console')).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', 'file:///etc/passwd', 'file:///')).toBe(false);
  });
});
