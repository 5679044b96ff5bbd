import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOmsApi, type OmsApi } from '#shared/ipc/build-api.ts';
import type { Result } from '#shared/ipc/result.ts';
import { createConsole, type ConsoleApp, type ConsoleOptions } from '../../../src-main/app/composition.ts';
import { MemorySecretStore } from '../../../src-main/secrets/memory-secret-store.ts';

export const caller = { transport: 'test' as const, origin: 'test' };

export interface TestConsole {
  app: ConsoleApp;
  dataDir: string;
  logs: string[];
  /** Every Result the dispatcher returned, in order. */
  outputs: { channel: string; result: Result<unknown> }[];
  /** Raw dispatch by channel name (for inputs the types would refuse). */
  call(channel: string, input?: unknown): Promise<Result<unknown>>;
  /** `window.oms` as the renderer sees it, over the same dispatcher. */
  oms: OmsApi;
  close(): Promise<void>;
}

/** A console on a temp data dir with the embedded sandbox, an in-memory SecretStore and a free listener port. */
export async function startTestConsole(over: Partial<ConsoleOptions> & { store?: MemorySecretStore } = {}): Promise<TestConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oms-main-console-'));
  const logs: string[] = [];
  const outputs: TestConsole['outputs'] = [];
  const app = await createConsole({
    transport: 'browser',
    dataDir,
    version: 'test',
    secretStore: over.store ?? new MemorySecretStore('memory'),
    sandbox: { seed: 20, reviewDelayMs: 0, rateLimitPerSec: 10_000 },
    webhookPort: 0,
    heartbeatMs: 60_000,
    log: (line) => logs.push(line),
    ...over,
  });
  const call = async (channel: string, input: unknown = {}) => {
    const result = await app.dispatch(channel, input, caller);
    outputs.push({ channel, result });
    return result;
  };
  const oms = buildOmsApi(call, () => () => {});
  return {
    app,
    dataDir,
    logs,
    outputs,
    call,
    oms,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The data of an ok Result; a failure fails the test with its code and message. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data;
}

/** The error of a failed Result. */
export function failure<T>(r: Result<T>) {
  if (r.ok) throw new Error('expected a failure, got ok');
  return r.error;
}

/** Polls fn until it returns a truthy value (sandbox reviews complete asynchronously). */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, what: string, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never happened: ${what}`);
}

/** Typed `window.oms` over a console's dispatcher. */
export const omsOf = (app: ConsoleApp): OmsApi => buildOmsApi((channel, input) => app.dispatch(channel, input, caller), () => () => {});
