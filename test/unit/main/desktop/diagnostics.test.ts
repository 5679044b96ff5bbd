import { describe, expect, it } from 'vitest';
import { buildDiagnostics } from '../../../../src-main/desktop/diagnostics.ts';

const CANARY_SECRET = 'sk_live_DIAG_CANARY_7f3a9c';
const CANARY_EMAIL = 'canary.person@example.com';
const CANARY_RELAY = 'https://relay.example.net/channel/ch_CANARYchannel42';

describe('Copy diagnostics', () => {
  it('gives versions, platform, profile kind and listener state', () => {
    const text = buildDiagnostics({
      appVersion: '0.1.0',
      packaged: true,
      versions: { electron: '45.4.1', chrome: '142.0.1', node: '24.21.0', v8: '14.2' },
      platform: 'linux',
      arch: 'x64',
      osRelease: '6.8.0-45-generic',
      locale: 'en-GB',
      info: { transport: 'electron', profile: { kind: 'oms-sandbox' }, secretStorage: 'keychain', startedAt: '2026-12-03T07:00:00.000Z' },
      listener: { state: 'relay-connected', port: 4590, relayUrl: CANARY_RELAY, verification: 'enforce', lastEventAt: '2026-12-03T07:59:00.000Z', lastVerdict: 'verified' },
      now: new Date('2026-12-03T08:00:00.000Z'),
    });
    for (const expected of ['app: 0.1.0 (packaged)', 'electron: 45.4.1', 'node: 24.21.0', 'os: linux 6.8.0-45-generic x64', 'profile kind: oms-sandbox', 'secret storage: keychain', 'listener: relay-connected  port: 4590  relay: configured', 'last verdict: verified']) {
      expect(text).toContain(expected);
    }
  });

  it('never carries a secret, an email, a profile name, a base URL or a relay channel, whatever it is given', () => {
    const hostile = {
      transport: 'electron',
      profile: { kind: `production ${CANARY_SECRET}`, id: 'p1', name: CANARY_EMAIL, baseUrl: `https://user:${CANARY_SECRET}@api.example.com` },
      secretStorage: CANARY_EMAIL,
      startedAt: `x ${CANARY_SECRET}`,
    };
    const text = buildDiagnostics({
      appVersion: `1.0 ${CANARY_EMAIL}`,
      packaged: false,
      versions: { electron: CANARY_SECRET },
      platform: 'linux',
      arch: 'x64',
      osRelease: CANARY_EMAIL,
      info: hostile,
      listener: { state: CANARY_SECRET, port: 1, relayUrl: CANARY_RELAY, verification: 'enforce', lastEventAt: null, lastVerdict: null, url: `http://127.0.0.1/${CANARY_SECRET}`, secretFingerprints: [CANARY_SECRET] } as never,
    });
    for (const canary of [CANARY_SECRET, 'DIAG_CANARY', CANARY_EMAIL, 'canary.person', 'ch_CANARYchannel42', 'relay.example.net', 'api.example.com']) expect(text).not.toContain(canary);
  });

  it('copes with nothing known yet', () => {
    const text = buildDiagnostics({ appVersion: '0.1.0', packaged: false, versions: {}, platform: 'darwin', arch: 'arm64', osRelease: '24.0.0', info: null, listener: null });
    expect(text).toContain('profile kind: —');
    expect(text).toContain('listener: —');
  });
});
