import { createHash, randomBytes } from 'node:crypto';
import type { RelayStore, TokenRecord } from './relay-types.ts';
import { CHANNEL_NAME } from '../src-shared/relay/relay-wire.ts';

const TOKEN_RE = /^rly_[A-Za-z0-9_-]{43}$/;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Only this digest is stored: a copy of the database hands out no working token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeToken(token: string): boolean {
  return TOKEN_RE.test(token);
}

export async function mintToken(store: RelayStore, channel: string, name: string, now = Date.now()): Promise<{ token: string; record: TokenRecord }> {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid channel "${channel}": use 1-64 of a-z 0-9 _ - starting with a letter or digit`);
  if (!NAME_RE.test(name)) throw new Error(`invalid token name "${name}": use 1-64 of A-Z a-z 0-9 . _ @ -`);
  const live = (await store.listTokens()).filter((t) => t.channel === channel && t.name === name && t.revokedAt === null);
  if (live.length) throw new Error(`a live token named "${name}" already exists on channel "${channel}" (${live[0]!.id}); revoke it first`);
  await store.ensureChannel(channel);
  const token = `rly_${randomBytes(32).toString('base64url')}`;
  const record: TokenRecord = { id: `tok_${randomBytes(6).toString('hex')}`, name, channel, createdAt: now, revokedAt: null };
  await store.addToken(record, hashToken(token));
  return { token, record };
}

export type AuthResult = { ok: true; token: TokenRecord } | { ok: false; status: 401 | 403; error: string; message: string };

/** Checks a bearer token against a channel; the token itself never leaves this function. */
export async function authorize(store: RelayStore, authorization: string | undefined, channel: string): Promise<AuthResult> {
  const m = /^Bearer (\S+)$/i.exec(authorization ?? '');
  if (!m) return { ok: false, status: 401, error: 'missing_token', message: 'send Authorization: Bearer <console token>' };
  const token = m[1]!;
  if (!looksLikeToken(token)) return { ok: false, status: 401, error: 'invalid_token', message: 'not a relay console token (rly_…)' };
  const rec = await store.findTokenByHash(hashToken(token));
  if (!rec) return { ok: false, status: 401, error: 'invalid_token', message: 'unknown token' };
  if (rec.revokedAt !== null) return { ok: false, status: 401, error: 'revoked_token', message: `token ${rec.id} was revoked` };
  if (rec.channel !== channel) return { ok: false, status: 403, error: 'wrong_channel', message: `token ${rec.id} is not valid for this channel` };
  return { ok: true, token: rec };
}
