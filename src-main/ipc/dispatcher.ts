import { randomUUID } from 'node:crypto';
import { operations as defaultOperations } from '#shared/ipc/registry.ts';
import type { Operation } from '#shared/ipc/operation.ts';
import { describeIssues, err, ok, type Result } from '#shared/ipc/result.ts';
import { isAppFailure } from './app-failure.ts';
import type { CallContext, Caller, Handlers } from './handlers.ts';
import { summariseInput } from './redact.ts';

export interface AuditEntry {
  action: string;
  target: string | null;
  inputSummary: string;
  result: string;
}

export interface DispatcherDeps {
  handlers: Handlers;
  /** The profile in force for this call; production mutations need a matching confirmation. */
  activeProfile: () => { id: string; kind: string };
  audit: (entry: AuditEntry) => void;
  /** Validate handler output against the contract (development and test builds). */
  validateOutput: boolean;
  log?: (line: string) => void;
  operations?: ReadonlyMap<string, Operation>;
}

export type Dispatch = (channel: string, input: unknown, caller: Caller, signal?: AbortSignal) => Promise<Result<unknown>>;

const TARGET_KEYS = ['customerId', 'walletId', 'webhookId', 'profileId', 'seq'] as const;

function targetOf(input: unknown): string | null {
  if (!input || typeof input !== 'object') return null;
  const rec = input as Record<string, unknown>;
  for (const k of TARGET_KEYS) if (typeof rec[k] === 'string' || typeof rec[k] === 'number') return String(rec[k]);
  return null;
}

/** The single place every call from any renderer passes through. Always resolves to a Result. */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const ops = deps.operations ?? defaultOperations;
  const handlerFor = (op: Operation) => {
    const [domain, action] = op.channel.split('.') as [string, string];
    const d = (deps.handlers as unknown as Record<string, Record<string, (i: unknown, c: CallContext) => Promise<unknown>>>)[domain];
    return d?.[action];
  };

  async function run(op: Operation, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
    const parsed = op.input.safeParse(input ?? {});
    if (!parsed.success) {
      const { message, fields } = describeIssues(parsed.error.issues);
      return err('INVALID_INPUT', `Invalid input for ${op.channel} — ${message}`, { fields });
    }
    if (op.confirmOnProduction) {
      const profile = deps.activeProfile();
      const confirm = (parsed.data as { confirm?: { profileId: string } }).confirm;
      if (profile.kind === 'production' && confirm?.profileId !== profile.id) {
        return err('CONFIRMATION_REQUIRED', `This changes data on the production profile "${profile.id}": confirm it first.`, {
          profileId: profile.id,
        });
      }
    }
    const handler = handlerFor(op);
    if (!handler) return err('UNKNOWN_CHANNEL', `No handler is registered for ${op.channel}.`);
    let data: unknown;
    try {
      data = await handler(parsed.data, ctx);
    } catch (e) {
      if (isAppFailure(e)) return err(e.code, e.message, e.details);
      // Unexpected errors may carry secrets or PII in their text: none of it crosses.
      const ref = randomUUID().slice(0, 8);
      deps.log?.(`internal error in ${op.channel} (ref ${ref}): ${e instanceof Error ? e.name : typeof e}`);
      return err('INTERNAL', `Something went wrong inside the console (ref ${ref}). The request log has the details.`, { ref });
    }
    if (deps.validateOutput) {
      const out = op.output.safeParse(data);
      if (!out.success) {
        const { message } = describeIssues(out.error.issues);
        deps.log?.(`output drift in ${op.channel}: ${message}`);
        return err('INTERNAL', `The console produced an invalid ${op.channel} result (output drift): ${message}`);
      }
      return ok(out.data);
    }
    return ok(data);
  }

  return async (channel, input, caller, signal) => {
    const op = typeof channel === 'string' ? ops.get(channel) : undefined;
    if (!op) return err('UNKNOWN_CHANNEL', `Unknown channel "${String(channel).slice(0, 80)}".`);
    const result = await run(op, input, signal ? { caller, signal } : { caller });
    if (op.mutation) {
      // Exactly one audit row per mutation attempt, failed ones included.
      try {
        deps.audit({
          action: op.channel,
          target: targetOf(input),
          inputSummary: JSON.stringify(summariseInput(input)) ?? '{}',
          result: result.ok ? 'ok' : result.error.code,
        });
      } catch (e) {
        deps.log?.(`audit write failed for ${op.channel}: ${e instanceof Error ? e.name : 'error'}`);
      }
    }
    return result;
  };
}
