import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '#shared/ipc/app.contract.ts';
import { isCancelled, mutate } from '../../../src-renderer/src/stores/mutate.ts';
import { useConfirm } from '../../../src-renderer/src/stores/confirm.store.ts';
import { useSession } from '../../../src-renderer/src/stores/session.store.ts';

const production: AppInfo = {
  name: 'OMS Console',
  version: 't',
  transport: 'browser',
  profile: { id: 'production', name: 'Production', kind: 'production', baseUrl: 'https://api.polygon.technology' },
  secretStorage: 'keychain',
  startedAt: '2026-01-01T00:00:00Z',
};

/** What the guard asked, and an answer for it: the dialog itself is a component, the decision is here. */
let unsubscribe: (() => void) | null = null;
function answerWith(ok: boolean): { asked: string[] } {
  const asked: string[] = [];
  unsubscribe = useConfirm.subscribe((s) => {
    if (!s.pending) return;
    asked.push(`${s.pending.title} | ${s.pending.body}`);
    queueMicrotask(() => s.answer(ok));
  });
  return { asked };
}

describe('the production guard reads the registry, not the call site', () => {
  afterEach(() => {
    unsubscribe?.();
    useSession.setState({ info: null });
  });

  it('asks before a send on production, naming what the call site says (amount and destination); cancelling sends nothing', async () => {
    useSession.setState({ info: production });
    const { asked } = answerWith(false);
    let sent = 0;
    const r = await mutate('transactions.execute', 'Send 12.50 USDC to 0x52908400…169EE7', async () => {
      sent++;
      return { ok: true, data: null };
    });
    expect(isCancelled(r)).toBe(true);
    expect(sent).toBe(0);
    expect(asked).toEqual(['Send 12.50 USDC to 0x52908400…169EE7 on production? | This changes real customer data on the production OMS. It cannot be undone from this console.']);
  });

  it('never presents an audited read (pii.reveal) or a quote as a change to customer data', async () => {
    useSession.setState({ info: production });
    const { asked } = answerWith(true);
    for (const channel of ['pii.reveal', 'inbox.revealBody', 'quotes.create']) {
      const r = await mutate(channel, 'Reveal personal data', async (confirm) => ({ ok: true, data: confirm ?? null }));
      expect(r).toEqual({ ok: true, data: null });
    }
    expect(asked).toEqual([]);
  });

  it('passes the confirmation naming the profile once the operator confirms', async () => {
    useSession.setState({ info: production });
    answerWith(true);
    const r = await mutate('wallets.create', 'Provision a wallet', async (confirm) => ({ ok: true, data: confirm }));
    expect(r).toEqual({ ok: true, data: { profileId: 'production' } });
  });
});
