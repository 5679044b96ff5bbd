import { randomBytes } from 'node:crypto';

// Crockford base32, lowercase, as TypeIDs use. A time prefix keeps ids roughly sortable by creation,
// which makes logs and the delivery view easier to read; nothing relies on it for ordering.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function encode(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i % bytes.length] ?? 0) & 31];
  return out;
}

function timePart(ms: number): string {
  let out = '';
  let n = Math.floor(ms);
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** A new random TypeID-style id such as `cst_01j9…`. */
export function newId(prefix: string, nowMs: number = Date.now()): string {
  return `${prefix}_${timePart(nowMs)}${encode(randomBytes(16), 16)}`;
}

/** A deterministic id for seeding: the same rng sequence yields the same ids. */
export function seededId(prefix: string, nowMs: number, next: () => number): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(next() * 256);
  return `${prefix}_${timePart(nowMs)}${encode(bytes, 16)}`;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
