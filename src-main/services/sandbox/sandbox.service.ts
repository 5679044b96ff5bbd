import { z } from 'zod';
import type { WalletBalanceView } from '#shared/domain/wallet.ts';
import type { SandboxStatus as SandboxStatusView } from '#shared/ipc/sandbox.contract.ts';
import { AppFailure } from '../../lib/app-failure.ts';
import { scrubText } from '../../lib/redact.ts';
import { toWalletBalanceView } from '../money/money-views.ts';
import type { OmsSession } from '../session/oms-session.ts';
import type { LocalSandbox } from './local-sandbox.ts';

const ReviewMode = z.looseObject({ mode: z.enum(['auto', 'manual']), pendingReviews: z.number().int().optional() });
const Cascade = z.array(z.looseObject({ name: z.string(), from: z.string(), to: z.string() }));
const DecisionAnswer = z.looseObject({ alsoAffected: Cascade.optional(), alsoAffects: Cascade.optional() });
const DecidePendingAnswer = z.looseObject({ decided: z.number().int(), pendingReviews: z.number().int() });

export interface DecisionOutcome {
  accepted: boolean;
  dryRun: boolean;
  alsoAffected: { name: string; from: string; to: string }[];
}
const SandboxStats = z.looseObject({ customers: z.number().int() });
const ControlError = z.looseObject({ error: z.looseObject({ message: z.string().optional(), code: z.string().max(64).optional() }) });

/** The one definition is the contract's view (`#shared/ipc/sandbox.contract.ts`). */
export type SandboxStatus = z.infer<typeof SandboxStatusView>;

/** QA controls: the embedded sandbox's `/_sandbox/` API, offered only on the local profile. */
export class SandboxService {
  #session: OmsSession;
  #local: LocalSandbox;
  #fetch: typeof fetch;

  constructor(session: OmsSession, local: LocalSandbox, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)) {
    this.#session = session;
    this.#local = local;
    this.#fetch = fetchImpl;
  }

  /** The control API origin while the local sandbox runs (tests and QA tooling use it). */
  get origin(): string | null {
    return this.#local.handle?.origin ?? null;
  }

  async status(): Promise<SandboxStatus> {
    const available = this.#session.activeProfile().kind === 'local';
    const h = this.#local.handle;
    const preview = available && this.#local.preview;
    if (!available || !h) return { available, running: h !== null, baseUrl: h?.baseUrl ?? null, reviewMode: null, customers: null, pendingReviews: null, preview };
    const [review, stats] = await Promise.all([
      this.#control('GET', '/review-mode').then((b) => ReviewMode.safeParse(b)),
      this.#control('GET', '/stats').then((b) => SandboxStats.safeParse(b)),
    ]);
    return {
      available,
      running: true,
      baseUrl: h.baseUrl,
      reviewMode: review.success ? review.data.mode : null,
      customers: stats.success ? stats.data.customers : null,
      pendingReviews: review.success ? (review.data.pendingReviews ?? null) : null,
      preview,
    };
  }

  /** The secret of one of the sandbox's webhook endpoints (local profile only; see local-registration). */
  async recoverWebhookSecret(webhookId: string): Promise<string | null> {
    if (this.#session.activeProfile().kind !== 'local' || !this.#local.handle) return null;
    const body = await this.#control('GET', `/webhooks/${encodeURIComponent(webhookId)}/secret`);
    const parsed = z.looseObject({ secret: z.string() }).safeParse(body);
    return parsed.success ? parsed.data.secret : null;
  }

  async decideEndorsement(
    customerId: string,
    endorsement: string,
    decision: 'approve' | 'reject' | 'revoke',
    opts: { reason?: string | undefined; note?: string | undefined; dryRun?: boolean | undefined } = {},
  ): Promise<DecisionOutcome> {
    // Checked before the sandbox so the agent reads a sentence about the field, not a control-API echo.
    if (decision !== 'approve' && !opts.reason) {
      throw new AppFailure('INVALID_INPUT', `A reason is required to ${decision} ${endorsement}: the customer will be told it.`, {
        fields: [{ path: 'reason', message: `is required to ${decision}` }],
      });
    }
    if (decision !== 'approve' && opts.note) {
      throw new AppFailure('INVALID_INPUT', 'A note goes with approve only; reject and revoke take a reason.', { fields: [{ path: 'note', message: 'only goes with approve' }] });
    }
    await this.#ensureLocal();
    const path = `/customers/${encodeURIComponent(customerId)}/endorsements/${encodeURIComponent(endorsement)}/decision`;
    const body: Record<string, unknown> = { decision };
    if (opts.reason) body.reason = opts.reason;
    if (opts.note) body.note = opts.note;
    if (opts.dryRun) body.dryRun = true;
    const answer = DecisionAnswer.safeParse(await this.#control('POST', path, body));
    const cascade = answer.success ? (answer.data.alsoAffected ?? answer.data.alsoAffects ?? []) : [];
    return { accepted: !opts.dryRun, dryRun: opts.dryRun === true, alsoAffected: cascade.map((c) => ({ name: c.name, from: c.from, to: c.to })) };
  }

  /** Decides every review waiting for a person; the renderer asks first, naming the count. */
  async decidePending(decision: 'approve' | 'reject', reason: string | undefined): Promise<{ decided: number; pendingReviews: number }> {
    if (decision === 'reject' && !reason) {
      throw new AppFailure('INVALID_INPUT', 'A reason is required to reject every pending review.', { fields: [{ path: 'reason', message: 'is required to reject' }] });
    }
    await this.#ensureLocal();
    const parsed = DecidePendingAnswer.safeParse(await this.#control('POST', '/reviews/decide-pending', reason ? { decision, reason } : { decision }));
    if (!parsed.success) throw new AppFailure('INTERNAL', 'The sandbox answered "decide pending" in an unexpected shape.');
    return { decided: parsed.data.decided, pendingReviews: parsed.data.pendingReviews };
  }

  async setReviewMode(mode: 'auto' | 'manual'): Promise<SandboxStatus> {
    await this.#ensureLocal();
    await this.#control('PUT', '/review-mode', { mode });
    return this.status();
  }

  async simulateDeposit(walletId: string, amount: string, signal?: AbortSignal): Promise<WalletBalanceView> {
    await this.#ensureLocal();
    await this.#control('POST', `/wallets/${encodeURIComponent(walletId)}/deposit`, { amount });
    return toWalletBalanceView(await (await this.#session.apis()).wallets.balance(walletId, signal), walletId);
  }

  async #ensureLocal(): Promise<void> {
    const p = this.#session.activeProfile();
    if (p.kind !== 'local') {
      throw new AppFailure('UNAVAILABLE', `QA controls work only on the local sandbox profile; the active profile is "${p.name}".`);
    }
    await this.#session.apis();
  }

  async #control(method: string, path: string, body?: unknown): Promise<unknown> {
    const origin = this.origin;
    if (!origin) throw new AppFailure('UNAVAILABLE', 'The local sandbox is not running.');
    let res: Response;
    try {
      res = await this.#fetch(`${origin}/_sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new AppFailure('UNAVAILABLE', 'The local sandbox did not answer its control API.');
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = ControlError.safeParse(json);
      const msg = e.success && e.data.error.message ? scrubText(e.data.error.message).slice(0, 300) : `status ${res.status}`;
      const code = e.success ? e.data.error.code : undefined;
      // `sandboxCode` (e.g. dependency_not_active) lets a screen explain the refusal in its own words.
      throw new AppFailure(res.status === 404 ? 'NOT_FOUND' : 'OMS_ERROR', `The sandbox refused: ${msg}.`, code ? { status: res.status, sandboxCode: code } : { status: res.status });
    }
    return json;
  }
}
