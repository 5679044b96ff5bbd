/** Hosts the console may open in the system browser. Everything else is refused. */
export const EXTERNAL_ALLOWLIST = ['docs.polygon.technology', 'polygon.technology', 'github.com'] as const;

/** Only https, only allowlisted hosts, no credentials in the URL. */
export function isAllowedExternalUrl(raw: string, allowlist: readonly string[] = EXTERNAL_ALLOWLIST): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.username === '' && u.password === '' && allowlist.includes(u.hostname);
}
