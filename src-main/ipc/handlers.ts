import type { Contract } from '#shared/ipc/registry.ts';
import type { OutputOf, ParsedInputOf } from '#shared/ipc/operation.ts';

export interface Caller {
  transport: 'electron' | 'browser' | 'test';
  /** Origin of the page that called, as the transport saw it. */
  origin: string;
}

export interface CallContext {
  caller: Caller;
  /** Aborted when the caller goes away (window closed, socket gone). */
  signal?: AbortSignal;
}

type Handler<Op> = (input: ParsedInputOf<Op>, ctx: CallContext) => Promise<OutputOf<Op>>;

/** One handler per operation, type-checked against the contract: a missing one fails `tsc`. */
export type Handlers = {
  [D in keyof Contract]: { [K in keyof Contract[D]]: Handler<Contract[D][K]> };
};
export type DomainHandlers<D extends keyof Contract> = Handlers[D];
