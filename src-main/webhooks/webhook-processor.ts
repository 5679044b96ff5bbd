import { createHash } from 'node:crypto';
import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import type { EventBus } from '../ipc/event-bus.ts';
import type { CustomerRefresher } from './customer-refresher.ts';
import type { DeliverySource, InboxRecord, PendingDelivery, WebhookInbox } from './webhook-inbox.ts';
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
  /** The active profile's `whsec_` secrets; may hit the keychain, so results are cached. */
  secrets: () => Promise<string[]>;
  now?: () => number;
  /** A failed verification may re-read the secrets at most this often (default 60 s); see #verify. */
  secretsRecheckMs?: number;
  onReceived?: (entry: InboxRecord) => void;
}

interface Envelope {
  id: string | null;
  type: string | null;
  customerId: string | null;
  walletId: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length <= 200 ? v : null);

/**
 * The dedupe key for an id: the id itself, or a hash of it when long, so two distinct long ids
 * never collide the way a cut-off prefix did (issue 9.9). Bounded either way.
 */
export function dedupeKey(id: string): string {
  return id.length <= 200 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** Reads what routing needs from the envelope; never trusted for state (the re-fetch is). */
export function readEnvelope(raw: Buffer): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const env = parsed as { id?: unknown; type?: unknown; data?: { object?: Record<string, unknown> } };
  const obj = env.data && typeof env.data === 'object' && env.data.object && typeof env.data.object === 'object' ? env.data.object : {};
  const objId = str(obj.id);
  const customerId = str(obj.customerId) ?? (objId?.startsWith('cst_') ? objId : null);
  const walletId = str(obj.walletId) ?? (objId?.startsWith('wlt_') ? objId : null);
  return { id: str(env.id), type: str(env.type), customerId, walletId };
}

/** Event families whose effect is a wallet refresh as well as a customer re-fetch. */
const WALLET_FAMILIES = ['wallet.', 'transaction.', 'cashIn.'];

/**
 * The pipeline: verify → persist (inbox, dedupe) → acknowledge → apply. Persisting before the 2xx
 * makes the effect durable; the dedupe claim inside the same transaction makes it exactly-once.
 */
export class WebhookProcessor {
  readonly #d: ProcessorDeps;
  #cached: string[] | null = null;
  #cachedAt = 0;

  constructor(deps: ProcessorDeps) {
    this.#d = deps;
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

  async #verify(d: RawDelivery, ignoreTimestamp: boolean): Promise<{ verdict: WebhookVerdict; reason: string }> {
    const now = this.#d.now?.() ?? Date.now();
    const nowSec = Math.floor(now / 1000);
    const run = (secrets: string[]) => this.#d.scheme.verify({ headers: d.headers, rawBody: d.rawBody, secrets, nowSec, ignoreTimestamp });
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
    let { verdict, reason } = await this.#verify(d, opts.replay === true);
    const env = readEnvelope(d.rawBody);
    if (verdict === 'verified' && (!env || !env.type)) {
      verdict = 'malformed_body';
      reason = env ? 'Signed, but the envelope has no "type".' : 'Signed, but the body is not a JSON object.';
    }
    if (source === 'relay' && verdict === 'bad_signature') {
      // smee hands over the parsed body, so the bytes checked here are a re-serialisation.
      reason = `${reason} The relay re-serialised the JSON body: the original bytes cannot be checked. Use a byte-exact tunnel for enforce, or report-only.`;
    }
    const mode = this.#d.mode();
    const usable = env !== null && env.type !== null;
    const accept = verdict === 'verified' || (mode === 'report-only' && usable && verdict !== 'malformed_body');
    if (accept && verdict !== 'verified') reason = `report-only: applied although ${verdict} — ${reason}`;
    const entry = this.#d.inbox.record(
      {
        profileId: this.#d.profileId(),
        eventId: d.headers['webhook-id'] ? dedupeKey(d.headers['webhook-id']) : (env?.id ?? null),
        type: env?.type ?? null,
        customerId: env?.customerId ?? null,
        verdict,
        reason,
        source: opts.replay ? 'replay' : source,
        headers: d.headers,
        rawBody: d.rawBody,
        receivedAt,
      },
      accept,
      opts.replay === true,
    );
    this.#d.bus.publish('event.webhooks.received', entry);
    this.#d.onReceived?.(entry);
    if (entry.applied && env) {
      // After the caller has sent the 2xx: the sender never waits on OMS round-trips.
      setImmediate(() => this.apply({ seq: entry.seq, profileId: this.#d.profileId(), eventId: entry.eventId, type: env.type, customerId: env.customerId, rawBody: d.rawBody }));
    }
    const status = accept ? 200 : 400;
    return { status, body: accept ? { received: true, duplicate: entry.duplicate, seq: entry.seq } : { received: false, verdict, reason }, entry };
  }

  /** Runs the effect of one accepted delivery: a re-fetch of the customer it names. */
  apply(p: PendingDelivery): void {
    const env = readEnvelope(p.rawBody);
    const type = p.type ?? env?.type ?? 'unknown';
    const customerId = p.customerId ?? env?.customerId ?? null;
    if (WALLET_FAMILIES.some((f) => type.startsWith(f))) {
      this.#d.bus.publish('event.wallets.changed', { customerId, walletId: env?.walletId ?? null, cause: type });
    }
    if (customerId && (type.startsWith('customer.') || WALLET_FAMILIES.some((f) => type.startsWith(f)))) {
      void this.#d.refresher.refresh(customerId, type, p.seq);
      return;
    }
    this.#d.inbox.finish(p.seq, 'done');
  }

  /** Acknowledged deliveries whose effect did not run (the console stopped in between). */
  resumePending(): number {
    const pending = this.#d.inbox.pending();
    for (const p of pending) this.apply(p);
    return pending.length;
  }

  /** Replays a stored delivery: re-verified (timestamp window skipped), re-applied even if seen. */
  async replay(seq: number): Promise<InboxRecord | null> {
    const stored = this.#d.inbox.get(seq);
    if (!stored) return null;
    const { entry } = await this.receive({ headers: stored.headers, rawBody: stored.rawBytes }, stored.source, { replay: true });
    return entry;
  }
}
