import type { Contract } from './registry.ts';

/**
 * What each operation is, without its schemas: `read`, a `change` to the console's own data, or an
 * `oms-change` (a change to OMS data, confirmed first on a production profile). The renderer builds
 * `window.oms` and its waiting list from this, so its first screen does not load zod and every
 * contract's schemas before it can ask for anything; main and the bridge validate with the registry.
 * The type below fails to compile when a domain or operation is missing or extra; a unit test
 * checks every kind against the registry.
 */
export type OperationKind = 'read' | 'change' | 'oms-change';

export const channelTable = {
  app: { info: 'read', omsHealth: 'read', openExternal: 'read', reportError: 'read', diagnostics: 'read', testHooks: 'read' },
  settings: { listProfiles: 'read', setActiveProfile: 'change', saveProfile: 'change', deleteProfile: 'change', setCredentials: 'change', checkCredentials: 'read', clearCredentials: 'change', desktopPrefs: 'read', setDesktopPrefs: 'change', keychainStatus: 'read', displayPrefs: 'read', setDisplayPrefs: 'change' },
  customers: { search: 'read', directory: 'read', directoryControl: 'read', queue: 'read', get: 'read', create: 'oms-change', update: 'oms-change', requestEndorsements: 'oms-change', delete: 'oms-change', balance: 'read', transactions: 'read' },
  wallets: { list: 'read', create: 'oms-change', balance: 'read' },
  quotes: { create: 'change' },
  transactions: { list: 'read', get: 'read', execute: 'oms-change', find: 'read', partyNames: 'read' },
  cashIns: { locations: 'read', create: 'oms-change', get: 'read', refresh: 'oms-change', list: 'read', simulatePayment: 'oms-change' },
  externalAccounts: { schemas: 'read', create: 'oms-change' },
  webhooks: { list: 'read', create: 'oms-change', setEnabled: 'oms-change', delete: 'oms-change' },
  inbox: { list: 'read', get: 'read', revealBody: 'change', replay: 'change', clear: 'change', listenerStatus: 'read', configureListener: 'change', stats: 'read' },
  logs: { requests: 'read', audit: 'read' },
  pii: { reveal: 'change' },
  sandbox: { status: 'read', decideEndorsement: 'oms-change', decidePending: 'oms-change', setReviewMode: 'oms-change', simulateDeposit: 'oms-change' },
  export: { run: 'change' },
} as const satisfies { readonly [D in keyof Contract]: { readonly [K in keyof Contract[D]]: OperationKind } };

/** The kind of a channel (`domain.operation`), or undefined for a name no operation has. */
export function kindOf(channel: string): OperationKind | undefined {
  const dot = channel.indexOf('.');
  const ops = (channelTable as Record<string, Record<string, OperationKind> | undefined>)[channel.slice(0, dot)];
  return dot > 0 && ops && Object.hasOwn(ops, channel.slice(dot + 1)) ? ops[channel.slice(dot + 1)] : undefined;
}
