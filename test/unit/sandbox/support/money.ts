/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped JSON bodies straight off the wire */
import { Webhook } from 'standardwebhooks';
import type { SandboxOptions } from '../../../../src-sandbox/index.ts';
import { FULL_CUSTOMER, setup, startReceiver, type Client } from './harness.ts';

/** Money-movement fixtures: approved customers with wallets, funded through the control API. */
export async function moneySetup(opts: SandboxOptions = {}) {
  const base = await setup({ reviewMode: 'manual', settlementDelayMs: 20, ...opts });
  const { api, ctl } = base;
  let n = 0;
  const customer = async (endorsements = ['basic', 'cryptoCustody', 'usd'], extra: Record<string, unknown> = {}) => {
    n += 1;
    const id = (await api.post('/customers', { ...FULL_CUSTOMER, email: `money${n}.${Date.now()}@acme.com`, ...extra })).body.id as string;
    for (const name of endorsements) {
      const r = await ctl.post(`/customers/${id}/endorsements/${name}/decision`, { decision: 'approve' });
      if (r.status !== 200) throw new Error(`approve ${name}: ${JSON.stringify(r.body)}`);
    }
    return id;
  };
  const wallet = async (customerId: string, asset = 'usdc', chain = 'polygon', fund?: string) => {
    const w = await api.post(`/customers/${customerId}/wallets`, { asset, chain });
    if (w.status !== 201) throw new Error(`wallet: ${JSON.stringify(w.body)}`);
    if (fund) await ctl.post(`/wallets/${w.body.id}/deposit`, { amount: fund });
    return w.body as { id: string; address: string; asset: string; chain: string };
  };
  const balance = async (walletId: string) => (await api.get(`/wallets/${walletId}/balance`)).body.balance as string;
  return { ...base, customer, wallet, balance };
}

/** A receiver whose deliveries are verified with the Standard Webhooks reference library, not our signer. */
export async function verifiedReceiver(api: Client, events: string[]) {
  const rx = await startReceiver();
  const hook = (await api.post('/webhooks', { url: rx.url, events })).body;
  const wh = new Webhook(Buffer.from(String(hook.secret).slice('whsec_'.length), 'hex').toString('base64'));
  const verified = () =>
    rx.received.map((r) => {
      const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(r.headers[h] ?? '')]));
      return { ok: (() => { try { wh.verify(r.raw, headers); return true; } catch { return false; } })(), json: r.json as any };
    });
  return { rx, hook, verified, close: () => rx.close() };
}

/** a × b for non-negative decimal strings, exactly, in BigInt (written here, independent of src-sandbox/decimal.ts). */
export function mulExact(a: string, b: string): string {
  const split = (s: string) => {
    const [w, f = ''] = s.split('.');
    return { n: BigInt(w! + f), s: f.length };
  };
  const x = split(a);
  const y = split(b);
  return normalize((x.n * y.n).toString(), x.s + y.s);
}

export function normalize(digits: string, scale: number): string {
  const padded = digits.padStart(scale + 1, '0');
  let whole = padded.slice(0, padded.length - scale);
  const frac = padded.slice(padded.length - scale).replace(/0+$/, '');
  whole = whole.replace(/^0+(?=\d)/, '');
  return frac ? `${whole}.${frac}` : whole;
}

export function norm(s: string): string {
  const [w, f = ''] = s.split('.');
  return normalize(w! + f, f.length);
}
