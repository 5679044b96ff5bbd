import type { IncomingMessage, ServerResponse } from 'node:http';

/** What every handler returns; the pipeline owns the actual writing so faults can rewrite it. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

export function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'invalid_request');
}

/** Thrown anywhere inside a handler; the pipeline turns it into the contract's error envelope. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, message: string, opts: { code?: string; details?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = opts.code ?? codeForStatus(status);
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, `${what} ${id} not found`);
}

export function errorReply(err: ApiError, requestId: string): Reply {
  const error: Record<string, unknown> = { code: err.code, message: err.message, requestId };
  if (err.details) error.details = err.details;
  return { status: err.status, body: { error }, headers: err.headers ?? {} };
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body up to the cap; past it we stop buffering and report 413 without parsing. */
export function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', reject);
  });
}

export function writeReply(res: ServerResponse, reply: Reply, requestId: string, rawBody?: string): void {
  if (res.headersSent || res.destroyed) return;
  const text = rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.statusCode = reply.status;
  res.setHeader('Request-Id', requestId);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.end(text);
}

/** Stable JSON (sorted keys) so idempotency compares meaning, not key order or whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
