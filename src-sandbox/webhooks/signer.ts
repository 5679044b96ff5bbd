import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard-Webhooks signing (contract §7). The HMAC key is the 32 raw bytes the hex after `whsec_`
 * decodes to — not the string itself — which is where hand-written verifiers most often go wrong.
 */
export const SIGNATURE_SCHEME = 'standard-webhooks-v1';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'hex');
}

export function sign(secret: string, id: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSec}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export function signedHeaders(secret: string, id: string, timestampSec: number, body: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'Webhook-Id': id,
    'Webhook-Timestamp': String(timestampSec),
    'Webhook-Signature': sign(secret, id, timestampSec, body),
    'User-Agent': 'oms-sandbox-webhooks/0.9',
  };
}
