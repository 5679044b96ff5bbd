import type { WebhookVerdict } from '#shared/domain/webhook.ts';
import type { Tone } from '../../lib/tone.ts';
import { causeWords } from '../customers/endorsement-words.ts';

/** `customer.endorsement.granted` → "Endorsement granted"; the raw type stays beside it. */
export function deliveryTypeWords(type: string | null): string {
  if (!type) return 'Unreadable delivery';
  const w = causeWords(type);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

const VERDICT: Record<WebhookVerdict, [Tone, string]> = {
  verified: ['ok', 'Verified'],
  bad_signature: ['bad', 'Bad signature'],
  stale_timestamp: ['bad', 'Stale timestamp'],
  future_timestamp: ['bad', 'Future timestamp'],
  missing_headers: ['bad', 'Missing headers'],
  unknown_secret: ['bad', 'Unknown secret'],
  malformed_body: ['bad', 'Malformed body'],
};

export function verdictWords(v: WebhookVerdict): { tone: Tone; label: string } {
  const [tone, label] = VERDICT[v] ?? ['neutral', v];
  return { tone, label };
}
