import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import type { InboxEntry } from '#shared/ipc/inbox.contract.ts';
import type { EventBus } from '../ipc/event-bus.ts';
import type { CustomerRefresher } from './customer-refresher.ts';
import { InboxBatcher } from './inbox-batcher.ts';
import { dedupeKey, readEnvelope, routeOf, type Envelope } from './webhook-envelope.ts';
import { contractEntry, type DeliverySource, type InboxRecord, type PendingDelivery, type WebhookInbox } from './webhook-inbox.ts';
import type { DeliveryResponse, RawDelivery } from './webhook-listener.ts';
import type { SignatureScheme } from './signature-verifier.ts';

export type VerificationMode = 'enforce' | 'report-only';

export interface ProcessorDeps {
  inbox: WebhookInbox;
  bus: EventBus;
  refresher: CustomerRefresher;
  scheme: SignatureScheme;
  profileId: () => string;
  mode: () => VerificationMode;
  /** The one signature variant this profile accepts; null tries every listed variant. */
  pinnedVariant?: () => string | null;
  /** The active profile's `whsec_` secrets; may hit the keychain, so results are cached. */
  secrets: () => Promise<string[]>;
  now?: () => number;
  /** A failed verification may re-read the secrets at most this often (default 60 s); see #verify. */
  secretsRecheckMs?: number;
  onReceived?: (entry: InboxRecord) => void;
  /** Effects run per event-loop turn, at most this many (default 200): acks never wait behind a long queue. */
  applyChunk?: number;
}

/**
 * The pipeline: verify → persist (inbox, dedupe) → acknowledge → apply. Persisting before the 2xx
 * makes the effect durable; the dedupe claim inside the same transaction makes it exactly-once.
 */
export class WebhookProcessor {
  readonly #d: ProcessorDeps;
  readonly batcher: InboxBatcher;
  #cached: string[] | null = null;
  #cachedAt = 0;
  #applyQueue: { p: PendingDelivery; env: Envelope | null }[] = [];
  #applyScheduled = false;

  constructor(deps: ProcessorDeps) {
    this.#d = deps;
    this.batcher = new InboxBatcher(deps.inbox);
  }

  /** Records an effect's outcome with the next inbox batch. */
  finish(seq: number, state: 'done' | 'failed', error?: string | null): void {
    this.batcher.finish(seq, state, error);
  }

  /** Forgets cached secrets: call after a registration, rotation, deletion or profile switch. */
  invalidateSecrets(): void {
    this.#cached = null;
  }

  /** Keychain reads so far (tests assert forged floods do not cause them). */
  secretReads = 0;

  async #loadSecrets(): Promise<string[]> {
    this.secretReads += 1;
    const now = this.#d.now?.() ?? Date.now();
    this.#cached = await this.#d.secrets();
    this.#cachedAt = now;
    return this.#cached;
  }

  async #verify(d: RawDelivery, ignoreTimestamp: boolean): Promise<{ verdict: WebhookVerdict; reason: string; variant: string | null }> {
    const now = this.#d.now?.() ?? Date.now();
    const nowSec = Math.floor(now / 1000);
    const pin = this.#d.pinnedVariant?.() ?? null;
    const run = (secrets: string[]) => this.#d.scheme.verify({ headers: d.headers, rawBody: d.rawBody, secrets, nowSec, ignoreTimestamp, pin });
    const fresh = this.#cached === null;
    let r = run(this.#cached ?? (await this.#loadSecrets()));
    // Every change made through the console invalidates the cache explicitly. A secret stored
    // some other way is still picked up, but a failure re-reads the keychain at most once per
    // interval: a flood of forged deliveries must not turn into a flood of keychain reads.
    const recheck = this.#d.secretsRecheckMs ?? 60_000;
    if (!fresh && (r.verdict === 'unknown_secret' || r.verdict === 'bad_signature') && now - this.#cachedAt >= recheck) {
      r = run(await this.#loadSecrets());
    }
    return r;
  }

  /** Judges, stores and (if accepted) schedules one delivery; the response is sent after the commit. */
  async receive(d: RawDelivery, source: DeliverySource, opts: { replay?: boolean } = {}): Promise<DeliveryResponse & { entry: InboxRecord }> {
    const receivedAt = new Date(this.#d.now?.() ?? Date.now());
    const verdict0 = await this.#verify(d, opts.replay === true);
    let { verdict, reason } = verdict0;
    const env = readEnvelope(d.rawBody);
    if (verdict === 'verified' && (!env || !env.type)) {
      verdict = 'malformed_body';
      reason = env ? 'Signed, but the envelope has no "type".' : 'Signed, but the body is not a JSON object.';
    }
    if (d.reserialised && verdict === 'bad_signature') {
      // smee hands over the parsed body, so the bytes checked here are a re-serialisation (our own
      // relay sends the exact bytes, so the note would be wrong there).
      reason = `${reason} The relay re-serialised the JSON body: the original bytes cannot be checked. Use a byte-exact tunnel for enforce, or report-only.`;
    }
    const mode = this.#d.mode();
    const usable = env !== null && env.type !== null;
    const accept = verdict === 'verified' || (mode === 'report-only' && usable && verdict !== 'malformed_body');
    if (accept && verdict !== 'verified') reason = `report-only: applied although ${verdict} — ${reason}`;
    const entry = await this.batcher.record({
      delivery: {
        profileId: this.#d.profileId(),
        // Webhook-Id, else the event id, else type|object id|status (oms-api.md §7).
        eventId: d.headers['webhook-id'] ? dedupeKey(d.headers['webhook-id']) : env?.id ? dedupeKey(env.id) : (env?.derivedKey ?? null),
        type: env?.type ?? null,
        customerId: env?.customerIds[0] ?? null,
        verdict,
        reason,
        variant: verdict0.variant,
        source: opts.replay ? 'replay' : source,
        headers: d.headers,
        rawBody: d.rawBody,
        receivedAt,
      },
      accept,
      bypassDedupe: opts.replay === true,
    });
    this.#d.bus.publish('event.webhooks.received', contractEntry(entry));
    this.#d.onReceived?.(entry);
    if (entry.applied && env) {
      // Queued, run after the acks of this turn are written: the sender never waits on effects.
      this.#enqueueApply({ seq: entry.seq, profileId: entry.profileId, eventId: entry.eventId, type: env.type, customerId: entry.customerId, rawBody: d.rawBody }, env);
    }
    const status = accept ? 200 : 400;
    return { status, body: accept ? { received: true, duplicate: entry.duplicate, seq: entry.seq } : { received: false, verdict, reason }, entry };
  }

  #enqueueApply(p: PendingDelivery, env: Envelope | null): void {
    this.#applyQueue.push({ p, env });
    if (this.#applyScheduled) return;
    this.#applyScheduled = true;
    setImmediate(() => this.#drainApplies());
  }

  #drainApplies(): void {
    const chunk = this.#applyQueue.splice(0, this.#d.applyChunk ?? 200);
    for (const { p, env } of chunk) this.apply(p, env);
    this.#applyScheduled = this.#applyQueue.length > 0;
    if (this.#applyScheduled) setImmediate(() => this.#drainApplies());
  }

  /** Effects queued but not run yet (tests and shutdown wait for zero). */
  get applyBacklog(): number {
    return this.#applyQueue.length;
  }

  /** Runs the effect of one accepted delivery: a re-fetch of every customer it names. */
  apply(p: PendingDelivery, parsed?: Envelope | null): void {
    const env = parsed ?? readEnvelope(p.rawBody);
    const type = p.type ?? env?.type ?? 'unknown';
    const route = routeOf(type);
    const customers = env?.customerIds.length ? env.customerIds : p.customerId ? [p.customerId] : [];
    if (route?.walletsChanged) {
      this.#d.bus.publish('event.wallets.changed', { customerId: customers[0] ?? null, walletId: env?.walletId ?? null, cause: type });
    }
    if (route?.refetchCustomers && customers.length) {
      // The row settles with the first customer's re-fetch; the others are refreshed alongside.
      customers.forEach((id, i) => void this.#d.refresher.refresh(id, type, i === 0 ? p.seq : undefined));
      return;
    }
    this.batcher.finish(p.seq, 'done');
  }

  /** Acknowledged deliveries whose effect did not run (the console stopped in between). */
  resumePending(): number {
    const pending = this.#d.inbox.pending();
    for (const p of pending) this.apply(p);
    return pending.length;
  }

  /** Replays a stored delivery: re-verified (timestamp window skipped), re-applied even if seen. */
  async replay(seq: number): Promise<InboxEntry | null> {
    const stored = this.#d.inbox.get(seq);
    if (!stored) return null;
    const { entry } = await this.receive({ headers: stored.headers, rawBody: stored.rawBytes }, stored.source, { replay: true });
    // The contract's shape exactly (its schema is strict): this is what `events.replay` returns.
    return contractEntry(entry);
  }
}
