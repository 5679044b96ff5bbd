/**
 * What a waiting call is doing, in the words of the person who started it ("Loading Dora Docs"),
 * for the pending list, its Cancel and the message after a Cancel. Channel names never show.
 */
const WORDS: Record<string, string> = {
  'app.info': 'Reading the console version',
  'app.omsHealth': 'Checking OMS',
  'app.openExternal': 'Opening the link',
  'app.reportError': 'Reporting an error to the log',
  'app.diagnostics': 'Gathering diagnostics',
  'app.testHooks': 'Checking test hooks',
  'cashIns.create': 'Creating the deposit code',
  'cashIns.get': 'Loading the cash deposit',
  'cashIns.list': 'Loading cash deposits',
  'cashIns.locations': 'Loading retail locations',
  'cashIns.refresh': 'Getting a new deposit code',
  'cashIns.simulatePayment': 'Simulating the counter payment',
  'customers.balance': 'Loading the balance',
  'customers.create': 'Creating the customer',
  'customers.delete': 'Deactivating the customer',
  'customers.directory': 'Checking the customer directory',
  'customers.directoryControl': 'Changing the customer directory',
  'customers.get': 'Loading the customer',
  'customers.queue': 'Loading the review queue',
  'customers.requestEndorsements': 'Requesting endorsements',
  'customers.search': 'Searching customers',
  'customers.transactions': 'Loading the transactions',
  'customers.update': 'Saving the customer',
  'export.run': 'Exporting',
  'externalAccounts.create': 'Adding the bank account',
  'externalAccounts.schemas': 'Loading the bank account form',
  'inbox.clear': 'Clearing the inbox',
  'inbox.configureListener': 'Saving listener settings',
  'inbox.get': 'Loading the delivery',
  'inbox.list': 'Loading webhook deliveries',
  'inbox.listenerStatus': 'Checking the webhook listener',
  'inbox.replay': 'Replaying the delivery',
  'inbox.revealBody': 'Revealing the delivery',
  'inbox.stats': 'Counting webhook deliveries',
  'logs.audit': 'Loading the audit log',
  'logs.requests': 'Loading the request log',
  'pii.reveal': 'Revealing the value',
  'quotes.create': 'Getting a quote',
  'sandbox.decideEndorsement': 'Sending the decision',
  'sandbox.decidePending': 'Deciding every pending review',
  'sandbox.setReviewMode': 'Changing the review mode',
  'sandbox.simulateDeposit': 'Simulating the deposit',
  'sandbox.status': 'Checking the sandbox',
  'settings.checkCredentials': 'Checking the credentials',
  'settings.clearCredentials': 'Removing the credentials',
  'settings.deleteProfile': 'Deleting the profile',
  'settings.desktopPrefs': 'Loading preferences',
  'settings.displayPrefs': 'Loading the locale',
  'settings.keychainStatus': 'Checking the keychain',
  'settings.listProfiles': 'Loading profiles',
  'settings.saveProfile': 'Saving the profile',
  'settings.setActiveProfile': 'Switching profile',
  'settings.setCredentials': 'Saving the credentials',
  'settings.setDesktopPrefs': 'Saving preferences',
  'settings.setDisplayPrefs': 'Saving the locale',
  'transactions.execute': 'Sending the money',
  'transactions.find': 'Finding the transaction',
  'transactions.get': 'Loading the transaction',
  'transactions.list': 'Loading transactions',
  'transactions.partyNames': 'Naming the customers in the list',
  'wallets.balance': 'Loading the balance',
  'wallets.create': 'Provisioning the wallet',
  'wallets.list': 'Loading wallets',
  'webhooks.create': 'Adding the webhook endpoint',
  'webhooks.delete': 'Deleting the webhook endpoint',
  'webhooks.list': 'Loading webhook endpoints',
  'webhooks.setEnabled': 'Changing the webhook endpoint',
};

/** Customer reads name the customer when the console already knows the name (set at boot). */
let customerName: (id: string) => string | null = () => null;
export function nameCustomersWith(fn: (id: string) => string | null): void {
  customerName = fn;
}

export function callWords(channel: string, input: unknown): string {
  const id = (input as { customerId?: unknown } | null)?.customerId;
  const name = typeof id === 'string' ? customerName(id) : null;
  if (name && (channel === 'customers.get' || channel === 'customers.update')) return `${channel === 'customers.get' ? 'Loading' : 'Saving'} ${name}`;
  return WORDS[channel] ?? 'Waiting for the console';
}

/** The words of a cancelled call: what the person stopped, and that nothing else will happen. */
export function cancelledWords(label: string): string {
  const what = label.charAt(0).toLowerCase() + label.slice(1);
  return `You stopped ${what}. Nothing more will change on screen; try again when you are ready.`;
}
