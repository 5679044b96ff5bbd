import { randomUUID } from 'node:crypto';
import {
  BankNetwork,
  SENSITIVE_BANK_FIELD,
  type BankField,
  type BankRail,
  type BankSchemas,
  type ExternalAccount,
} from '#shared/ipc/external-accounts.contract.ts';
import { AppFailure } from '../../lib/app-failure.ts';
import { ExternalAccountsApi, type ExternalAccountCreate, type OmsBankSchemas, type OmsExternalAccount } from '../../oms/external-accounts.api.ts';
import type { DomainHandlers } from '../../ipc/handlers.ts';
import { isOmsError } from '../../oms/oms-error.ts';
import type { OmsSession } from '../session/oms-session.ts';

export const NOT_OFFERED_MESSAGE =
  'OMS v0.9 does not offer external bank accounts yet. What to do instead: fund and pay out through the customer’s custodial wallet, ' +
  'and keep the bank details in your own system of record until OMS offers the endpoint. ' +
  'To try the intended form, run the console with OMS_SANDBOX_PREVIEW=1 on the local profile.';

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Last 4 alphanumerics behind bullets: enough to recognise an account, never enough to use it. */
export function maskValue(value: string): string {
  return `••••${value.replace(/[^A-Za-z0-9]/g, '').slice(-4)}`;
}

/**
 * Masks again whatever OMS sent: the sandbox masks, but the real OMS shape is unknown, and a full
 * account or routing number must not reach the renderer (or its screenshots) either way.
 */
export function maskBankDetails(details: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(details ?? {})) {
    if (!FIELD_NAME.test(k) || (typeof v !== 'string' && typeof v !== 'number')) continue;
    out[k] = SENSITIVE_BANK_FIELD.test(k) ? maskValue(String(v)) : String(v).slice(0, 200);
  }
  return out;
}

function toField(f: OmsBankSchemas['rails'][number]['fields'][number]): BankField | null {
  if (!FIELD_NAME.test(f.name)) return null;
  return {
    name: f.name,
    label: (f.label ?? f.name).slice(0, 200),
    type: (f.type ?? 'string').slice(0, 20),
    required: f.required ?? false,
    ...(f.pattern ? { pattern: f.pattern.slice(0, 500) } : {}),
    ...(f.values ? { values: f.values.slice(0, 50).map((v) => v.slice(0, 100)) } : {}),
  };
}

function toSchemas(s: OmsBankSchemas): BankSchemas {
  const rails: BankRail[] = [];
  for (const r of s.rails) {
    const network = BankNetwork.safeParse(r.network);
    // A rail this console does not know yet is left out rather than failing the whole form.
    if (network.success) rails.push({ network: network.data, fields: r.fields.slice(0, 30).flatMap((f) => toField(f) ?? []) });
  }
  return { country: s.country, currency: s.currency, rails };
}

export function toAccount(a: OmsExternalAccount, fallback: ExternalAccountCreate): ExternalAccount {
  const network = BankNetwork.safeParse(a.network);
  return {
    id: a.id.slice(0, 100),
    customerId: a.customerId,
    type: a.type ?? null,
    network: network.success ? network.data : (fallback.network as ExternalAccount['network']),
    country: a.country ?? fallback.country,
    currency: a.currency ?? fallback.currency,
    status: a.status ?? 'unknown',
    bankDetails: maskBankDetails(a.bankDetails),
    createdAt: a.createdAt,
  };
}

/**
 * externalAccounts.* over the active profile's OMS (a preview-only sandbox feature in v0.9). The
 * one mapping of its own: a plain 404 means "OMS does not offer this", said in words; every other
 * OMS error is mapped by the dispatcher like any other (field issues included).
 */
export function externalAccountsHandlers(session: OmsSession): DomainHandlers<'externalAccounts'> {
  const api = async () => new ExternalAccountsApi((await session.apis()).client);
  const notOffered = async <T>(fn: () => Promise<T>, schemaLookup: boolean): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      // The real v0.9 has no such path at all (plain 404); the sandbox says `not_available`.
      if (isOmsError(e) && e.status === 404 && (e.omsCode === 'not_available' || schemaLookup)) {
        throw new AppFailure('UNAVAILABLE', NOT_OFFERED_MESSAGE, { status: e.status, omsCode: e.omsCode, requestId: e.requestId });
      }
      throw e;
    }
  };
  return {
    schemas: async ({ country, currency }, { signal }) => toSchemas(await notOffered(async () => (await api()).schemas(country, currency, signal), true)),
    // One Idempotency-Key per operation so a retry cannot register twice.
    create: async ({ customerId, network, country, currency, bankDetails }, { signal }) => {
      const body = { network, country, currency, bankDetails };
      return toAccount(await notOffered(async () => (await api()).create(customerId, body, randomUUID(), signal), false), body);
    },
  };
}
