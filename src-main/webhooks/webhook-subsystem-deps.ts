import type { CustomerView } from '#shared/domain/customer.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Db } from '../store/database.ts';
import type { RelayTokenStore } from './relay-link.ts';
import type { SignatureScheme } from './signature-verifier.ts';
import type { InboxOptions } from './inbox-records.ts';
import type { VerificationMode } from './webhook-processor.ts';

/** Everything the webhook subsystem needs from the rest of main, as small functions. */
export interface WebhookSubsystemDeps {
  db: Db;
  bus: EventBus;
  activeProfileId: () => string;
  /** The active profile's `whsec_` secrets (see `profileSecrets`). */
  secrets: () => Promise<string[]>;
  /** GET the customer through the OMS client, as the renderer sees it. */
  refetchCustomer: (customerId: string) => Promise<CustomerView>;
  /** Local profile: registers `url` with the sandbox and stores its secret. Absent for remote profiles. */
  registerListener?: ((url: string) => Promise<void>) | null;
  /**
   * The active profile's verification mode: the profile owns it (settings.saveProfile) and this is
   * its only copy; the subsystem reads it per judging context and never stores one of its own.
   */
  verificationMode: () => VerificationMode;
  defaultPort?: number;
  /** The --webhook-port flag: wins over a port saved for the profile, for this run. */
  portOverride?: number;
  /** Delays between tries of a port busy at start (default BIND_RETRY_MS). */
  bindRetryMs?: readonly number[];
  scheme?: SignatureScheme;
  watchdogMs?: number;
  /** No relay traffic (smee pings every ~30 s) for this long → stale → reconnect. */
  relayStaleMs?: number;
  /** No byte on the relay stream for this long = a dead connection, redialled (default 30 s; our relay pings every 15 s). */
  relayDeadMs?: number;
  /** The relay token per profile: the keychain in the app; absent → kept in memory (tests). */
  relayTokens?: RelayTokenStore;
  relayBackoffMs?: readonly number[];
  refetchRetryMs?: readonly number[];
  log?: (line: string) => void;
  /** Caps for rejected deliveries (tests lower them). */
  inbox?: InboxOptions;
  /**
   * Where the listener acknowledges: its own worker thread (default; acks never queue behind main's
   * work), or main's thread (forced for an in-memory store or a custom signature scheme, which a
   * worker cannot share).
   */
  listenerThread?: 'worker' | 'main';
}
