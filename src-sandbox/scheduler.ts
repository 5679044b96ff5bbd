import type { SandboxContext } from './context.ts';
import { runDueReviews } from './endorsements/engine.ts';
import { runDueSettlements } from './money/settlement.ts';
import type { Dispatcher } from './webhooks/dispatcher.ts';

/**
 * One timer for all time-based work (auto reviews, settlements, delivery retries). Due times live in SQLite on
 * the virtual clock, so work survives restarts and a clock jump just needs a kick.
 */
export class Scheduler {
  private readonly ctx: SandboxContext;
  private readonly dispatcher: Dispatcher;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(ctx: SandboxContext, dispatcher: Dispatcher) {
    this.ctx = ctx;
    this.dispatcher = dispatcher;
  }

  kick(): void {
    this.arm(0);
  }

  private arm(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    if (this.stopped) return;
    try {
      runDueReviews(this.ctx);
      runDueSettlements(this.ctx);
      this.dispatcher.dispatchDue();
    } catch (err) {
      this.ctx.log(`scheduler error: ${(err as Error).message}`);
    }
    const dues = [this.ctx.endorsements.nextDueAt(), this.ctx.transactions.nextDueAt(), this.dispatcher.nextDueAt()].filter((d): d is number => d !== null);
    if (!dues.length) return;
    // Floor of 20 ms: an in-flight delivery stays "due" until it finishes; don't spin on it.
    const wait = Math.min(Math.max(Math.min(...dues) - this.ctx.clock.now(), 20), 30_000);
    if (!this.timer) this.arm(wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
