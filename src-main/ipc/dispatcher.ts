import { randomUUID } from 'node:crypto';
import { operations as defaultOperations } from '#shared/ipc/registry.ts';
import type { Operation } from '#shared/ipc/operation.ts';
import { describeIssues, err, ok, type Result } from '#shared/ipc/result.ts';
import { isOmsError, toAppFailure } from '../oms/oms-error.ts';
import { isAppFailure } from '../lib/app-failure.ts';
import type { AuditEntry } from '../store/audit-log.ts';
import type { CallContext, Caller, Handlers } from './handlers.ts';
import { inputSummaryText, scrubText } from '../lib/redact.ts';

export interface DispatcherDeps {
  handlers: Handlers;
  /** The profile in force for this call; production mutations need a matching confirmation. */
  activeProfile: () => { id: string; kind: string };
  audit: (entry: AuditEntry) => void;
  log?: (line: string) => void;
  operations?: ReadonlyMap<string, Operation>;
}

export type Dispatch = (channel: string, input: unknown, caller: Caller, signal?: AbortSignal) => Promise<Result<unknown>>;

const TARGET_KEYS = ['customerId', 'walletId', 'transactionId', 'quoteId', 'cashInId', 'webhookId', 'profileId', 'seq'] as const;
const MAX_TARGET = 100;

/**
 * The audit target, taken only from input the contract has validated (so it is a bounded id, never
 * a 200,000-char string or an email typed into an id field), and scrubbed once more all the same.
 */
function targetOf(parsed: unknown): string | null {
  if (!parsed || typeof parsed !== 'object') return null;
  const rec = parsed as Record<string, unknown>;
  for (const k of TARGET_KEYS) {
    const v = rec[k];
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') return scrubText(v.slice(0, MAX_TARGET));
  }
  return null;
}

/** Every failure a handler can raise, as the Result error the renderer gets; OMS errors included. */
function failureOf(e: unknown) {
  if (isOmsError(e)) return toAppFailure(e);
  if (isAppFailure(e)) return e;
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

  async function run(op: Operation, parsed: { success: true; data: unknown }, ctx: CallContext): Promise<Result<unknown>> {
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
      const failure = failureOf(e);
      if (failure) return err(failure.code, failure.message, failure.details);
      // Unexpected errors may carry secrets or PII in their text: none of it crosses.
      const ref = randomUUID().slice(0, 8);
      deps.log?.(`internal error in ${op.channel} (ref ${ref}): ${e instanceof Error ? e.name : typeof e}`);
      return err('INTERNAL', `Something went wrong inside the console (ref ${ref}). The request log has the details.`, { ref });
    }
    // Always parsed, production included: the strict view is what crosses, nothing more.
    const out = op.output.safeParse(data);
    if (!out.success) {
      const { message } = describeIssues(out.error.issues);
      deps.log?.(`output drift in ${op.channel}: ${message}`);
      return err('INTERNAL', `The console produced an invalid ${op.channel} result (output drift): ${message.slice(0, 500)}`);
    }
    return ok(out.data);
  }

  return async (channel, input, caller, signal) => {
    const op = typeof channel === 'string' ? ops.get(channel) : undefined;
    if (!op) return err('UNKNOWN_CHANNEL', `Unknown channel "${String(channel).slice(0, 80)}".`);
    const parsed = op.input.safeParse(input ?? {});
    let result: Result<unknown>;
    if (!parsed.success) {
      const { message, fields } = describeIssues(parsed.error.issues.slice(0, 20));
      result = err('INVALID_INPUT', `Invalid input for ${op.channel} — ${message}`, { fields });
    } else {
      result = await run(op, parsed, signal ? { caller, signal } : { caller });
    }
    if (op.mutation) {
      // Exactly one audit row per mutation attempt, failed ones included.
      try {
        deps.audit({
          action: op.channel,
          target: parsed.success ? targetOf(parsed.data) : null,
          // What the contract parsed (a reason normalised, say) when it parsed; what came otherwise.
          inputSummary: inputSummaryText(parsed.success ? parsed.data : input),
          result: result.ok ? 'ok' : result.error.code,
        });
      } catch (e) {
        deps.log?.(`audit write failed for ${op.channel}: ${e instanceof Error ? e.name : 'error'}`);
      }
    }
    return result;
  };
}
