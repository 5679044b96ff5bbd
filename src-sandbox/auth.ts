import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.ts';
import { ApiError } from './http-util.ts';
import type { Db, Row } from './store/db.ts';

// Secrets and tokens are 256-bit random values, so a salted SHA-256 is enough: there is nothing to
// brute-force, and a slow KDF would only slow every test's token exchange.
function hash(salt: string, value: string): string {
  return createHash('sha256').update(salt).update('\0').update(value).digest('hex');
}

export interface TokenResponse {
  accessToken: string;
  tokenType: 'bearer';
  expiresIn: number;
  expiresAt: string;
}

export class Auth {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly ttlSec: number;

  constructor(db: Db, clock: Clock, ttlSec: number) {
    this.db = db;
    this.clock = clock;
    this.ttlSec = ttlSec;
  }

  /** Registers the given pair (idempotent), or generates one when the store has none. The key is kept as an id; the secret only as a salted hash. */
  ensureCredentials(apiKey?: string, apiSecret?: string): { apiKey: string; apiSecret: string } | null {
    if (apiKey && apiSecret) {
      this.register(apiKey, apiSecret);
      return null;
    }
    const any = this.db.prepare('SELECT 1 FROM credentials LIMIT 1').get();
    if (any) return null;
    const generated = { apiKey: `sk_sdbx_${randomBytes(12).toString('hex')}`, apiSecret: randomBytes(32).toString('base64url') };
    this.register(generated.apiKey, generated.apiSecret);
    return generated;
  }

  private register(apiKey: string, apiSecret: string): void {
    const salt = randomBytes(16).toString('hex');
    this.db
      .prepare(
        'INSERT INTO credentials (api_key, salt, secret_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(api_key) DO UPDATE SET salt = excluded.salt, secret_hash = excluded.secret_hash',
      )
      .run(apiKey, salt, hash(salt, apiSecret), new Date().toISOString());
  }

  exchange(apiKey: string, apiSecret: string): TokenResponse {
    const row = this.db.prepare('SELECT salt, secret_hash FROM credentials WHERE api_key = ?').get(apiKey) as Row | undefined;
    const expected = Buffer.from(row ? String(row.secret_hash) : '0'.repeat(64), 'hex');
    const actual = Buffer.from(hash(row ? String(row.salt) : 'none', apiSecret), 'hex');
    if (!row || !timingSafeEqual(expected, actual)) throw new ApiError(401, 'Invalid apiKey or apiSecret');
    const now = this.clock.now();
    const accessToken = `oms_at_${randomBytes(32).toString('base64url')}`;
    const expiresAt = now + this.ttlSec * 1000;
    this.db.prepare('DELETE FROM tokens WHERE expires_at < ?').run(now);
    this.db.prepare('INSERT INTO tokens (token_hash, api_key, expires_at) VALUES (?, ?, ?)').run(hash('token', accessToken), apiKey, expiresAt);
    return { accessToken, tokenType: 'bearer', expiresIn: this.ttlSec, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Returns the API key the bearer token belongs to; 401 when absent, unknown or expired. */
  verify(authorization: string | undefined): string {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) throw new ApiError(401, 'Missing bearer token: send Authorization: Bearer <accessToken> from POST /auth/token');
    const row = this.db.prepare('SELECT api_key, expires_at FROM tokens WHERE token_hash = ?').get(hash('token', m[1]!)) as Row | undefined;
    if (!row) throw new ApiError(401, 'Unknown access token');
    if (Number(row.expires_at) <= this.clock.now()) throw new ApiError(401, 'Access token expired: exchange the API key again');
    return String(row.api_key);
  }
}
