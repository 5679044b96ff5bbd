import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { checkDecision, countAwaitingReviews, decide, decideAllPending, plannedCascade } from '../endorsements/engine.ts';
import { ApiError } from '../http-util.ts';
import { decimalsOf, formatUnits, parseAssetAmount } from '../assets.ts';
import { parseDec } from '../decimal.ts';
import type { Router } from '../router.ts';
import { setMeta, tx } from '../store/db.ts';
import { listSnapshots, resetData, restoreSnapshot, takeSnapshot } from '../store/snapshots.ts';
import { seedCustomers } from '../seed/seeder.ts';
import { ENDORSEMENT_NAMES, type EndorsementName } from '../types.ts';
import { parseBody } from '../validate.ts';
import { requireCustomer } from './customers.routes.ts';
import { ok, type ApiRequest, type ControlHandler } from './route-types.ts';
import { completePickup } from '../money/settlement.ts';
import { depositToWallet } from '../money/transactions.ts';
import { requireWallet } from './wallets.routes.ts';

const seedSchema = z.strictObject({ count: z.number().int().min(1).max(500_000), seed: z.number().int().min(0).optional() });
const snapshotSchema = z.strictObject({ name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -') });
const text = z.string().trim().max(500);
/** Approve takes an optional note; reject and revoke need the reviewer's reason. */
const decisionSchema = z
  .strictObject({ decision: z.enum(['approve', 'reject', 'revoke']), reason: text.optional(), note: text.optional(), dryRun: z.boolean().optional() })
  .superRefine((v, c) => {
    if (v.decision !== 'approve' && !v.reason) c.addIssue({ code: 'custom', path: ['reason'], message: `is required to ${v.decision} (the customer-facing reason, in words)` });
    if (v.decision !== 'approve' && v.note !== undefined) c.addIssue({ code: 'custom', path: ['note'], message: 'only goes with approve; reject and revoke take a reason' });
  });
const decideAllSchema = z
  .strictObject({ decision: z.enum(['approve', 'reject']), reason: text.optional() })
  .superRefine((v, c) => {
    if (v.decision === 'reject' && !v.reason) c.addIssue({ code: 'custom', path: ['reason'], message: 'is required to reject' });
  });
const reviewSchema = z.strictObject({ mode: z.enum(['auto', 'manual']), delayMs: z.number().int().min(0).max(3_600_000).optional() });
const depositSchema = z.strictObject({ amount: z.string().max(60) });
const searchSchema = z.strictObject({ qMatch: z.enum(['wordStart', 'substring']) });
const moneySchema = z.strictObject({
  settlementDelayMs: z.number().int().min(0).max(3_600_000).optional(),
  quoteTtlSec: z.number().int().min(1).max(86_400).optional(),
  failNext: z.number().int().min(0).max(1000).optional(),
});
const advanceSchema = z.strictObject({ seconds: z.number().min(0).max(10 * 365 * 86_400) });

function clockView(ctx: SandboxContext) {
  return { now: ctx.clock.nowIso(), offsetMs: ctx.clock.offsetMs() };
}

/** `pendingReviews`: reviews waiting for a human, so a console can say what "decide all" would touch. */
function reviewView(ctx: SandboxContext) {
  return { mode: ctx.review.mode, delayMs: ctx.review.delayMs, appliesTo: 'newSubmissions', pendingReviews: countAwaitingReviews(ctx) };
}

function setReviewMode({ ctx, body }: ApiRequest) {
  const input = parseBody(reviewSchema, body);
  ctx.review.mode = input.mode;
  if (input.delayMs !== undefined) ctx.review.delayMs = input.delayMs;
  setMeta(ctx.db, 'review', JSON.stringify({ mode: ctx.review.mode, delayMs: ctx.review.delayMs }));
  return ok(reviewView(ctx));
}

function decision({ ctx, params, body }: ApiRequest) {
  const input = parseBody(decisionSchema, body);
  const name = params.name as EndorsementName;
  if (!ENDORSEMENT_NAMES.includes(name)) throw new ApiError(400, `name: must be one of ${ENDORSEMENT_NAMES.join(', ')}`);
  const customer = requireCustomer(ctx, params.id!);
  if (input.dryRun) {
    // Same checks and the same cascade the real decision would apply; nothing changes.
    const records = ctx.endorsements.forCustomer(customer.seq);
    checkDecision(records, name, input.decision);
    const current = records.find((e) => e.name === name)!;
    return ok({ customerId: customer.doc.id, name, dryRun: true, status: current.status, alsoAffects: plannedCascade(records, name, input.decision) });
  }
  const cascade = decide(ctx, customer.seq, name, input.decision, input.reason);
  const rec = ctx.endorsements.forCustomer(customer.seq).find((e) => e.name === name)!;
  return ok({ customerId: customer.doc.id, name, status: rec.status, note: input.decision === 'approve' ? (input.note ?? input.reason ?? null) : null, alsoAffected: cascade });
}

function walletDeposit({ ctx, params, body }: ApiRequest) {
  const input = parseBody(depositSchema, body);
  const rough = parseDec(input.amount);
  if (!rough || rough.units <= 0n) throw new ApiError(400, 'amount: must be a positive decimal string, e.g. "12.34"');
  const w = requireWallet(ctx, params.id!);
  const amount = parseAssetAmount(input.amount, w.asset);
  if (amount === null || amount.units <= 0n) {
    throw new ApiError(400, `amount: must be a positive decimal string with up to ${decimalsOf(w.asset)} decimals for ${w.asset}, e.g. "12.34"`);
  }
  const txn = tx(ctx.db, () => depositToWallet(ctx, w.id, amount));
  const wallet = ctx.wallets.byId(w.id)!;
  return ok({ transaction: txn, walletId: wallet.id, balance: formatUnits(wallet.balanceUnits, wallet.asset) }, 201);
}

export function registerControlRoutes(router: Router<ControlHandler>, onReset: () => void): void {
  router
    .add('POST', '/reset', ({ ctx }) => {
      resetData(ctx.db);
      ctx.search.qMatch = 'wordStart';
      onReset();
      return ok({ reset: true });
    })
    .add('POST', '/seed', ({ ctx, body }) => {
      const input = parseBody(seedSchema, body);
      return ok({ created: seedCustomers(ctx.db, input.count, input.seed ?? 1) }, 201);
    })
    .add('GET', '/snapshots', ({ ctx }) => ok({ data: listSnapshots(ctx.db) }))
    .add('POST', '/snapshots', ({ ctx, body }) => {
      const { name } = parseBody(snapshotSchema, body);
      takeSnapshot(ctx.db, name, ctx.clock.nowIso());
      return ok({ name, createdAt: ctx.clock.nowIso() }, 201);
    })
    .add('POST', '/snapshots/{name}/restore', ({ ctx, params }) => {
      if (!restoreSnapshot(ctx.db, params.name!)) throw new ApiError(404, `Snapshot ${params.name} not found`);
      ctx.kick();
      return ok({ restored: params.name });
    })
    .add('POST', '/customers/{id}/endorsements/{name}/decision', decision)
    .add('GET', '/review-mode', ({ ctx }) => ok(reviewView(ctx)))
    .add('PUT', '/review-mode', setReviewMode)
    .add('POST', '/reviews/decide-pending', async ({ ctx, body }) => {
      const input = parseBody(decideAllSchema, body);
      const decided = await decideAllPending(ctx, input.decision, input.reason);
      return ok({ decided, pendingReviews: countAwaitingReviews(ctx) });
    })
    .add('POST', '/wallets/{id}/deposit', walletDeposit)
    // Sandbox-only and loopback-only: lets a console with no keychain (a headless machine) pick up
    // its own listener's secret again after a restart instead of re-registering and dropping the
    // deliveries still queued for the old endpoint. The sandbox's database holds it in clear anyway.
    .add('GET', '/webhooks/{id}/secret', ({ ctx, params }) => {
      const w = ctx.webhooks.byId(params.id!);
      if (!w) throw new ApiError(404, `Webhook ${params.id} not found`);
      return ok({ id: w.id, secret: w.secret });
    })
    .add('GET', '/stats', ({ ctx }) => {
      const { n } = ctx.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number };
      return ok({ ...ctx.stats, customers: n });
    })
    .add('POST', '/stats/reset', ({ ctx }) => {
      ctx.stats.tokenExchanges = 0;
      ctx.stats.requests = {};
      return ok(ctx.stats);
    })
    .add('GET', '/clock', ({ ctx }) => ok(clockView(ctx)))
    .add('POST', '/clock/advance', ({ ctx, body }) => {
      const { seconds } = parseBody(advanceSchema, body);
      ctx.clock.advance(Math.round(seconds * 1000));
      ctx.kick();
      return ok(clockView(ctx));
    })
    .add('GET', '/money', ({ ctx }) => ok(ctx.money))
    .add('PUT', '/money', ({ ctx, body }) => {
      Object.assign(ctx.money, parseBody(moneySchema, body));
      return ok(ctx.money);
    })
    .add('GET', '/search', ({ ctx }) => ok(ctx.search))
    .add('PUT', '/search', ({ ctx, body }) => {
      Object.assign(ctx.search, parseBody(searchSchema, body));
      return ok(ctx.search);
    })
    .add('POST', '/transactions/{id}/pickup', ({ ctx, params }) => ok(tx(ctx.db, () => completePickup(ctx, params.id!))))
    .add('GET', '/health', () => ok({ ok: true }));
}
