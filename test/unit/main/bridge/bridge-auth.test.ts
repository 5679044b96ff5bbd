import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createBridgeAuth, sessionCookieName } from '../../../../src-main/ipc/bridge-auth.ts';

const PORT = 4321;
const TOKEN = 'launch-token-abc';
const auth = createBridgeAuth(TOKEN, () => PORT);
const req = (headers: Record<string, string>) => ({ headers: { host: `127.0.0.1:${PORT}`, ...headers } }) as unknown as IncomingMessage;
const url = (query = '') => new URL(`http://127.0.0.1/${query}`);

describe('bridge auth', () => {
  it('admits the right token by URL, bearer header or the cookie named for its port', () => {
    expect(auth.refuse(req({}), url(`?token=${TOKEN}`))).toBeNull();
    expect(auth.refuse(req({ authorization: `Bearer ${TOKEN}` }), url())).toBeNull();
    expect(auth.refuse(req({ cookie: `a=1; ${sessionCookieName(PORT)}=${TOKEN}` }), url())).toBeNull();
    expect(auth.refuse(req({ host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` }), url(`?token=${TOKEN}`))).toBeNull();
  });

  it('refuses a foreign Host or Origin even with the right token', () => {
    expect(auth.refuse(req({ host: `evil.test:${PORT}` }), url(`?token=${TOKEN}`))).toEqual([403, 'Foreign Host header refused.']);
    expect(auth.refuse(req({ host: `127.0.0.1:${PORT + 1}` }), url(`?token=${TOKEN}`))).toEqual([403, 'Foreign Host header refused.']);
    expect(auth.refuse(req({ origin: 'http://evil.test' }), url(`?token=${TOKEN}`))).toEqual([403, 'Foreign Origin refused.']);
    expect(auth.refuse(req({ origin: `http://127.0.0.1:${PORT}.evil.test` }), url(`?token=${TOKEN}`))).toEqual([403, 'Foreign Origin refused.']);
  });

  it('tells a missing token (401) from a wrong one (403); a stale cookie does not shadow a good URL token', () => {
    expect(auth.refuse(req({}), url())).toEqual([401, expect.stringMatching(/needs its launch token/)]);
    expect(auth.refuse(req({ authorization: 'Bearer nope' }), url())).toEqual([403, expect.stringMatching(/Wrong launch token/)]);
    expect(auth.refuse(req({ cookie: `${sessionCookieName(PORT)}=${TOKEN}x` }), url())).toEqual([403, expect.stringMatching(/Wrong launch token/)]);
    // A cookie for another port's console is not this console's credential.
    expect(auth.refuse(req({ cookie: `${sessionCookieName(PORT + 1)}=${TOKEN}` }), url())?.[0]).toBe(401);
    expect(auth.refuse(req({ cookie: `${sessionCookieName(PORT)}=old` }), url(`?token=${TOKEN}`))).toBeNull();
  });

  it('issues an HttpOnly SameSite=Strict cookie named for the port', () => {
    expect(auth.sessionCookie()).toBe(`oms_session_${PORT}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
  });
});
