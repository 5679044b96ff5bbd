import { z } from 'zod';
import { CashInId, CashLocationId, Cursor, CustomerId, pageOf, WalletId } from '../domain/common.ts';
import { CashInView, CashLocationView } from '../domain/money-flow.ts';
import { PositiveAmount } from './quotes.contract.ts';
import { mutation, query } from './operation.ts';

export const cashInsContract = {
  /** Retail locations near a point where a customer can pay cash in. */
  locations: query(
    'cashIns.locations',
    'Retail locations near a point where cash can be paid in.',
    z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
    z.strictObject({ items: z.array(CashLocationView) }),
  ),
  /** Starts a cash-in: a deposit code, valid for an hour, to show at the counter. */
  create: mutation(
    'cashIns.create',
    'Starts a cash-in: a deposit code valid for an hour.',
    z.object({
      customerId: CustomerId,
      walletId: WalletId,
      locationId: CashLocationId,
      locationReference: z.string().trim().min(1).max(100),
      indicatedAmount: PositiveAmount.optional(),
    }),
    CashInView,
  ),
  /** One cash-in, fresh from OMS. */
  get: query('cashIns.get', 'One cash-in, fresh from OMS.', z.object({ cashInId: CashInId }), CashInView),
  /** A new deposit code for a pending cash-in whose code expired. */
  refresh: mutation('cashIns.refresh', 'A new deposit code for a pending cash-in.', z.object({ cashInId: CashInId }), CashInView),
  /** A customer's cash-ins, newest first. */
  list: query(
    'cashIns.list',
    "A customer's cash-ins, newest first.",
    z.object({ customerId: CustomerId.optional(), limit: z.number().int().min(1).max(100).optional(), cursor: Cursor.optional() }),
    pageOf(CashInView),
  ),
  /** QA only (sandbox profiles): the customer pays at the counter; the wallet is credited. */
  simulatePayment: mutation(
    'cashIns.simulatePayment',
    'QA only: simulates paying the cash-in at the counter (sandbox profiles).',
    z.object({ cashInId: CashInId }),
    CashInView,
  ),
};
