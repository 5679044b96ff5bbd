import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { scrubText } from '../lib/redact.ts';
import { OmsError } from './oms-error.ts';
import { parseAnswer, type RawAnswer } from './parse-answer.ts';
import { currentLane, RateGate } from './request-priority.ts';
import { decideRetry, MAX_ATTEMPTS, parseRetryAfter } from './retry-policy.ts';
import { expiryFrom, TokenManager } from './token-manager.ts';

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

/** One HTTP attempt as the request log records it (the sink redacts the path). */
export interface AttemptRecord {
  method: string;
  /** Path below the base URL, with its query string. */
  path: string;
  status: number | null;
  durationMs: number;
  attempt: number;
  idempotencyKey: string | null;
  requestId: string | null;
  errorCode: string | null;
}

export interface OmsClientOptions {
  /** Base URL including the version segment, e.g. https://sandbox-api.polygon.technology/v0.9. */
  baseUrl: string;
  credentials: () => Promise<Credentials>;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  timeoutMs?: number;
  maxAttempts?: number;
  onAttempt?: (rec: AttemptRecord) => void;
  /** The profile's request budget, shared by every call; user calls go first (request-priority.ts). */
  gate?: RateGate;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A request whose 2xx body the caller reads itself (the directory's walk parses its pages off main's thread). */
export interface OmsTextRequest {
  method: Method;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** One per logical operation, reused by every retry. POSTs without one get one here. */
  idempotencyKey?: string;
  /** Names the object in messages ("customer", "wallet list"). */
  what: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

export interface OmsRequest<S extends z.ZodType> extends OmsTextRequest {
  schema: S;
}

const ErrorEnvelope = z.looseObject({
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional(), requestId: z.string().optional(), details: z.unknown().optional() }),
});
// Field-level validation issues (`details.issues[{path, message}]`), kept so a form can mark its fields.
const Issues = z.looseObject({ issues: z.array(z.looseObject({ path: z.string(), message: z.string() })).max(50) });
const TokenAnswer = z.looseObject({ accessToken: z.string().min(1), expiresIn: z.number().nullish(), expiresAt: z.string().nullish() });

export const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new OmsError('cancelled', 'The request was cancelled.'));
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(t), reject(new OmsError('cancelled', 'The request was cancelled.')));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

interface RawResponse {
  status: number;
  text: string;
  requestId: string | null;
  retryAfter: string | null;
}

/**
 * The transport to one OMS base URL: bearer auth with a shared token, retries that are safe by
 * construction, a timeout per attempt, caller cancellation, and zod-checked answers.
 */
export class OmsClient {
  readonly baseUrl: string;
  readonly tokens: TokenManager;
  #o: Required<Omit<OmsClientOptions, 'onAttempt' | 'gate'>> & { onAttempt: (r: AttemptRecord) => void };
  readonly gate: RateGate;
  #secrets = new Set<string>();

  constructor(opts: OmsClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.#o = {
      baseUrl: this.baseUrl,
      credentials: opts.credentials,
      fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
      now: opts.now ?? Date.now,
      sleep: opts.sleep ?? defaultSleep,
      random: opts.random ?? Math.random,
      timeoutMs: opts.timeoutMs ?? 15_000,
      maxAttempts: opts.maxAttempts ?? MAX_ATTEMPTS,
      onAttempt: opts.onAttempt ?? (() => {}),
    };
    this.gate = opts.gate ?? new RateGate();
    this.tokens = new TokenManager({ exchange: () => this.#exchange(), now: this.#o.now });
  }

  /** Sends one logical request (possibly several attempts) and returns the parsed answer. */
  async request<S extends z.ZodType>(r: OmsRequest<S>): Promise<z.output<S>> {
    return parseAnswer(r.what, r.schema, await this.requestText(r));
  }

  /** The same request, answering with the 2xx body unparsed: the caller owes it the same schema check. */
  async requestText(r: OmsTextRequest): Promise<RawAnswer> {
    const key = r.idempotencyKey ?? (r.method === 'POST' ? randomUUID() : null);
    const path = r.path + queryString(r.query);
    let attempt = 0;
    let budget = 0;
    let reauthed = false;
    const lane = currentLane();
    for (;;) {
      attempt += 1;
      budget += 1;
      const token = await this.tokens.get(r.signal);
      // Every attempt, retries included, waits for its slot: a search superseded while it waits is never sent.
      await this.gate.take(lane, r.signal);
      let res: RawResponse;
      try {
        res = await this.#send(r.method, path, r.body, { token, key, attempt, signal: r.signal, timeoutMs: r.timeoutMs });
      } catch (e) {
        const err = e as OmsError;
        if (err.kind === 'cancelled') throw err;
        const d = decideRetry({ method: r.method, idempotencyKey: key, attempt: budget, status: null, retryAfterMs: null, random: this.#o.random, maxAttempts: this.#o.maxAttempts });
        if (!d.retry) throw err;
        await this.#o.sleep(d.delayMs, r.signal);
        continue;
      }
      if (res.status === 401 && !reauthed) {
        // The token died early (revoked, server restarted, clock skew): one new token, one retry.
        reauthed = true;
        budget -= 1;
        this.tokens.invalidate(token);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return { status: res.status, text: res.text, requestId: res.requestId };
      const retryAfterMs = parseRetryAfter(res.retryAfter, this.#o.now());
      // Someone hit OMS's limit: background work steps back so the next user call is not refused too.
      if (res.status === 429) this.gate.backOff(retryAfterMs ?? 1000);
      const d = decideRetry({ method: r.method, idempotencyKey: key, attempt: budget, status: res.status, retryAfterMs, random: this.#o.random, maxAttempts: this.#o.maxAttempts });
      if (d.retry) {
        await this.#o.sleep(d.delayMs, r.signal);
        continue;
      }
      throw this.#httpError(r, res, budget, retryAfterMs);
    }
  }

  async #send(
    method: string,
    path: string,
    body: unknown,
    a: { token: string | null; key: string | null; attempt: number; signal: AbortSignal | undefined; timeoutMs: number | undefined },
  ): Promise<RawResponse> {
    const timeoutMs = a.timeoutMs ?? this.#o.timeoutMs;
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(new OmsError('timeout', `OMS did not answer ${method} ${path.split('?')[0]} within ${fmtSec(timeoutMs)}.`)), timeoutMs);
    const onCallerAbort = () => ctl.abort(new OmsError('cancelled', 'The request was cancelled.'));
    if (a.signal?.aborted) onCallerAbort();
    a.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (a.token !== null) headers.Authorization = `Bearer ${a.token}`;
    if (a.key !== null) headers['Idempotency-Key'] = a.key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const started = performance.now();
    const record = (status: number | null, requestId: string | null, errorCode: string | null) =>
      this.#o.onAttempt({ method, path, status, durationMs: Math.round(performance.now() - started), attempt: a.attempt, idempotencyKey: a.key, requestId, errorCode });
    try {
      const res = await this.#o.fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: ctl.signal,
        // A redirect would carry the bearer token to wherever OMS (or an intruder) points.
        redirect: 'error',
      });
      // The body is read under the same timeout: a server that stalls mid-body is a hung request.
      const text = await res.text();
      const out = { status: res.status, text, requestId: res.headers.get('request-id'), retryAfter: res.headers.get('retry-after') };
      out.requestId ??= requestIdFromBody(text);
      record(out.status, out.requestId, res.ok ? null : (omsCodeFromBody(text) ?? `http_${res.status}`));
      return out;
    } catch (e) {
      const reason = ctl.signal.reason;
      const err =
        reason instanceof OmsError
          ? reason
          : new OmsError('network', `Could not reach OMS at ${new URL(this.baseUrl).host}: ${scrubText(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : 'network error')}.`);
      record(null, null, err.kind);
      throw err;
    } finally {
      clearTimeout(timer);
      a.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  #httpError(r: OmsTextRequest, res: RawResponse, attempts: number, retryAfterMs: number | null): OmsError {
    const env = ErrorEnvelope.safeParse(safeJson(res.text));
    const omsCode = env.success ? (env.data.error.code ?? null) : null;
    const omsMessage = env.success && env.data.error.message ? scrubText(env.data.error.message, this.#secrets).slice(0, 300) : null;
    const retryAfterSec = retryAfterMs === null ? null : Math.ceil(retryAfterMs / 1000);
    const tail = `(${res.status}${omsCode ? ` ${omsCode}` : ''}${res.requestId ? `, request ${res.requestId}` : ''})`;
    let message: string;
    if (res.status === 429) message = `OMS is rate-limiting this console${retryAfterSec !== null ? `; try again in ${retryAfterSec} s` : ''} ${tail}.`;
    else if (res.status >= 500 || res.status === 408)
      message = `OMS could not handle the ${r.what} request${attempts > 1 ? ` after ${attempts} attempts` : ''} ${tail}.`;
    else if (res.status === 401 || res.status === 403) message = `OMS refused this profile's credentials: ${omsMessage ?? 'not authorised'} ${tail}.`;
    else message = `OMS refused the ${r.what} request: ${omsMessage ?? 'no reason given'} ${tail}.`;
    const iss = env.success ? Issues.safeParse(env.data.error.details) : null;
    const issues = iss?.success ? iss.data.issues.map((i) => ({ path: i.path.slice(0, 100), message: scrubText(i.message, this.#secrets).slice(0, 200) })) : null;
    return new OmsError('http', message, { status: res.status, omsCode, requestId: res.requestId, retryAfterSec, issues });
  }

  async #exchange() {
    const creds = await this.#o.credentials();
    this.#secrets.add(creds.apiKey).add(creds.apiSecret);
    // No Authorization header and no retry: a refused key must surface once, not loop.
    const res = await this.#send('POST', '/auth/token', { apiKey: creds.apiKey, apiSecret: creds.apiSecret }, { token: null, key: null, attempt: 1, signal: undefined, timeoutMs: undefined });
    if (res.status === 401 || res.status === 403) {
      throw new OmsError('credentials', `OMS rejected this profile's API key and secret (${res.status}). Check them in Settings.`, { status: res.status, omsCode: omsCodeFromBody(res.text), requestId: res.requestId });
    }
    if (res.status < 200 || res.status >= 300) throw this.#httpError({ what: 'token' } as OmsTextRequest, res, 1, parseRetryAfter(res.retryAfter, this.#o.now()));
    const body = parseAnswer('token', TokenAnswer, res);
    this.#secrets.add(body.accessToken);
    return { value: body.accessToken, expiresAtMs: expiryFrom(body, this.#o.now()) };
  }
}

function queryString(q: OmsTextRequest['query']): string {
  if (!q) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const requestIdFromBody = (text: string) => {
  const env = ErrorEnvelope.safeParse(safeJson(text));
  return env.success ? (env.data.error.requestId ?? null) : null;
};
const omsCodeFromBody = (text: string) => {
  const env = ErrorEnvelope.safeParse(safeJson(text));
  return env.success ? (env.data.error.code ?? null) : null;
};
const fmtSec = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);
