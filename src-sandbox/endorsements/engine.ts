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
  } else if (rec.reviewState === 'awaiting' || rec.reviewState === 'scheduled') {
    // A review keeps the plan it was made with: switching the mode affects new submissions only.
  } else if (s.ctx.review.mode === 'manual' || s.doc.lastName === MAGIC_REVIEW) {
    s.events.push('customer.endorsement.underReview');
    rec.reviewState = 'awaiting';
    rec.reviewDueAt = null;
  } else {
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

export interface Cascade {
  name: EndorsementName;
  from: EndorsementStatus;
  to: EndorsementStatus;
}

/**
 * What a decision does to the endorsements that need `basic`, computed before anything changes so
 * the control API can answer a dry run with the same list the real decision will apply.
 * Rejecting basic rejects every dependant not already rejected or revoked; revoking it revokes the
 * active ones (a pending dependant goes back to waiting for basic).
 */
export function plannedCascade(records: EndorsementRecord[], name: EndorsementName, decision: Decision): Cascade[] {
  if (decision === 'approve') return [];
  const dependants = records.filter((r) => DEPENDS_ON[r.name] === name);
  if (decision === 'reject') {
    return dependants.filter((d) => d.status !== 'rejected' && d.status !== 'revoked').map((d) => ({ name: d.name, from: d.status, to: 'rejected' as const }));
  }
  return dependants.filter((d) => d.status === 'active').map((d) => ({ name: d.name, from: d.status, to: 'revoked' as const }));
}

/** Refusals that do not depend on the cascade: what makes no sense for this endorsement now. */
export function checkDecision(records: EndorsementRecord[], name: EndorsementName, decision: Decision): void {
  const rec = records.find((r) => r.name === name);
  if (!rec) throw new ApiError(404, `Endorsement ${name} was not requested for this customer`);
  if (decision === 'approve') {
    if (rec.status === 'active') throw new ApiError(409, `Endorsement ${name} is already active`);
    const dep = DEPENDS_ON[name];
    const basic = records.find((r) => r.name === dep);
    if (dep && basic?.status !== 'active') {
      throw new ApiError(422, `${name} needs ${dep} to be active first (${dep} is ${basic?.status ?? 'not requested'}): approve ${dep} before ${name}`, {
        code: 'dependency_not_active',
        details: { endorsement: name, requires: dep, requiresStatus: basic?.status ?? null },
      });
    }
  } else if (decision === 'reject') {
    if (rec.status === 'rejected') throw new ApiError(409, `Endorsement ${name} is already rejected`);
  } else if (rec.status !== 'active') {
    throw new ApiError(409, `Only an active endorsement can be revoked (${name} is ${rec.status})`);
  }
}

/** A reviewer's decision through the control API; cascades from `basic` to its dependants. */
export function decide(ctx: SandboxContext, seq: number, name: EndorsementName, decision: Decision, reason?: string): Cascade[] {
  let cascade: Cascade[] = [];
  settle(ctx, seq, {
    decide: (s) => {
      const records = [...s.recs.values()];
      checkDecision(records, name, decision);
      cascade = plannedCascade(records, name, decision);
      const rec = s.recs.get(name)!;
      // Reject and revoke always carry the reviewer's own words (the route requires them).
      const reasons = [{ developerReason: reason ?? '', reason: reason ?? '' }];
      if (decision === 'approve') setStatus(s, rec, 'active');
      else setStatus(s, rec, decision === 'reject' ? 'rejected' : 'revoked', reasons);
      for (const c of cascade) setStatus(s, s.recs.get(c.name)!, c.to, reasons);
    },
  });
  return cascade;
}

/**
 * Review mode applies to new submissions only: a pending review keeps the plan it was made with,
 * so switching to auto never silently decides the queue. Deciding the queue is the
 * explicit `decideAllPending`.
 */
export function countAwaitingReviews(ctx: SandboxContext): number {
  return ctx.endorsements.countAwaiting();
}

/**
 * Decides every review waiting for a human (dependants unblocked by basic included); returns how
 * many. Works in batches of 200 customers, one transaction each, yielding between them so a large
 * queue (17k reviews at 100k customers) never freezes the sandbox's other requests.
 */
export async function decideAllPending(ctx: SandboxContext, decision: 'approve' | 'reject', reason: string | undefined): Promise<number> {
  let decided = 0;
  const seqs = ctx.endorsements.customerSeqsAwaiting();
  for (let i = 0; i < seqs.length; i += 200) {
    tx(ctx.db, () => {
      for (const seq of seqs.slice(i, i + 200)) decided += decideCustomer(ctx, seq, decision, reason);
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return decided;
}

function decideCustomer(ctx: SandboxContext, seq: number, decision: 'approve' | 'reject', reason: string | undefined): number {
  let decided = 0;
  // Approving basic unblocks its dependants within the same customer: go round until nothing waits.
  for (let round = 0; round < 3; round++) {
    let changed = 0;
    settle(ctx, seq, {
      decide: (s) => {
        for (const r of s.recs.values()) {
          if (r.status !== 'pending' || r.reviewState !== 'awaiting') continue;
          const reasons = [{ developerReason: reason ?? '', reason: reason ?? '' }];
          setStatus(s, r, decision === 'approve' ? 'active' : 'rejected', reasons);
          changed += 1;
        }
      },
    });
    decided += changed;
    if (!changed) break;
  }
  return decided;
}
