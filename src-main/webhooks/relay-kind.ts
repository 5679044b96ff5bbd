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
