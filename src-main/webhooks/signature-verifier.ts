import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookVerdict } from '#shared/domain/webhook.ts';

/** What a scheme needs to judge one delivery: the bytes exactly as received, never a re-parse. */
export interface VerifyInput {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  /** Candidate `whsec_…` secrets of the active profile, tried in turn. */
  secrets: readonly string[];
  nowSec: number;
  /** Replays of stored deliveries skip the window: the timestamp is old by design. */
  ignoreTimestamp?: boolean;
}

export interface VerifyResult {
  verdict: WebhookVerdict;
  /** Plain words for the event log: which check failed and what to do about it. */
  reason: string;
  /** Index into `secrets` of the one that matched (verified, stale or future). */
  secretIndex: number | null;
}

/**
 * A named signature scheme. The real OMS scheme is not confirmed yet (oms-api.md §7), so a different
 * one must be a new implementation of this interface, not a rewrite of the listener.
 */
export interface SignatureScheme {
  readonly name: string;
  verify(input: VerifyInput): VerifyResult;
}

export const TOLERANCE_SEC = 300;
const SECRET_PREFIX = 'whsec_';

/** The HMAC key: the 32 bytes the hex after `whsec_` decodes to (oms-api.md §7). */
export function secretKey(secret: string): Buffer | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const hex = secret.slice(SECRET_PREFIX.length);
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) return null;
  return Buffer.from(hex, 'hex');
}

function hmac(key: Buffer, id: string, timestamp: string, body: Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** Produces a `Webhook-Signature` value; tests, the bench and the relay fixture sign with it. */
export function signStandardWebhooks(secret: string, id: string, timestamp: number | string, body: Buffer | string): string {
  const key = secretKey(secret);
  if (!key) throw new Error('not a whsec_ secret');
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return `v1,${hmac(key, id, String(timestamp), bytes).toString('base64')}`;
}

function header(headers: VerifyInput['headers'], name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return v === undefined || v === '' ? undefined : v;
}

/** Parses `v1,<b64> v1,<b64> …`; entries of other versions are counted so the reason can name them. */
function parseSignatures(value: string): { v1: Buffer[]; others: string[] } {
  const v1: Buffer[] = [];
  const others: string[] = [];
  for (const entry of value.split(' ')) {
    if (!entry) continue;
    const comma = entry.indexOf(',');
    const version = comma < 0 ? entry : entry.slice(0, comma);
    const sig = comma < 0 ? '' : entry.slice(comma + 1);
    if (version === 'v1' && /^[A-Za-z0-9+/]+={0,2}$/.test(sig)) v1.push(Buffer.from(sig, 'base64'));
    else others.push(version.slice(0, 10));
  }
  return { v1, others };
}

/** Constant-time per comparison; the loop over candidates leaks only how many there are. */
function matches(expected: Buffer, candidates: Buffer[]): boolean {
  let found = false;
  for (const c of candidates) if (c.length === expected.length && timingSafeEqual(c, expected)) found = true;
  return found;
}

function reserialised(body: Buffer): Buffer | null {
  try {
    const again = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
    return again.equals(body) ? null : again;
  } catch {
    return null;
  }
}

/** Standard Webhooks v1: HMAC-SHA256 over `{id}.{timestamp}.{rawBody}`, base64, ±300 s. */
export const standardWebhooksV1: SignatureScheme = {
  name: 'standard-webhooks-v1',
  verify({ headers, rawBody, secrets, nowSec, ignoreTimestamp }) {
    const id = header(headers, 'webhook-id');
    const ts = header(headers, 'webhook-timestamp');
    const sigHeader = header(headers, 'webhook-signature');
    const missing = [!id && 'Webhook-Id', !ts && 'Webhook-Timestamp', !sigHeader && 'Webhook-Signature'].filter(Boolean);
    if (!id || !ts || !sigHeader) {
      return { verdict: 'missing_headers', reason: `Missing ${missing.join(', ')}: not a Standard-Webhooks delivery.`, secretIndex: null };
    }
    if (!/^\d{1,12}$/.test(ts)) {
      return { verdict: 'missing_headers', reason: 'Webhook-Timestamp is not unix seconds.', secretIndex: null };
    }
    const { v1, others } = parseSignatures(sigHeader);
    if (v1.length === 0) {
      const seen = others.length ? ` (saw: ${others.join(', ')})` : '';
      return { verdict: 'missing_headers', reason: `Webhook-Signature has no v1,<base64> entry${seen}.`, secretIndex: null };
    }
    const keys = secrets.map(secretKey);
    if (!keys.some(Boolean)) {
      return {
        verdict: 'unknown_secret',
        reason: 'No webhook secret is stored for this profile: register the endpoint (or add its whsec_ secret) first.',
        secretIndex: null,
      };
    }
    let index = -1;
    for (let i = 0; i < keys.length && index < 0; i++) {
      const key = keys[i];
      if (key && matches(hmac(key, id, ts, rawBody), v1)) index = i;
    }
    if (index < 0) {
      const again = reserialised(rawBody);
      const viaJson = again && keys.some((key) => key && matches(hmac(key, id, ts, again), v1));
      const reason = viaJson
        ? 'Signature matches the JSON re-serialised, not the bytes received: a relay or proxy rewrote the body. Use a byte-exact tunnel, or report-only.'
        : `None of ${v1.length} v1 signature(s) matched any of ${keys.filter(Boolean).length} secret(s) over ${rawBody.length} body bytes: ` +
          'the body, id or timestamp changed in transit, or OMS signs with a secret this profile does not have (rotate/re-register).';
      return { verdict: 'bad_signature', reason, secretIndex: null };
    }
    const skew = Number(ts) - nowSec;
    if (!ignoreTimestamp && skew < -TOLERANCE_SEC) {
      return { verdict: 'stale_timestamp', reason: `Signed ${-skew} s ago (limit ${TOLERANCE_SEC} s): a replay, a long delay, or this clock is behind.`, secretIndex: index };
    }
    if (!ignoreTimestamp && skew > TOLERANCE_SEC) {
      return { verdict: 'future_timestamp', reason: `Signed ${skew} s in the future (limit ${TOLERANCE_SEC} s): the sender's clock or this one is off.`, secretIndex: index };
    }
    return { verdict: 'verified', reason: `Signature ${index + 1} of ${keys.length} secret(s) matched.`, secretIndex: index };
  },
};
