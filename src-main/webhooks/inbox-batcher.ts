import type { InboxRecord, NewRecord } from './inbox-records.ts';
import type { WebhookInbox } from './webhook-inbox.ts';

interface Waiting {
  item: NewRecord;
  resolve: (r: InboxRecord) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commits: every delivery whose body completed in the same event-loop turn is stored in one
 * transaction, and outcomes of applied effects are written the same way. At 1,000 deliveries/s a
 * transaction per delivery spent most of main's time in BEGIN/COMMIT and pushed ack latency into
 * seconds (bench/webhooks-console.bench.ts); one per turn keeps the same durability (each sender is
 * answered only after the commit that holds its row) at a fraction of the cost.
 */
export class InboxBatcher {
  readonly #inbox: WebhookInbox;
  #records: Waiting[] = [];
  #finishes: { seq: number; state: 'done' | 'failed'; error: string | null }[] = [];
  #scheduled = false;
  /** Transactions written and rows in them (the bench reads these). */
  commits = 0;
  rows = 0;
  /** Time spent in those transactions, waits for the other connection's write lock included (ms). */
  writeMs = 0;
  maxWriteMs = 0;

  constructor(inbox: WebhookInbox) {
    this.#inbox = inbox;
  }

  /** Resolves once the row is committed; rejects (so the sender gets a 503 and retries) if not. */
  record(item: NewRecord): Promise<InboxRecord> {
    return new Promise((resolve, reject) => {
      this.#records.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** The effect's outcome; written with the next batch (a crash before it leaves the row pending, which is resumed). */
  finish(seq: number, state: 'done' | 'failed', error?: string | null): void {
    this.#finishes.push({ seq, state, error: error ?? null });
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After the I/O phase: everything that arrived in this turn joins the batch.
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.#scheduled = false;
    const batch = this.#records;
    const finishes = this.#finishes;
    this.#records = [];
    this.#finishes = [];
    if (batch.length === 0 && finishes.length === 0) return;
    let recs: InboxRecord[] = [];
    const t0 = performance.now();
    try {
      // New rows and earlier effects' outcomes share one transaction: one commit per turn.
      recs = this.#inbox.writeBatch(batch.map((b) => b.item), finishes);
    } catch (e) {
      batch.forEach((b) => b.reject(e));
      // The outcomes are lost with it; their rows stay pending and are applied again at the next
      // start (the effect is a re-fetch, so that is safe).
      return;
    }
    const took = performance.now() - t0;
    this.writeMs += took;
    this.maxWriteMs = Math.max(this.maxWriteMs, took);
    this.commits += 1;
    this.rows += recs.length;
    batch.forEach((b, i) => b.resolve(recs[i]!));
  }
}
