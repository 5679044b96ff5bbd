import { z } from 'zod';
import type { OmsClient } from './oms-client.ts';

/** What OMS sends for one rail field; unknown keys tolerated (the shape is a sandbox [choice]). */
const OmsBankField = z.looseObject({
  name: z.string(),
  label: z.string().nullish(),
  type: z.string().nullish(),
  required: z.boolean().nullish(),
  pattern: z.string().nullish(),
  values: z.array(z.string()).nullish(),
});
export const OmsBankSchemas = z.looseObject({
  country: z.string(),
  currency: z.string(),
  rails: z.array(z.looseObject({ network: z.string(), fields: z.array(OmsBankField) })),
});
export type OmsBankSchemas = z.infer<typeof OmsBankSchemas>;

export const OmsExternalAccount = z.looseObject({
  id: z.string(),
  customerId: z.string(),
  type: z.string().nullish(),
  network: z.string(),
  country: z.string().nullish(),
  currency: z.string().nullish(),
  status: z.string().nullish(),
  bankDetails: z.record(z.string(), z.unknown()).nullish(),
  createdAt: z.string(),
});
export type OmsExternalAccount = z.infer<typeof OmsExternalAccount>;

export interface ExternalAccountCreate {
  network: string;
  country: string;
  currency: string;
  bankDetails: Record<string, string>;
}

/** OMS external-account endpoints (oms-api.md §5: not in v0.9; the sandbox serves them in preview). */
export class ExternalAccountsApi {
  #c: OmsClient;
  constructor(client: OmsClient) {
    this.#c = client;
  }

  schemas(country: string, currency: string, signal?: AbortSignal): Promise<OmsBankSchemas> {
    const query = { country, currency };
    return this.#c.request({ method: 'GET', path: '/external-accounts/schemas', query, schema: OmsBankSchemas, what: 'bank account schema', signal });
  }

  create(customerId: string, body: ExternalAccountCreate, idempotencyKey: string, signal?: AbortSignal): Promise<OmsExternalAccount> {
    const path = `/customers/${encodeURIComponent(customerId)}/external-accounts`;
    return this.#c.request({ method: 'POST', path, body, idempotencyKey, schema: OmsExternalAccount, what: 'external account', signal });
  }
}
