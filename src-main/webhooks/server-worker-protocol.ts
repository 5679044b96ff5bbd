import type { Effect, VerificationMode } from './delivery-intake.ts';
import type { FinishRecord, InboxOptions, InboxRecord } from './inbox-records.ts';

/** What every delivery is judged against; main sends it whenever it changes. */
export interface IntakeContext {
  profileId: string;
  mode: VerificationMode;
  pin: string | null;
}

export interface ServerWorkerData {
  /** The console's database file: main has already brought its schema up to date. */
  dbPath: string;
  inbox: InboxOptions;
  context: IntakeContext;
  maxBodyBytes?: number;
}

export interface StoredItem {
  entry: InboxRecord;
  effect: Effect | null;
}

/** Main → worker. `id` pairs a request with its `reply`. */
export type ToWorker =
  | { t: 'context'; context: IntakeContext }
  | { t: 'secrets'; id: number; secrets: string[] | null; error?: string }
  | { t: 'invalidate' }
  /** Secrets read ahead after the `generation`-th invalidation (the worker never waits on main for them). */
  | { t: 'prime'; secrets: string[]; generation: number }
  | { t: 'bind'; id: number; port: number }
  | { t: 'close'; id: number; port: number }
  | { t: 'sync'; id: number }
  /** Effects' outcomes, written with the worker's next batch. */
  | { t: 'finish'; items: FinishRecord[] }
  | { t: 'stop'; id: number };

export interface IntakeStats {
  commits: number;
  rows: number;
  writeMs: number;
  maxWriteMs: number;
  secretReads: number;
}

/** Worker → main. Rows are announced in commit order, before their senders are answered. */
export type FromWorker =
  | { t: 'stored'; items: StoredItem[] }
  | { t: 'wantSecrets'; id: number }
  | { t: 'reply'; id: number; ok: true; port?: number; stats?: IntakeStats }
  | { t: 'reply'; id: number; ok: false; code: string | null; message: string };
