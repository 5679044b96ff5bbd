import type { SandboxContext } from '../context.ts';
import type { Reply } from '../http-util.ts';

export interface ApiRequest {
  ctx: SandboxContext;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  apiKey: string | null;
  requestId: string;
}

/**
 * OMS handlers are synchronous on purpose: the pipeline runs them inside one SQLite transaction
 * together with the idempotency record, which an await would break.
 */
export interface ApiRoute {
  auth: boolean;
  /** POST/PUT that requires Idempotency-Key. */
  idempotent: boolean;
  handler: (r: ApiRequest) => Reply;
}

export type ControlHandler = (r: ApiRequest) => Reply | Promise<Reply>;

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

/** Opaque cursor over an integer sequence; bad input is a 400 that names the parameter. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const m = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : Number.NaN;
}
