import type { ListenerStatus } from '#shared/ipc/inbox.contract.ts';
import type { SseChannel } from './sse-channel.ts';

/** A relay or smee subscription, as the listener holds it. */
export type RelayClient = SseChannel;

/**
 * Our relay hands every console a token (rly_…) and keeps a cursor, a backlog and the exact bytes;
 * a smee-style channel has none of these. Whether a channel has a token (or, in a status, its
 * fingerprint) is what tells them apart: this is the one place that rule is written.
 */
export const isOurRelay = (token: string | null | undefined): token is string => typeof token === 'string' && token !== '';

export const SMEE_NOTE = 'A smee-style channel (no relay token) re-serialises the JSON, so signatures fail: it works only in report-only. For enforce, use the OMS relay with a token.';

/** A smee channel under enforce can verify nothing: the status says so, unless it names a worse problem. */
export function withSmeeNote(s: ListenerStatus): ListenerStatus {
  if (!s.relay || isOurRelay(s.relay.tokenFingerprint) || s.relay.problem || s.verification !== 'enforce') return s;
  return { ...s, relay: { ...s.relay, problem: SMEE_NOTE } };
}
