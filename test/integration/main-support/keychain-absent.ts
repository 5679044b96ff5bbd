/**
 * Child-process fixture for the "no Secret Service" test: run with DBUS_SESSION_BUS_ADDRESS unset
 * (libsecret caches its bus connection per process, so this cannot run inside the test process).
 * Prints one JSON line with what the console answered.
 */
import { createConsole } from '../../../src-main/app/composition.ts';
import { accounts } from '../../../src-main/secrets/credentials.ts';

const [dataDir, apiKey, apiSecret] = process.argv.slice(2) as [string, string, string];
const caller = { transport: 'test' as const, origin: 'test' };
const app = await createConsole({ transport: 'browser', dataDir, version: 'test', sandbox: { seed: 5 }, webhookPort: 0 });
const out = {
  keychainStatus: await app.dispatch('settings.keychainStatus', {}, caller),
  durable: await app.dispatch('settings.setCredentials', { profileId: 'oms-sandbox', apiKey, apiSecret }, caller),
  sessionOnly: await app.dispatch('settings.setCredentials', { profileId: 'production', apiKey, apiSecret, sessionOnly: true }, caller),
  search: await app.dispatch('customers.search', { limit: 2 }, caller),
  info: await app.dispatch('app.info', {}, caller),
  localSecret: await app.services.secrets.get(accounts.apiSecret('local')),
};
await app.close();
console.log(JSON.stringify(out));
