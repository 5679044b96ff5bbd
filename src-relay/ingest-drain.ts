import type { ServerResponse } from 'node:http';

/**
 * The ingests this instance is receiving or storing, so a stop can let them finish: a sender whose
 * body is on its way gets its answer (200 once stored) instead of a cut connection, and OMS does not
 * resend what was already kept.
 */
export class IngestDrain {
  private readonly open = new Map<ServerResponse, Promise<void>>();
  stopping = false;

  /** Runs one ingest; it counts as in flight until its answer has left (or its connection died). */
  track(res: ServerResponse, work: () => Promise<void>): Promise<void> {
    const answered = new Promise<void>((r) => {
      res.once('finish', r);
      res.once('close', r);
    });
    const run = work();
    const done = Promise.allSettled([run, answered]).then(() => {
      this.open.delete(res);
    });
    this.open.set(res, done);
    if (this.stopping) res.shouldKeepAlive = false;
    return run;
  }

  /** From now on every answer closes its connection, so the server can finish closing. */
  beginStop(): void {
    this.stopping = true;
    for (const res of this.open.keys()) if (!res.headersSent) res.shouldKeepAlive = false;
  }

  get size(): number {
    return this.open.size;
  }

  /** Waits up to `ms` for the ingests in flight; says how many finished and how many were still going. */
  async settle(ms: number): Promise<{ finished: number; unfinished: number }> {
    const waiting = [...this.open.values()];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(waiting), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
    return { finished: waiting.length - this.open.size, unfinished: this.open.size };
  }
}
