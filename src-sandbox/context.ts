import type { Clock } from './clock.ts';
import type { FaultState } from './faults.ts';
import type { QMatch } from './store/customer-query.ts';
import type { CustomersStore } from './store/customers.repo.ts';
import type { Db } from './store/db.ts';
import type { EndorsementsStore } from './store/endorsements.repo.ts';
import type { EventsStore } from './store/events.repo.ts';
import type { TransactionsStore } from './store/transactions.repo.ts';
import type { WalletsStore } from './store/wallets.repo.ts';
import type { WebhooksStore } from './store/webhooks.repo.ts';

export interface SandboxConfig {
  basePath: string;
  tokenTtlSec: number;
  rateLimitPerSec: number;
  preview: boolean;
  /**
   * Behave like an OMS that offers only what the official pages publish: every sandbox [choice]
   * extension a client could lean on is off (docs/oms-api.md §9 lists them).
   */
  documentedOnly: boolean;
  retryScale: number;
  deliveryTimeoutMs: number;
}

/** Money movement knobs (control API `PUT /_sandbox/money`, CLI flags); failNext lives in memory only. */
export interface MoneyConfig {
  settlementDelayMs: number;
  quoteTtlSec: number;
  failNext: number;
}

export interface ReviewConfig {
  mode: 'auto' | 'manual';
  delayMs: number;
}

/**
 * How the list's `q` matches (control API `/_sandbox/search`): a test aid, in memory only, so a
 * restarted sandbox always matches as the console's rule does.
 */
export interface SearchConfig {
  qMatch: QMatch;
}

export interface Stats {
  tokenExchanges: number;
  requests: Record<string, number>;
}

/** Everything a handler may touch, built once in server.ts and passed down (no module singletons). */
export interface SandboxContext {
  db: Db;
  clock: Clock;
  config: SandboxConfig;
  review: ReviewConfig;
  money: MoneyConfig;
  search: SearchConfig;
  faults: FaultState;
  stats: Stats;
  customers: CustomersStore;
  endorsements: EndorsementsStore;
  wallets: WalletsStore;
  transactions: TransactionsStore;
  webhooks: WebhooksStore;
  events: EventsStore;
  /** Wakes the scheduler after something became due (a review, a delivery, a clock jump). */
  kick(): void;
  log(line: string): void;
}
