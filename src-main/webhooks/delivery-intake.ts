import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import { InboxBatcher } from './inbox-batcher.ts';
import { dedupeKey, readEnvelope, type Envelope } from './webhook-envelope.ts';
import type { DeliverySource, InboxRecord, PendingDelivery } from './inbox-records.ts';
import type { WebhookInbox } from './webhook-inbox.ts';
import type { DeliveryResponse, RawDelivery } from './webhook-server.ts';
import type { SignatureScheme } from './signature-verifier.ts';

export type VerificationMode = 'enforce' | 'report-only';

/**
 * What main needs to apply one accepted delivery: plain data, so it crosses from the listener's
 * worker thread as is (no secret, no body).
 */
export interface Effect {
  seq: number;
  profileId: string;
  eventId: string | null;
  type: string;
  customerId: string | null;
  customerIds: string[];
  walletId: string | null;
}

export interface IntakeDeps {
  inbox: WebhookInbox;
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
}

export type Received = DeliveryResponse & { entry: InboxRecord; effect: Effect | null };

/** The effect of a stored row (resumed after a restart): its envelope read again from the bytes. */
export function effectOf(p: PendingDelivery, parsed?: Envelope | null): Effect {
  const env = parsed ?? readEnvelope(p.rawBody);
  const customerIds = env?.customerIds.length ? env.customerIds : p.customerId ? [p.customerId] : [];
  return { seq: p.seq, profileId: p.profileId, eventId: p.eventId, type: p.type ?? env?.type ?? 'unknown', customerId: p.customerId, customerIds, walletId: env?.walletId ?? null };
}

/**
 * The acknowledging half of the pipeline: verify → persist (inbox, dedupe) → answer. Persisting
 * before the 2xx makes the effect durable; the dedupe claim inside the same transaction makes it
 * exactly-once. It runs wherever the listener runs (the worker thread, or main for relay and replay);
 * what to do with an accepted delivery is the caller's (`effect`).
 */
export class DeliveryIntake {
  readonly #d: IntakeDeps;
  readonly batcher: InboxBatcher;
  #cached: string[] | null = null;
  #cachedAt = 0;
  /** Bumped by every invalidation: a read that started before one must not be cached after it. */
  #generation = 0;
  /** Keychain reads so far (tests assert forged floods do not cause them). */
  secretReads = 0;

  constructor(deps: IntakeDeps) {
    this.#d = deps;
    this.batcher = new InboxBatcher(deps.inbox);
  }

  /** Forgets cached secrets: call after a registration, rotation, deletion or profile switch. */
  invalidateSecrets(): void {
    this.#cached = null;
    this.#generation += 1;
  }

  /**
   * Secrets read ahead by whoever owns the keychain (main, for the worker), so the first delivery
   * does not wait on it. `generation` is the number of invalidations the read started after: an
   * older read is dropped.
   */
  prime(secrets: string[], generation: number, now = Date.now()): void {
    if (generation !== this.#generation) return;
    this.#cached = secrets;
    this.#cachedAt = now;
  }

  async #loadSecrets(now: number): Promise<string[]> {
    this.secretReads += 1;
    const generation = this.#generation;
    const secrets = await this.#d.secrets();
    // A registration finishing meanwhile stored a new secret: this (older) answer is used once, not kept.
    if (generation === this.#generation) {
      this.#cached = secrets;
      this.#cachedAt = now;
    }
    return secrets;
  }

  async #verify(d: RawDelivery, ignoreTimestamp: boolean, now: number): Promise<{ verdict: WebhookVerdict; reason: string; variant: string | null }> {
    const nowSec = Math.floor(now / 1000);
    const pin = this.#d.pinnedVariant?.() ?? null;
    const run = (secrets: string[]) => this.#d.scheme.verify({ headers: d.headers, rawBody: d.rawBody, secrets, nowSec, ignoreTimestamp, pin });
    const fresh = this.#cached === null;
    let r = run(this.#cached ?? (await this.#loadSecrets(now)));
    // Every change made through the console invalidates the cache explicitly. A secret stored
    // some other way is still picked up, but a failure re-reads the keychain at most once per
    // interval: a flood of forged deliveries must not turn into a flood of keychain reads.
    const recheck = this.#d.secretsRecheckMs ?? 60_000;
    if (!fresh && (r.verdict === 'unknown_secret' || r.verdict === 'bad_signature') && now - this.#cachedAt >= recheck) {
      r = run(await this.#loadSecrets(now));
    }
    return r;
  }

  /** Judges (at `opts.at`, else now) and stores one delivery; resolves after the commit that holds its row. */
  async receive(d: RawDelivery, source: DeliverySource, opts: { replay?: boolean; at?: number } = {}): Promise<Received> {
    const now = opts.at ?? this.#d.now?.() ?? Date.now();
    const receivedAt = new Date(now);
    const verdict0 = await this.#verify(d, opts.replay === true, now);
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
    const effect = entry.applied && env ? effectOf({ ...entry, rawBody: d.rawBody }, env) : null;
    const status = accept ? 200 : 400;
    return { status, body: accept ? { received: true, duplicate: entry.duplicate, seq: entry.seq } : { received: false, verdict, reason }, entry, effect };
  }
}
