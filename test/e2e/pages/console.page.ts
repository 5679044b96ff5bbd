import { expect, type Page } from '@playwright/test';

type Oms = Record<string, Record<string, (input: object) => Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>>>;

/** Calls window.oms in the page (the same surface the renderer uses), for test set-up only. */
export async function oms<T = unknown>(page: Page, domain: string, op: string, input: object = {}): Promise<T> {
  const r = await page.evaluate(([d, o, i]) => (window as unknown as { oms: Oms }).oms[d as string]![o as string]!(i as object), [domain, op, input] as const);
  if (!r.ok) throw new Error(`${domain}.${op} failed: ${r.error?.code} ${r.error?.message}`);
  return r.data as T;
}

/** The embedded sandbox's origin (its control API lives under /_sandbox). */
export async function sandboxOrigin(page: Page): Promise<string> {
  let s = await oms<{ baseUrl: string | null }>(page, 'sandbox', 'status');
  if (!s.baseUrl) {
    // The embedded sandbox starts on the first OMS call.
    await oms(page, 'customers', 'search', { limit: 1 });
    s = await oms<{ baseUrl: string | null }>(page, 'sandbox', 'status');
  }
  if (!s.baseUrl) throw new Error('the local sandbox is not running');
  return new URL(s.baseUrl).origin;
}

export async function control(page: Page, method: string, path: string, body?: unknown): Promise<unknown> {
  const origin = await sandboxOrigin(page);
  const res = await fetch(`${origin}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} /_sandbox${path} → ${res.status}: ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/**
 * On an OMS without text search (the documented-only project), waits until the console's customer
 * directory holds every customer, so set-up lookups by endorsement see them all; `rebuild` re-reads
 * the list (the sandbox's bulk seed back-dates customers, which a delta walk would never see).
 * Where OMS searches text itself there is no directory and this returns at once.
 */
export async function directoryComplete(page: Page, rebuild = false): Promise<void> {
  type Dir = { state: string };
  if ((await oms<Dir>(page, 'customers', 'directory')).state === 'off') await oms(page, 'customers', 'search', { q: 'a', limit: 1 });
  if ((await oms<Dir>(page, 'customers', 'directory')).state === 'off') return;
  if (rebuild) await oms(page, 'customers', 'directoryControl', { action: 'rebuild' });
  await expect.poll(async () => (await oms<Dir>(page, 'customers', 'directory')).state, { timeout: 90_000, intervals: [250] }).toBe('ready');
}

let seeded = false;
/** The local sandbox seeds 2,000 customers on first start; top it up to 10,000 once per console. */
export async function ensureTenThousand(page: Page): Promise<void> {
  if (!seeded) {
    await control(page, 'POST', '/seed', { count: 8000, seed: 4242 });
    seeded = true;
    await directoryComplete(page, true);
  } else await directoryComplete(page);
}

/** A complete US individual: every field the sandbox policy needs for all three endorsements. */
export function fullCustomer(lastName: string, tag: string) {
  return {
    type: 'individual',
    firstName: 'Quinn',
    lastName,
    email: `quinn.${tag}@example.test`,
    phone: '+14155550123',
    birthDate: '1990-04-01',
    nationality: 'US',
    externalId: `e2e-${tag}`,
    signedAgreement: true,
    residentialAddress: { line1: '1 Market St', city: 'San Francisco', state: 'CA', country: 'US', zipCode: '94105' },
    identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
  };
}

export const uniqueTag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The endorsement card for one endorsement on the current customer/onboarding screen. */
export const endorsement = (page: Page, label: 'Basic identity' | 'Crypto custody' | 'USD account') =>
  page.getByRole('listitem', { name: `${label} endorsement` });

export async function expectEndorsementStatus(page: Page, label: 'Basic identity' | 'Crypto custody' | 'USD account', status: RegExp | string, timeout = 20_000) {
  await expect(endorsement(page, label)).toContainText(status, { timeout });
}

/** The Customers screen's search box, by its accessible name. */
export const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search customers' });

/** An error shown in place, as InlineError renders it: the message, then its code in brackets. */
export const inlineError = (page: Page) => page.getByRole('alert').filter({ hasText: /\([A-Z_]+\)$/ });

/**
 * Every customer list the sandbox serves answers 10 s late until the returned function lifts it. A
 * one-shot hang is not enough: the results' own "load more" can take it before the search it was meant for.
 */
export async function slowCustomerLists(page: Page): Promise<() => Promise<void>> {
  await control(page, 'PUT', '/faults', { rules: [{ method: 'GET', path: '^/customers$', action: 'latency', latencyMs: 10_000 }] });
  return async () => void (await control(page, 'DELETE', '/faults'));
}

export async function goto(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
}

/** Scrolls to the top first so the sticky banner and sidebar sit where they belong in a full-page shot. */
export async function shot(page: Page, name: string): Promise<void> {
  const { saveScreen } = await import('../fixtures/test.ts');
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreen(page, name);
}

/**
 * Live updates need the webhook listener (the fixture starts it on a free port): fail early and
 * plainly if it is not listening, rather than waiting for an update that cannot come.
 */
export async function ensureListener(page: Page): Promise<void> {
  await sandboxOrigin(page);
  await expect
    .poll(async () => (await oms<{ state: string }>(page, 'inbox', 'listenerStatus')).state, { message: 'the webhook listener is listening' })
    .toMatch(/^(listening|relay-connected)$/);
}

/** The Customers screen by role and label: the box, the results and the line that says what they are. */
export function customersScreen(page: Page) {
  return {
    search: searchBox(page),
    results: page.getByRole('listbox', { name: 'Customers' }),
    status: page.getByRole('status', { name: 'Search status' }),
  };
}

