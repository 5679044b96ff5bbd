import type { SandboxContext } from '../context.ts';
import { ApiError } from '../http-util.ts';
import { presentCustomer } from '../presenters.ts';
import { tx } from '../store/db.ts';
import type { CustomerDoc, EndorsementName, EndorsementRecord, EndorsementStatus, RejectionReason } from '../types.ts';
import { emitEvent } from '../webhooks/emitter.ts';
import { computeRequirements, DEPENDS_ON, MAGIC_REJECT, MAGIC_REVIEW, requirementsMet, withDependencies } from './policy.ts';

/**
 * The endorsement state machine. Every change goes through `settle`, which applies an optional
 * decision, re-evaluates requirements, plans reviews, and emits one webhook per transition, all in
 * the caller's transaction.
 *
 *   incomplete → pending (requirements met) → active | rejected      active → revoked (control API)
 *   pending → incomplete (requirements lost); active|rejected → pending when identity data changes
 */
const EVENT_FOR: Record<EndorsementStatus, string> = {
  incomplete: 'customer.endorsement.incomplete',
  pending: 'customer.endorsement.pending',
  active: 'customer.endorsement.granted',
  rejected: 'customer.endorsement.rejected',
  revoked: 'customer.endorsement.revoked',
};

type Recs = Map<EndorsementName, EndorsementRecord>;

interface Session {
  ctx: SandboxContext;
  doc: CustomerDoc;
  recs: Recs;
  events: string[];
  nowIso: string;
}

export interface SettleOptions {
  /** Event types emitted before the transitions (customer.created / customer.updated). */
  leading?: string[];
  /** Identity data changed (contract §3 PATCH list): granted/rejected endorsements are reviewed again. */
  reReview?: boolean;
  decide?: (s: Session) => void;
}

function setStatus(s: Session, rec: EndorsementRecord, status: EndorsementStatus, reasons: RejectionReason[] = []): void {
  if (rec.status === status) return;
  rec.status = status;
  rec.rejectionReasons = status === 'rejected' || status === 'revoked' ? reasons : [];
  rec.updatedAt = s.nowIso;
  rec.reviewState = null;
  rec.reviewDueAt = null;
  s.events.push(EVENT_FOR[status]);
}

function planReview(s: Session, rec: EndorsementRecord): void {
  const basic = s.recs.get('basic')?.status ?? null;
  if (DEPENDS_ON[rec.name] && basic !== 'active') {
    rec.reviewState = 'blocked';
    rec.reviewDueAt = null;
  } else if (s.ctx.review.mode === 'manual' || s.doc.lastName === MAGIC_REVIEW) {
    if (rec.reviewState !== 'awaiting') s.events.push('customer.endorsement.underReview');
    rec.reviewState = 'awaiting';
    rec.reviewDueAt = null;
  } else if (rec.reviewState !== 'scheduled') {
    rec.reviewState = 'scheduled';
    rec.reviewDueAt = s.ctx.clock.now() + s.ctx.review.delayMs;
  }
}

function evaluate(s: Session, reReview: boolean): void {
  for (const name of withDependencies(s.doc.requested)) {
    const rec = s.recs.get(name) ?? {
      customerSeq: 0,
      name,
      status: 'incomplete' as const,
      requirements: { complete: [], pending: [], missing: [], issues: [] },
      rejectionReasons: [],
      reviewState: null,
      reviewDueAt: null,
      updatedAt: s.nowIso,
    };
    s.recs.set(name, rec);
    const basic = name === 'basic' ? null : (s.recs.get('basic')?.status ?? null);
    rec.requirements = computeRequirements(s.doc, name, basic, new Date(s.ctx.clock.now()));
    const met = requirementsMet(rec.requirements);
    if (rec.status === 'revoked') {
      // Only a control-API approval lifts a revocation.
    } else if (!met) {
      if (rec.status === 'pending' || (reReview && rec.status !== 'incomplete')) setStatus(s, rec, 'incomplete');
    } else if (rec.status === 'incomplete' || (reReview && (rec.status === 'active' || rec.status === 'rejected'))) {
      setStatus(s, rec, 'pending');
    }
    if (rec.status === 'pending') planReview(s, rec);
  }
}

/** Applies a decision and/or re-evaluation for one customer and emits the resulting events. */
export function settle(ctx: SandboxContext, seq: number, opts: SettleOptions = {}): void {
  tx(ctx.db, () => {
    const stored = ctx.customers.bySeq(seq);
    if (!stored) return;
    const recs: Recs = new Map(ctx.endorsements.forCustomer(seq).map((r) => [r.name, r]));
    const before = new Map([...recs].map(([k, r]) => [k, JSON.stringify(r)]));
    const s: Session = { ctx, doc: stored.doc, recs, events: [], nowIso: ctx.clock.nowIso() };
    opts.decide?.(s);
    evaluate(s, opts.reReview ?? false);
    // A second pass lets dependants see `basic` change within the same settle (e.g. granted just now).
    evaluate(s, false);
    for (const rec of recs.values()) {
      rec.customerSeq = seq;
      if (before.get(rec.name) !== JSON.stringify(rec)) ctx.endorsements.save(rec);
    }
    // A review may have been scheduled without any event: the scheduler must learn its due time.
    ctx.kick();
    const events = [...(opts.leading ?? []), ...s.events];
    if (!events.length) return;
    const object = presentCustomer(ctx, ctx.customers.bySeq(seq)!);
    for (const type of events) emitEvent(ctx, type, object, stored.doc.id);
  });
}

const MAGIC_REASON: RejectionReason = {
  developerReason: `Sandbox: last name "${MAGIC_REJECT}" always fails review`,
  reason: 'We could not verify the identity information provided.',
};

/** Runs the automated reviews that are due (auto mode). */
export function runDueReviews(ctx: SandboxContext): void {
  const now = ctx.clock.now();
  for (const seq of ctx.endorsements.dueCustomerSeqs(now)) {
    settle(ctx, seq, {
      decide: (s) => {
        const due = [...s.recs.values()].filter((r) => r.status === 'pending' && r.reviewDueAt !== null && r.reviewDueAt <= now);
        if (!due.length) return;
        if (s.doc.lastName === MAGIC_REJECT) {
          // The magic name fails the whole customer, so dependants waiting on basic are rejected too.
          for (const r of s.recs.values()) if (r.status === 'pending') setStatus(s, r, 'rejected', [MAGIC_REASON]);
          return;
        }
        for (const r of due) setStatus(s, r, 'active');
      },
    });
  }
}

export type Decision = 'approve' | 'reject' | 'revoke';

/** A reviewer's decision through the control API; cascades from `basic` to its dependants. */
export function decide(ctx: SandboxContext, seq: number, name: EndorsementName, decision: Decision, reason?: string): void {
  settle(ctx, seq, {
    decide: (s) => {
      const rec = s.recs.get(name);
      if (!rec) throw new ApiError(404, `Endorsement ${name} was not requested for this customer`);
      const reasons = [{ developerReason: reason ?? `Sandbox control API: ${decision}`, reason: reason ?? 'Decided by compliance review.' }];
      const dependants = [...s.recs.values()].filter((r) => DEPENDS_ON[r.name] === name);
      if (decision === 'approve') {
        if (rec.status === 'active') throw new ApiError(409, `Endorsement ${name} is already active`);
        setStatus(s, rec, 'active');
      } else if (decision === 'reject') {
        if (rec.status === 'rejected') throw new ApiError(409, `Endorsement ${name} is already rejected`);
        setStatus(s, rec, 'rejected', reasons);
        for (const d of dependants) if (d.status === 'pending') setStatus(s, d, 'rejected', reasons);
      } else {
        if (rec.status !== 'active') throw new ApiError(409, `Only an active endorsement can be revoked (${name} is ${rec.status})`);
        setStatus(s, rec, 'revoked', reasons);
        for (const d of dependants) if (d.status === 'active') setStatus(s, d, 'revoked', reasons);
      }
    },
  });
}

/** After a review-mode switch, re-plans every pending endorsement under the new mode. */
export function replanPending(ctx: SandboxContext): void {
  tx(ctx.db, () => {
    for (const seq of ctx.endorsements.customerSeqsWithPending()) {
      settle(ctx, seq, {
        decide: (s) => {
          // Only the state the new mode invalidates is cleared, so nothing already waiting is re-announced.
          const stale = ctx.review.mode === 'manual' ? 'scheduled' : 'awaiting';
          for (const r of s.recs.values()) if (r.status === 'pending' && r.reviewState === stale) r.reviewState = null;
        },
      });
    }
  });
}
