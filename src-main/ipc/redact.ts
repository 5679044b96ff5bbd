/**
 * Redaction shared by the audit log, request log and any log line. Key-based: values under
 * secret-like or PII-like keys never leave as they came in.
 */
const SECRET_KEY = /secret|password|token|apikey|api_key|authorization|signature|credential|cookie/i;
const PII_KEY = /email|phone|birth|address|ipaddress|identifying|number|firstname|lastname|middlename|name$/i;
/** Keys whose values are ids or enums: safe and useful in an audit summary. */
const SAFE_KEY = /^(customerId|walletId|webhookId|profileId|seq|endorsement|endorsements|decision|asset|chain|mode|fields|enabled|type|status|verification|port|limit|events|complianceOnly|sessionOnly|currency|amount|apiVersion|id)$/;

export const isSecretKey = (key: string) => SECRET_KEY.test(key);

/** A compact JSON summary of an operation input, safe for the audit log. */
export function summariseInput(input: unknown, depth = 0): unknown {
  if (depth > 4) return '…';
  if (Array.isArray(input)) return input.slice(0, 10).map((v) => summariseInput(v, depth + 1));
  if (input === null || typeof input !== 'object') return typeof input === 'string' ? `[${input.length} chars]` : input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (k === 'confirm') out[k] = v === undefined ? undefined : 'given';
    else if (SECRET_KEY.test(k)) out[k] = '[secret]';
    else if (SAFE_KEY.test(k) && (typeof v !== 'object' || Array.isArray(v))) out[k] = v;
    else if (PII_KEY.test(k)) out[k] = '[pii]';
    else out[k] = summariseInput(v, depth + 1);
  }
  return out;
}

/** Masks secret-like substrings in free text (error messages from elsewhere, log lines). */
export function scrubText(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  for (const s of knownSecrets) if (s && s.length >= 6) out = out.split(s).join('[redacted]');
  return out
    .replace(/\b(sk_(?:live|sdbx|test)_)[A-Za-z0-9_]+/g, '$1[redacted]')
    .replace(/\bwhsec_[A-Za-z0-9+/=]+/g, 'whsec_[redacted]')
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]');
}
