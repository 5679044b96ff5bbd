import { buildOmsApi } from '#shared/ipc/build-api.ts';
import type { Result } from '#shared/ipc/result.ts';

/** One call the renderer made, waiting until the test answers it. */
export interface HeldCall {
  channel: string;
  input: Record<string, unknown>;
  signal: AbortSignal | undefined;
  answer(r: Result<unknown>): void;
  ok(data: unknown): void;
}

/**
 * Installs `window.oms` (the real builder) over a transport that holds every call until the test
 * answers it, in any order: races between answers are what these store tests are about.
 * `autoAnswer` settles the channels a test does not care about at once.
 */
export function holdCalls(autoAnswer: (channel: string) => Result<unknown> | undefined = () => undefined): HeldCall[] {
  const held: HeldCall[] = [];
  const invoke = (channel: string, input: unknown, signal?: AbortSignal) =>
    new Promise<Result<unknown>>((resolve) => {
      const auto = autoAnswer(channel);
      if (auto) return resolve(auto);
      held.push({ channel, input: (input ?? {}) as Record<string, unknown>, signal, answer: resolve, ok: (data) => resolve({ ok: true, data }) });
    });
  (globalThis as { window?: unknown }).window = { oms: buildOmsApi(invoke, () => () => {}) };
  return held;
}

/** Lets settled promises run their continuations. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
