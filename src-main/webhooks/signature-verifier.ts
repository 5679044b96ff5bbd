import { SIGNATURE_VARIANT_NAMES as SHARED_VARIANT_NAMES } from '#shared/domain/webhook.ts';
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
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
  /** Only this variant is tried (a profile that knows how its OMS signs). */
  pin?: string | null;
}

export interface VerifyResult {
  verdict: WebhookVerdict;
  /** Plain words for the inbox: which check failed and what to do about it. */
  reason: string;
  /** Index into `secrets` of the one that matched (verified, stale or future). */
  secretIndex: number | null;
  /** Name of the variant whose signature matched (verified, stale or future), else null. */
  variant: string | null;
}

/** A named way to judge a delivery. */
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

type KeyForm = 'hex' | 'ascii';
type SigEncoding = 'base64' | 'hex';
type Layout = 'v1-list' | 't-v1';

/**
 * One HMAC-SHA256 variant. OMS publishes only the header name and the hex secret, so the receiver
 * knows a fixed, named list of plausible layouts; each one still requires the profile's secret.
 */
export interface SignatureVariant {
  name: string;
  key: KeyForm;
  encoding: SigEncoding;
  /** `v1-list`: `Webhook-Signature: v1,<sig> v1,<sig>`, signed `{Webhook-Id}.{Webhook-Timestamp}.{body}`.
   *  `t-v1`: `Webhook-Signature: t=<unix>,v1=<sig>[,v1=<sig>]`, signed `{t}.{body}`. */
  layout: Layout;
}

const variant = (name: string, layout: Layout, key: KeyForm, encoding: SigEncoding): SignatureVariant => ({ name, layout, key, encoding });

/** Tried in this order; the first is the default scheme (Standard Webhooks, oms-api.md §7). */
export const SIGNATURE_VARIANTS: readonly SignatureVariant[] = [
  variant('standard-webhooks-v1', 'v1-list', 'hex', 'base64'),
  variant('standard-webhooks-v1-hex-signature', 'v1-list', 'hex', 'hex'),
  variant('standard-webhooks-v1-ascii-key', 'v1-list', 'ascii', 'base64'),
  variant('standard-webhooks-v1-ascii-key-hex-signature', 'v1-list', 'ascii', 'hex'),
  variant('timestamped-v1', 't-v1', 'hex', 'hex'),
  variant('timestamped-v1-base64-signature', 't-v1', 'hex', 'base64'),
  variant('timestamped-v1-ascii-key', 't-v1', 'ascii', 'hex'),
  variant('timestamped-v1-ascii-key-base64-signature', 't-v1', 'ascii', 'base64'),
];
export const SIGNATURE_VARIANT_NAMES: readonly string[] = SIGNATURE_VARIANTS.map((v) => v.name);
// The shared list (what a profile may pin) and this one must name the same variants, in order.
if (SIGNATURE_VARIANT_NAMES.join() !== SHARED_VARIANT_NAMES.join()) throw new Error('signature variants differ from src-shared/domain/webhook.ts');

// Importing raw key bytes costs more than the HMAC of a small body: keep the KeyObjects of the
// few secrets a profile has (bounded, cleared wholesale when full).
const keyCache = new Map<string, KeyObject | null>();

/** The key a variant uses for a secret: hex-decoded bytes, or the secret string itself as ASCII. */
function keyFor(secret: string, form: KeyForm): KeyObject | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const id = `${form}:${secret}`;
  let key = keyCache.get(id);
  if (key === undefined) {
    const bytes = form === 'hex' ? secretKey(secret) : Buffer.from(secret, 'utf8');
    key = bytes ? createSecretKey(bytes) : null;
    if (keyCache.size >= 64) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

function hmac(key: KeyObject, prefix: string, body: Buffer): Buffer {
  return createHmac('sha256', key).update(prefix).update(body).digest();
}

function encode(mac: Buffer, encoding: SigEncoding): string {
  return mac.toString(encoding);
}

/** Produces a `Webhook-Signature` value in any listed variant; tests, benches and fixtures sign with it. */
export function signWithVariant(name: string, secret: string, id: string, timestamp: number | string, body: Buffer | string): string {
  const v = SIGNATURE_VARIANTS.find((x) => x.name === name);
  if (!v) throw new Error(`unknown signature variant ${name}`);
  const key = keyFor(secret, v.key);
  if (!key) throw new Error('not a whsec_ secret');
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (v.layout === 'v1-list') return `v1,${encode(hmac(key, `${id}.${timestamp}.`, bytes), v.encoding)}`;
  return `t=${timestamp},v1=${encode(hmac(key, `${timestamp}.`, bytes), v.encoding)}`;
}

/** Standard Webhooks v1 (the default variant). */
export function signStandardWebhooks(secret: string, id: string, timestamp: number | string, body: Buffer | string): string {
  return signWithVariant('standard-webhooks-v1', secret, id, timestamp, body);
}

function header(headers: VerifyInput['headers'], name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return v === undefined || v === '' ? undefined : v;
}

const SIG_CHARS = { base64: /^[A-Za-z0-9+/]+={0,2}$/, hex: /^[0-9a-fA-F]+$/ } as const;

const isSig = (s: string) => s.length > 0 && s.length <= 200 && (SIG_CHARS.base64.test(s) || SIG_CHARS.hex.test(s));

/** What one layout reads from the headers: the signed prefix and the presented signature strings. */
interface Parsed {
  prefix: string;
  timestamp: string;
  sigs: string[];
}

/** `v1,<sig> v1,<sig> …`; entries of other versions are collected so the reason can name them. */
function parseV1List(h: VerifyInput['headers'], others: string[]): Parsed | null {
  const value = header(h, 'webhook-signature');
  const id = header(h, 'webhook-id');
  const ts = header(h, 'webhook-timestamp');
  if (!value || !id || !ts || value.startsWith('t=')) return null;
  const sigs: string[] = [];
  for (const entry of value.split(' ')) {
    if (!entry) continue;
    const comma = entry.indexOf(',');
    const version = comma < 0 ? entry : entry.slice(0, comma);
    const sig = entry.slice(comma + 1);
    if (version === 'v1' && comma > 0 && isSig(sig)) sigs.push(sig);
    else others.push(version.slice(0, 10));
  }
  return sigs.length ? { prefix: `${id}.${ts}.`, timestamp: ts, sigs } : null;
}

/** `t=<unix>,v1=<sig>[,v1=<sig>]`. */
function parseTV1(h: VerifyInput['headers']): Parsed | null {
  const value = header(h, 'webhook-signature');
  if (!value?.startsWith('t=')) return null;
  let ts: string | null = null;
  const sigs: string[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't') ts = v;
    else if (k === 'v1' && isSig(v)) sigs.push(v);
  }
  return ts && sigs.length ? { prefix: `${ts}.`, timestamp: ts, sigs } : null;
}

/** Constant-time per comparison; the loop over candidates leaks only how many there are. */
function matches(expected: Buffer, candidates: readonly Buffer[]): boolean {
  let found = false;
  for (const c of candidates) if (c.length === expected.length && timingSafeEqual(c, expected)) found = true;
  return found;
}

function decodeAll(sigs: readonly string[], encoding: SigEncoding): Buffer[] {
  return sigs.filter((s) => SIG_CHARS[encoding].test(s)).map((s) => Buffer.from(s, encoding));
}

function reserialised(body: Buffer): Buffer | null {
  try {
    const again = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
    return again.equals(body) ? null : again;
  } catch {
    return null;
  }
}

/** A scheme over a list of variants (all of them, or one when pinned). */
export function variantScheme(name: string, variants: readonly SignatureVariant[]): SignatureScheme {
  return {
    name,
    verify({ headers, rawBody, secrets, nowSec, ignoreTimestamp, pin }) {
      const pinned = pin ? variants.filter((v) => v.name === pin) : variants;
      if (pin && pinned.length === 0) {
        return { verdict: 'missing_headers', reason: `The profile pins signature variant "${pin.slice(0, 60)}", which this console does not know.`, secretIndex: null, variant: null };
      }
      const others: string[] = [];
      const layouts: Partial<Record<Layout, Parsed | null>> = { 'v1-list': parseV1List(headers, others), 't-v1': parseTV1(headers) };
      const usable = pinned.filter((v) => layouts[v.layout]);
      if (usable.length === 0) {
        const missing = ['Webhook-Id', 'Webhook-Timestamp', 'Webhook-Signature'].filter((n) => !header(headers, n));
        const seen = others.length ? ` (saw: ${others.join(', ')})` : '';
        const reason = missing.includes('Webhook-Signature')
          ? `Missing ${missing.join(', ')}: the delivery is not signed.`
          : `Webhook-Signature matches no known layout (v1,<sig> with Webhook-Id and Webhook-Timestamp, or t=<unix>,v1=<sig>)${seen}` +
            (missing.length ? `; missing ${missing.join(', ')}.` : '.');
        return { verdict: 'missing_headers', reason, secretIndex: null, variant: null };
      }
      const ts = layouts[usable[0]!.layout]!.timestamp;
      if (!/^\d{1,12}$/.test(ts)) return { verdict: 'missing_headers', reason: 'The signature timestamp is not unix seconds.', secretIndex: null, variant: null };
      if (!secrets.some((s) => s.startsWith(SECRET_PREFIX))) {
        return {
          verdict: 'unknown_secret',
          reason: 'No webhook secret is stored for this profile: register the endpoint (or add its whsec_ secret) first.',
          secretIndex: null,
          variant: null,
        };
      }
      const tryBody = (body: Buffer): { variant: SignatureVariant; index: number } | null => {
        for (const v of usable) {
          const p = layouts[v.layout]!;
          const presented = decodeAll(p.sigs, v.encoding);
          if (presented.length === 0) continue;
          for (let i = 0; i < secrets.length; i++) {
            const key = keyFor(secrets[i]!, v.key);
            if (key && matches(hmac(key, p.prefix, body), presented)) return { variant: v, index: i };
          }
        }
        return null;
      };
      const hit = tryBody(rawBody);
      if (!hit) {
        const again = reserialised(rawBody);
        const reason =
          again && tryBody(again)
            ? 'Signature matches the JSON re-serialised, not the bytes received: a relay or proxy rewrote the body. Use a byte-exact tunnel, or report-only.'
            : `No signature matched any of ${secrets.length} secret(s) in ${pin ? `the pinned variant ${pin}` : `${usable.length} variant(s)`} over ${rawBody.length} body bytes: ` +
              'the body, id or timestamp changed in transit, or OMS signs with a secret this profile does not have (rotate/re-register).';
        return { verdict: 'bad_signature', reason, secretIndex: null, variant: null };
      }
      const p = layouts[hit.variant.layout]!;
      const at = { secretIndex: hit.index, variant: hit.variant.name };
      const skew = Number(p.timestamp) - nowSec;
      if (!ignoreTimestamp && skew < -TOLERANCE_SEC) {
        return { verdict: 'stale_timestamp', reason: `Signed ${-skew} s ago (limit ${TOLERANCE_SEC} s): a replay, a long delay, or this clock is behind.`, ...at };
      }
      if (!ignoreTimestamp && skew > TOLERANCE_SEC) {
        return { verdict: 'future_timestamp', reason: `Signed ${skew} s in the future (limit ${TOLERANCE_SEC} s): the sender's clock or this one is off.`, ...at };
      }
      return { verdict: 'verified', reason: `Signature matched (${hit.variant.name}, secret ${hit.index + 1} of ${secrets.length}).`, ...at };
    },
  };
}

/** Every listed variant, the default one first: what the listener uses unless a profile pins one. */
export const hmacVariants = variantScheme('hmac-sha256-variants', SIGNATURE_VARIANTS);
/** Standard Webhooks v1 alone. */
export const standardWebhooksV1 = variantScheme('standard-webhooks-v1', SIGNATURE_VARIANTS.slice(0, 1));
