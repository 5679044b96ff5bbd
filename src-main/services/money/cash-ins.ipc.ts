import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../lib/app-failure.ts';
import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { OmsSession } from '../session/oms-session.ts';
import { toCashInView, toCashLocationView } from './flow-views.ts';

/** cashIns.* — funding a wallet with cash at a retail counter (oms-api.md §6). */
export function cashInsHandlers(session: OmsSession): DomainHandlers<'cashIns'> {
  const api = async () => (await session.apis()).money;
  return {
    locations: async ({ latitude, longitude }, { signal }) => ({ items: (await (await api()).cashLocations(latitude, longitude, signal)).map(toCashLocationView) }),
    create: async ({ customerId, walletId, locationId, locationReference, indicatedAmount }, { signal }) => {
      const apis = await session.apis();
      const wallet = (await apis.wallets.list(customerId, { limit: 100 }, signal)).items.find((w) => w.id === walletId);
      if (!wallet) throw new AppFailure('NOT_FOUND', `Wallet ${walletId} is not one of ${customerId}'s wallets.`);
      const body = {
        customerId,
        source: { asset: 'usd', ...(indicatedAmount ? { indicatedAmount } : {}) },
        destination: { wallet: { wallet: walletId }, asset: wallet.asset, network: wallet.chain ?? wallet.network },
        cash: { cashLocationId: locationId, cashLocationReference: locationReference },
      };
      return toCashInView(await apis.money.createCashIn(body, randomUUID(), signal));
    },
    get: async ({ cashInId }, { signal }) => toCashInView(await (await api()).cashIn(cashInId, signal)),
    refresh: async ({ cashInId }, { signal }) => toCashInView(await (await api()).refreshCashIn(cashInId, randomUUID(), signal)),
    list: async ({ customerId, limit, cursor }, { signal }) => {
      const page = await (await api()).cashIns({ customerId, limit, cursor }, signal);
      // `customerId` is not a documented filter of GET /cash-ins: an OMS may ignore it, so it is applied here too.
      const items = page.items.map(toCashInView).filter((c) => !customerId || c.customerId === customerId);
      return { items, hasMore: page.hasMore, cursor: page.cursor };
    },
    // The documented simulations: the barcode scan at the counter, then the processor's commit.
    simulatePayment: async ({ cashInId }, { signal }) => {
      if (session.activeProfile().kind === 'production') throw new AppFailure('FORBIDDEN', 'Simulated payments exist only on sandbox profiles.');
      const m = await api();
      const cashIn = await m.cashIn(cashInId, signal);
      const code = cashIn.depositInstructions?.code ?? cashIn.depositInstructions?.depositCode;
      if (!code) throw new AppFailure('OMS_ERROR', `Cash-in ${cashInId} has no deposit code to pay against (status ${cashIn.status ?? 'unknown'}).`);
      const amount = cashIn.source?.indicatedAmount ?? cashIn.source?.amount ?? '100.00';
      // The barcode-auth body is undocumented; the clerk scans the code, so the code is what is sent.
      const auth = await m.simulate('barcode-auth', { code }, randomUUID(), signal);
      await m.simulate(
        'auth-commit',
        {
          accountNumber: String(auth.accountNumber ?? code),
          accountReferenceNumber: String(auth.accountReferenceNumber ?? cashInId),
          amount: String(auth.amount ?? amount),
          originalConfirmationId: String(auth.originalConfirmationId ?? auth.confirmationId ?? ''),
          ...(cashIn.customerId ? { customerId: cashIn.customerId } : {}),
        },
        randomUUID(),
        signal,
      );
      return toCashInView(await m.cashIn(cashInId, signal));
    },
  };
}
