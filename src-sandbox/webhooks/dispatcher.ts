import type { SandboxContext } from '../context.ts';
import { newId } from '../ids.ts';
import { tx } from '../store/db.ts';
import type { DeliveryRecord } from '../store/events.repo.ts';
import type { WebhookRecord } from '../store/webhooks.repo.ts';
import { postJson, type PostResult } from './http-post.ts';
import { signedHeaders } from './signer.ts';

/** Standard-Webhooks retry schedule in seconds: delay before attempt n+1 after attempt n failed. */
export const RETRY_SCHEDULE_SEC = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];
const MAX_IN_FLIGHT = 16;

export class Dispatcher {
  private readonly ctx: SandboxContext;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(ctx: SandboxContext) {
    this.ctx = ctx;
  }

  /** Starts every due delivery not already in flight. */
  dispatchDue(): void {
    if (this.closed) return;
    const room = MAX_IN_FLIGHT - this.inflight.size;
    if (room <= 0) return;
    const due = this.ctx.events.dueDeliveries(this.ctx.clock.now(), room + this.inflight.size).filter((d) => !this.inflight.has(d.id));
    const batch = due.slice(0, room);
    const outOfOrder = this.ctx.faults.webhooks.outOfOrder === true;
    if (outOfOrder) batch.reverse();
    batch.forEach((d, i) => {
      // A lease: if the process dies mid-attempt the delivery becomes due again after the timeout.
      d.nextAttemptAt = this.ctx.clock.now() + this.ctx.config.deliveryTimeoutMs + 1000;
      this.ctx.events.updateDelivery(d);
      const stagger = outOfOrder ? (batch.length - i) * 25 : 0;
      const p = this.attempt(d, stagger).finally(() => {
        this.inflight.delete(d.id);
        this.ctx.kick();
      });
      this.inflight.set(d.id, p);
    });
  }

  private async attempt(d: DeliveryRecord, staggerMs: number): Promise<void> {
    if (staggerMs) await new Promise((r) => setTimeout(r, staggerMs));
    const webhook = this.ctx.webhooks.byId(d.webhookId);
    const body = this.ctx.events.eventBody(d.eventId);
    if (!webhook || !webhook.enabled || webhook.status !== 'active' || body === undefined) {
      tx(this.ctx.db, () => this.ctx.events.updateDelivery({ ...d, status: 'cancelled', nextAttemptAt: null, updatedAt: this.ctx.clock.nowIso() }));
      return;
    }
    const copies = 1 + (this.ctx.faults.webhooks.duplicate ?? 0);
    const startedAt = this.ctx.clock.nowIso();
    const results = await Promise.all(Array.from({ length: copies }, () => this.send(webhook, d.eventId, body)));
    const result = results[0]!;
    if (this.closed || result.aborted) {
      // Shutdown interrupted the attempt: not the receiver's fault, so retry right away next start.
      if (!this.ctx.db.isOpen) return;
      this.ctx.events.updateDelivery({ ...d, nextAttemptAt: this.ctx.clock.now() });
      return;
    }
    this.record(d, webhook, result, startedAt);
  }

  /** Signs freshly (new timestamp) and posts once. */
  send(webhook: WebhookRecord, eventId: string, body: string): Promise<PostResult> {
    const skew = this.ctx.faults.webhooks.timestampSkewSec ?? 0;
    // Wall time, not the virtual clock: receivers check the timestamp against their own clock, so
    // after a QA clock jump every later delivery would be refused as from the future.
    const ts = Math.floor(Date.now() / 1000) + skew;
    return postJson(webhook.url, signedHeaders(webhook.secret, eventId, ts, body), body, this.ctx.config.deliveryTimeoutMs, this.abort.signal);
  }

  /** Logs the attempt and moves the delivery on: delivered, retry later, exhausted, or 410-disabled. */
  record(d: DeliveryRecord, webhook: WebhookRecord, result: PostResult, startedAt: string, retries = true): DeliveryRecord {
    const now = this.ctx.clock.now();
    const nowIso = new Date(now).toISOString();
    const attempts = d.attempts + 1;
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const gone = result.statusCode === 410;
    let next: number | null = null;
    let status: DeliveryRecord['status'] = ok ? 'succeeded' : 'failed';
    if (!ok && !gone && retries && attempts < RETRY_SCHEDULE_SEC.length) {
      next = now + Math.round(RETRY_SCHEDULE_SEC[attempts]! * 1000 * this.ctx.config.retryScale);
      status = 'pending';
    }
    const updated: DeliveryRecord = { ...d, status, attempts, nextAttemptAt: next, updatedAt: nowIso };
    tx(this.ctx.db, () => {
      this.ctx.events.updateDelivery(updated);
      this.ctx.events.insertAttempt({
        deliveryId: d.id,
        attemptNo: attempts,
        startedAt,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
        nextAttemptAt: next === null ? null : new Date(next).toISOString(),
      });
      if (gone) {
        const fresh = this.ctx.webhooks.byId(webhook.id);
        if (fresh) {
          this.ctx.webhooks.update({ ...fresh, enabled: false, status: 'disabled', disabledReason: 'receiver answered 410 Gone', updatedAt: nowIso });
          this.ctx.events.cancelPendingFor(webhook.id, nowIso);
        }
      }
    });
    this.ctx.log(`webhook ${webhook.id} delivery ${d.id} attempt ${attempts} -> ${result.statusCode ?? result.error}`);
    return updated;
  }

  /** Control API: sends a stored event to one endpoint right now, logged as a one-shot delivery. */
  async sendNow(webhook: WebhookRecord, eventId: string, body: string): Promise<DeliveryRecord> {
    const nowIso = this.ctx.clock.nowIso();
    const d: DeliveryRecord = { id: newId('dlv'), eventId, webhookId: webhook.id, status: 'pending', attempts: 0, nextAttemptAt: null, kind: 'manual', createdAt: nowIso, updatedAt: nowIso };
    this.ctx.events.insertDelivery(d);
    const result = await this.send(webhook, eventId, body);
    if (this.closed) return d;
    return this.record(d, webhook, result, nowIso, false);
  }

  nextDueAt(): number | null {
    return this.ctx.events.nextDueAt();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await Promise.allSettled([...this.inflight.values()]);
  }
}
