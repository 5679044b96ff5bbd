import { randomUUID } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store.ts';
import { LISTENER_PATH } from './webhook-server.ts';

/** The slice of the OMS webhooks API this needs; `WebhooksApi` (src-main/oms) satisfies it. */
export interface WebhookRegistrar {
  /** `enabled` is optional in OMS responses (oms-api.md §7): absent means enabled. */
  list(): Promise<{ id: string; url: string; enabled?: boolean | null | undefined }[]>;
  create(body: { url: string; events: string[] }, idempotencyKey: string): Promise<{ id: string; secret?: string | null | undefined }>;
  delete(webhookId: string): Promise<void>;
  /** The embedded sandbox can hand an endpoint's secret back (its control API); a real OMS cannot. */
  recoverSecret?: (webhookId: string) => Promise<string | null>;
}

/** A console listener URL (any port): on the local profile such endpoints are the console's own. */
function isConsoleListener(url: string): boolean {
  try {
    const u = new URL(url);
    return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && u.pathname === LISTENER_PATH;
  } catch {
    return false;
  }
}

export const webhookAccount = (profileId: string, webhookId: string) => `${profileId}/webhook/${webhookId}`;

/**
 * Local profile: make sure exactly one sandbox endpoint points at this listener and its secret is
 * in the store. A secret lost in a keychain-less restart is taken back from the embedded sandbox
 * when it offers that (`recoverSecret`); endpoints at the same URL whose secret is still lost are
 * removed, otherwise their deliveries would arrive as `unknown_secret` forever; so are the console's
 * endpoints on a previous port, which would otherwise fail and retry for a day (their secrets are
 * retired, not forgotten); secrets of endpoints that no longer exist (sandbox reset) are forgotten
 * so they are not tried in vain.
 */
export async function ensureLocalRegistration(
  registrar: WebhookRegistrar,
  secrets: SecretStore,
  profileId: string,
  url: string,
): Promise<{ webhookId: string; created: boolean }> {
  const prefix = `${profileId}/webhook/`;
  const [remote, accounts] = await Promise.all([registrar.list(), secrets.list(prefix)]);
  const have = new Set(accounts);
  const mine = remote.filter((w) => w.url === url);
  const enabled = (w: { enabled?: boolean | null | undefined }) => w.enabled !== false;
  let keep: { id: string } | undefined = mine.find((w) => enabled(w) && have.has(webhookAccount(profileId, w.id)));
  let created = false;
  if (!keep && registrar.recoverSecret) {
    // Keychain-less restart: keep the same endpoint (and the deliveries queued for it) by taking
    // its secret back from the embedded sandbox rather than registering a new one.
    for (const w of mine.filter(enabled)) {
      const secret = await registrar.recoverSecret(w.id).catch(() => null);
      if (secret?.startsWith('whsec_')) {
        await secrets.set(webhookAccount(profileId, w.id), secret);
        keep = w;
        break;
      }
    }
  }
  if (!keep) {
    const w = await registrar.create({ url, events: [] }, `console-listener-${randomUUID()}`);
    if (!w.secret) throw new Error('The sandbox did not return a webhook secret on create.');
    await secrets.set(webhookAccount(profileId, w.id), w.secret);
    keep = { id: w.id };
    created = true;
  }
  for (const w of remote.filter((r) => isConsoleListener(r.url))) {
    if (w.id === keep.id) continue;
    await registrar.delete(w.id).catch(() => {});
    await retire(secrets, profileId, w.id, have);
  }
  const alive = new Set(remote.map((w) => webhookAccount(profileId, w.id)).concat(webhookAccount(profileId, keep.id)));
  for (const account of accounts) if (!alive.has(account) && !isRetired(account)) await secrets.delete(account);
  await pruneRetired(secrets, profileId);
  return { webhookId: keep.id, created };
}

/** Secrets of the console's endpoints on earlier ports, kept for deliveries they already signed. */
const MAX_RETIRED = 3;
const RETIRED = '/webhook/retired-';
const isRetired = (account: string) => account.includes(RETIRED);

/**
 * A port change replaces the endpoint, but deliveries signed with the old one's secret may still
 * arrive (a relay's backlog, a retry in flight): that secret stays, under a retired name the
 * verifier still tries, newest MAX_RETIRED only.
 */
async function retire(secrets: SecretStore, profileId: string, webhookId: string, have: Set<string>): Promise<void> {
  const account = webhookAccount(profileId, webhookId);
  if (!have.has(account)) return;
  const secret = await secrets.get(account);
  if (secret) await secrets.set(`${profileId}${RETIRED}${String(Date.now()).padStart(15, '0')}-${webhookId}`, secret);
  await secrets.delete(account);
}

async function pruneRetired(secrets: SecretStore, profileId: string): Promise<void> {
  const retired = (await secrets.list(`${profileId}${RETIRED}`)).sort();
  for (const account of retired.slice(0, Math.max(0, retired.length - MAX_RETIRED))) await secrets.delete(account);
}

/** The active profile's secrets, newest registration last; the verifier tries each in turn. */
export async function profileSecrets(secrets: SecretStore, profileId: string): Promise<string[]> {
  const accounts = await secrets.list(`${profileId}/webhook/`);
  const values = await Promise.all(accounts.map((a) => secrets.get(a)));
  return values.filter((v): v is string => typeof v === 'string' && v.startsWith('whsec_'));
}
