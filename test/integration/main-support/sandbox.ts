import { startSandbox, type SandboxHandle, type SandboxOptions } from '#sandbox/index.ts';
import type { AttemptRecord, OmsClientOptions } from '../../../src-main/oms/oms-client.ts';
import { OmsClient } from '../../../src-main/oms/oms-client.ts';

export const KEY = 'sk_sdbx_main_tests_0123456789';
export const SECRET = 'main-tests-secret-0123456789abcdef';

/** A real sandbox over real HTTP on a free loopback port, in-memory store. */
export async function startTestSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ port: 0, apiKey: KEY, apiSecret: SECRET, seed: 30, rateLimitPerSec: 10_000, reviewDelayMs: 0, ...opts });
}

/** The sandbox control API (`/_sandbox/…`). */
export function control(sb: SandboxHandle) {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${sb.origin}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    call,
    faults: (rules: Record<string, unknown>[]) => call('PUT', '/faults', { rules }),
    clearFaults: () => call('DELETE', '/faults'),
    stats: async () => (await call('GET', '/stats')) as { tokenExchanges: number; requests: Record<string, number> },
    advanceClock: (seconds: number) => call('POST', '/clock/advance', { seconds }),
  };
}

/** A client against the sandbox that records every attempt and every requested sleep. */
export function testClient(sb: SandboxHandle, over: Partial<OmsClientOptions> = {}) {
  const attempts: AttemptRecord[] = [];
  const sleeps: number[] = [];
  let clock = Date.now();
  const client = new OmsClient({
    baseUrl: sb.baseUrl,
    credentials: async () => ({ apiKey: KEY, apiSecret: SECRET }),
    now: () => clock,
    // Backoff is asserted from the requested delays; the test does not wait them out.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onAttempt: (r) => attempts.push(r),
    ...over,
  });
  return {
    client,
    attempts,
    sleeps,
    advance: (ms: number) => {
      clock += ms;
    },
    attemptsFor: (method: string, pathPrefix: string) => attempts.filter((a) => a.method === method && a.path.startsWith(pathPrefix)),
  };
}
