import { CustomerId, MAX_ID, TransactionId, WalletId } from '#shared/domain/common.ts';

export const DEEP_LINK_SCHEME = 'oms-console';
/** Longer than any real link; anything beyond is refused before it meets a parser or a regex. */
export const MAX_DEEP_LINK_LENGTH = 256;

export type DeepLinkScreen = 'customers' | 'wallets' | 'transactions';
export interface DeepLinkRoute {
  screen: DeepLinkScreen;
  id: string;
}
export type DeepLinkErrorCode = 'deep-link.too-long' | 'deep-link.scheme' | 'deep-link.malformed' | 'deep-link.unknown-screen' | 'deep-link.invalid-id';
export type DeepLinkResult = { ok: true; route: DeepLinkRoute } | { ok: false; error: { code: DeepLinkErrorCode; message: string } };

const SCREENS: Record<DeepLinkScreen, { prefix: string; schema: { safeParse(s: string): { success: boolean } } }> = {
  customers: { prefix: 'cst', schema: CustomerId },
  wallets: { prefix: 'wlt', schema: WalletId },
  transactions: { prefix: 'txn', schema: TransactionId },
};

const fail = (code: DeepLinkErrorCode, message: string): DeepLinkResult => ({ ok: false, error: { code, message } });
const isScreen = (s: string): s is DeepLinkScreen => Object.hasOwn(SCREENS, s);

/**
 * Parses `oms-console://<screen>/<id>`. The link comes from outside the app (a browser, a chat
 * message, another program's argv), so it is bounded, and only the three known screens with
 * well-formed ids pass; the error says exactly which part was wrong.
 */
export function parseDeepLink(raw: unknown): DeepLinkResult {
  if (typeof raw !== 'string') return fail('deep-link.malformed', 'A deep link must be a string.');
  if (raw.length > MAX_DEEP_LINK_LENGTH) return fail('deep-link.too-long', `A deep link may be at most ${MAX_DEEP_LINK_LENGTH} characters (got ${raw.length}).`);
  const schemeEnd = raw.indexOf(':');
  if (schemeEnd < 0 || raw.slice(0, schemeEnd).toLowerCase() !== DEEP_LINK_SCHEME) {
    return fail('deep-link.scheme', `Only ${DEEP_LINK_SCHEME}:// links open in the console.`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('deep-link.malformed', 'The deep link is not a valid URL.');
  }
  if (url.username || url.password || url.port || url.search || url.hash) {
    return fail('deep-link.malformed', `Expected ${DEEP_LINK_SCHEME}://<screen>/<id> with nothing else (no credentials, port, query or fragment).`);
  }
  // Non-special scheme: the screen is the host; a trailing slash (added by some launchers) is tolerated.
  const screen = url.hostname.toLowerCase();
  const segments = url.pathname.replace(/\/$/, '').split('/').slice(1);
  if (!isScreen(screen)) return fail('deep-link.unknown-screen', `Unknown screen "${screen.slice(0, 32)}": use customers, wallets or transactions.`);
  if (segments.length !== 1 || !segments[0]) return fail('deep-link.malformed', `Expected exactly one id after ${screen}/.`);
  // Not percent-decoded: an id is letters and digits, so any escape is already a wrong id.
  const id = segments[0];
  const { prefix, schema } = SCREENS[screen];
  // The shared id schemas: the same rule (prefix, letters and digits, bounded) as every IPC input.
  if (!schema.safeParse(id).success) {
    return fail('deep-link.invalid-id', `A ${screen} link needs a ${prefix}_… id of letters and digits (at most ${MAX_ID} characters).`);
  }
  return { ok: true, route: { screen, id } };
}

/** The renderer's hash route for a parsed link, e.g. `#/customers/cst_…`. Ids are validated, so no escaping is needed. */
export function deepLinkHash(route: DeepLinkRoute): string {
  return `#/${route.screen}/${route.id}`;
}

/**
 * Windows and Linux hand a deep link to the app as a command-line argument (first launch and the
 * second instance alike). Only a bounded number of arguments are looked at.
 */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv.slice(0, 64)) {
    if (typeof arg === 'string' && arg.slice(0, DEEP_LINK_SCHEME.length + 1).toLowerCase() === `${DEEP_LINK_SCHEME}:`) return arg;
  }
  return null;
}

/** Same document, new fragment: the renderer routes on `hashchange` without reloading. */
export function urlWithHash(currentUrl: string, hash: string): string {
  const u = new URL(currentUrl);
  u.hash = hash;
  return u.toString();
}
