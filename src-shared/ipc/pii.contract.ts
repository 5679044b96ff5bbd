import { z } from 'zod';
import { CustomerId } from '../domain/common.ts';
import { mutation } from './operation.ts';

export const PII_FIELDS = ['email', 'phone'] as const;

export const piiContract = {
  /** Reveals a customer's masked fields for a limited time; always audited, with the reason given. */
  reveal: mutation(
    'pii.reveal',
    "Reveals a customer's masked fields for a limited time; audited.",
    z.object({ customerId: CustomerId, fields: z.array(z.enum(PII_FIELDS)).min(1).max(2), reason: z.string().trim().min(1, 'is required: say why the data is needed').max(200) }),
    z.strictObject({
      customerId: z.string(),
      values: z.strictObject({ email: z.string().nullable().optional(), phone: z.string().nullable().optional() }),
      /** The renderer re-masks at this time. */
      expiresAt: z.string(),
    }),
    'local',
  ),
};
