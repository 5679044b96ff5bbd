import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { CustomerRefresher } from './customer-refresher.ts';
import { DeliveryIntake, effectOf, type Effect, type IntakeDeps, type Received } from './delivery-intake.ts';
import type { InboxBatcher } from './inbox-batcher.ts';
import { routeOf } from './webhook-envelope.ts';
import { contractEntry, type DeliverySource, type FinishRecord, type InboxRecord } from './inbox-records.ts';
import type { RawDelivery } from './webhook-server.ts';

export type { VerificationMode } from './delivery-intake.ts';

export interface ProcessorDeps extends IntakeDeps {
  bus: EventBus;
  refresher: CustomerRefresher;
  onReceived?: (entry: InboxRecord) => void;
  /** Effects run per event-loop turn, at most this many (default 200): acks never wait behind a long queue. */
  applyChunk?: number;
}

/**
 * Main's side of the pipeline: deliveries stored by the listener's worker (`accepted`), or stored
 * here (relay, replay, the in-process listener) are announced and their effects applied, after the
 * acks: verify → persist → acknowledge → apply.
 */
export class WebhookProcessor {
  readonly #d: ProcessorDeps;
  readonly intake: DeliveryIntake;
  #applyQueue: Effect[] = [];
  #outcomes: ((f: FinishRecord) => boolean) | null = null;
  #applyScheduled = false;

  constructor(deps: ProcessorDeps) {
    this.#d = deps;
    this.intake = new DeliveryIntake(deps);
  }

  /** Main's own inbox writer: rows from relay and replay, and every effect's outcome. */
  get batcher(): InboxBatcher {
    return this.intake.batcher;
  }

  /** Keychain reads by main's own intake (relay, replay). */
  get secretReads(): number {
    return this.intake.secretReads;
  }

  /**
   * Records an effect's outcome with the next inbox batch: the listener thread's when it runs (one
   * writer for the inbox, so neither thread waits on the other's write lock), else main's.
   */
  finish(seq: number, state: 'done' | 'failed', error?: string | null): void {
    if (this.#outcomes?.({ seq, state, error: error ?? null })) return;
    this.batcher.finish(seq, state, error);
  }

  /** Where outcomes go first; it returns false when it cannot take one (its thread is not running). */
  writeOutcomesWith(writer: (f: FinishRecord) => boolean): void {
    this.#outcomes = writer;
  }

  invalidateSecrets(): void {
    this.intake.invalidateSecrets();
  }

  /** Judges, stores and (if accepted) schedules one delivery on main's thread. */
  async receive(d: RawDelivery, source: DeliverySource, opts: { replay?: boolean; at?: number } = {}): Promise<Received> {
    const r = await this.intake.receive(d, source, opts);
    this.accepted(r.entry, r.effect);
    return r;
  }

  /** A delivery already committed (here or by the listener's worker): announce it, queue its effect. */
  accepted(entry: InboxRecord, effect: Effect | null): void {
    this.#d.bus.publish('event.webhooks.received', contractEntry(entry));
    this.#d.onReceived?.(entry);
    // Queued, run after the acks of this turn are written: the sender never waits on effects.
    if (effect) this.#enqueueApply(effect);
  }

  #enqueueApply(e: Effect): void {
    this.#applyQueue.push(e);
    if (this.#applyScheduled) return;
    this.#applyScheduled = true;
    setImmediate(() => this.#drainApplies());
  }

  #drainApplies(): void {
    const chunk = this.#applyQueue.splice(0, this.#d.applyChunk ?? 200);
    for (const e of chunk) this.apply(e);
    this.#applyScheduled = this.#applyQueue.length > 0;
    if (this.#applyScheduled) setImmediate(() => this.#drainApplies());
  }

  /** Effects queued but not run yet (tests and shutdown wait for zero). */
  get applyBacklog(): number {
    return this.#applyQueue.length;
  }

  /** Runs the effect of one accepted delivery: a re-fetch of every customer it names. */
  apply(e: Effect): void {
    const route = routeOf(e.type);
    if (route?.walletsChanged) {
      this.#d.bus.publish('event.wallets.changed', { customerId: e.customerIds[0] ?? null, walletId: e.walletId, cause: e.type });
    }
    if (route?.refetchCustomers && e.customerIds.length) {
      // The row settles with the first customer's re-fetch; the others are refreshed alongside.
      e.customerIds.forEach((id, i) => void this.#d.refresher.refresh(id, e.type, i === 0 ? e.seq : undefined));
      return;
    }
    this.finish(e.seq, 'done');
  }

  /** Acknowledged deliveries whose effect did not run (the console stopped in between). */
  resumePending(): number {
    const pending = this.#d.inbox.pending();
    for (const p of pending) this.apply(effectOf(p));
    return pending.length;
  }

  /**
   * Replays a stored delivery: re-verified (timestamp window skipped), re-applied even if seen.
   * Only within the profile it arrived under: a replay is stored under the active profile, so
   * replaying another profile's delivery would copy its body (revealable there) across profiles.
   */
  async replay(seq: number): Promise<{ entry: InboxEntry } | { missing: true } | { otherProfile: string }> {
    const stored = this.#d.inbox.get(seq);
    if (!stored) return { missing: true };
    if (stored.profileId !== this.#d.profileId()) return { otherProfile: stored.profileId };
    const { entry } = await this.receive({ headers: stored.headers, rawBody: stored.rawBytes }, stored.source, { replay: true });
    // The contract's shape exactly (its schema is strict): this is what `inbox.replay` returns.
    return { entry: contractEntry(entry) };
  }
}
