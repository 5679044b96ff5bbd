import { appContract } from './app.contract.ts';
import { cashInsContract } from './cash-ins.contract.ts';
import { customersContract } from './customers.contract.ts';
import { exportContract } from './export.contract.ts';
import { inboxContract } from './inbox.contract.ts';
import { externalAccountsContract } from './external-accounts.contract.ts';
import { logsContract } from './logs.contract.ts';
import type { Operation } from './operation.ts';
import { piiContract } from './pii.contract.ts';
import { quotesContract } from './quotes.contract.ts';
import { sandboxContract } from './sandbox.contract.ts';
import { settingsContract } from './settings.contract.ts';
import { transactionsContract } from './transactions.contract.ts';
import { walletsContract } from './wallets.contract.ts';
import { webhooksContract } from './webhooks.contract.ts';

/** Every operation, by domain: the one source the preload, the bridge and main are built from. */
export const contract = {
  app: appContract,
  settings: settingsContract,
  customers: customersContract,
  wallets: walletsContract,
  quotes: quotesContract,
  transactions: transactionsContract,
  cashIns: cashInsContract,
  externalAccounts: externalAccountsContract,
  webhooks: webhooksContract,
  inbox: inboxContract,
  logs: logsContract,
  pii: piiContract,
  sandbox: sandboxContract,
  export: exportContract,
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;

/** Channel → operation, for the dispatcher and transports. */
export const operations: ReadonlyMap<string, Operation> = new Map(
  Object.values(contract).flatMap((domain) => Object.values(domain).map((op: Operation) => [op.channel, op] as const)),
);

export const channels: readonly string[] = [...operations.keys()];
