import type { Page as PwPage } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { control, directoryComplete, ensureListener, goto, oms, shot } from '../pages/console.page.ts';

interface Customer {
  id: string;
  endorsements: { name: string; status: string }[];
}
interface Page<T> {
  items: T[];
}
interface Wallet {
  id: string;
  asset: string;
  chain: string;
}

/** A seeded customer with active custody and usd endorsements, and a usdc wallet on polygon. */
async function fundedCustomer(app: PwPage) {
  // On a documented-only OMS the endorsement filter is answered by the directory: let it read everyone.
  await directoryComplete(app);
  const list = await oms<Page<Customer>>(app, 'customers', 'search', { endorsement: { name: 'usd', status: 'active' }, limit: 50 });
  const c = list.items.find((x) => x.endorsements.some((e) => e.name === 'cryptoCustody' && e.status === 'active'))!;
  const wallets = (await oms<Page<Wallet>>(app, 'wallets', 'list', { customerId: c.id })).items;
  const w = wallets.find((x) => x.asset === 'usdc' && x.chain === 'polygon') ?? (await oms<Wallet>(app, 'wallets', 'create', { customerId: c.id, asset: 'usdc', chain: 'polygon' }));
  return { customerId: c.id, walletId: w.id };
}

/** A funded customer's Send form filled with `amount` to an external address, quote asked: the Move money region. */
async function quoteSend(app: PwPage, amount: string) {
  const { customerId, walletId } = await fundedCustomer(app);
  await oms(app, 'sandbox', 'simulateDeposit', { walletId, amount: '20.00' });
  await goto(app, `#/wallets/${customerId}/send`);
  const money = app.getByRole('region', { name: 'Move money' });
  const send = money.getByRole('form', { name: 'Send money' });
  await send.getByLabel('From wallet').selectOption(walletId);
  await send.getByLabel('Destination address').fill('0x52908400098527886E0F7030069857D2E4169EE7');
  await send.getByLabel(/^Amount/).fill(amount);
  await send.getByRole('button', { name: 'Get quote' }).click();
  return money;
}

test('QA: funds a wallet by a cash-in paid at the counter, then sends to an external address and sees it complete live', async ({ app }) => {
  test.setTimeout(90_000);
  await control(app, 'PUT', '/money', { settlementDelayMs: 1500, quoteTtlSec: 300 });
  const { customerId, walletId } = await fundedCustomer(app);
  await goto(app, `#/wallets/${customerId}`);
  const money = app.getByRole('region', { name: 'Move money' });
  await expect(money.getByRole('note', { name: 'What this customer can do with money' })).toContainText('Can hold and send crypto');

  // Fund: location, code, simulated payment, credited balance.
  await money.getByRole('button', { name: 'Fund with cash' }).click();
  const fund = money.getByRole('form', { name: 'Fund with cash' });
  await fund.getByLabel('Credit wallet').selectOption(walletId);
  await expect(fund.getByLabel('Cash location')).not.toHaveValue('');
  await fund.getByLabel('Amount the customer brings (USD)').fill('60.00');
  await fund.getByRole('button', { name: 'Get a deposit code' }).click();
  const code = money.getByRole('region', { name: 'Deposit code' });
  await expect(code).toContainText(/Valid for (0?\d:)?\d\d:\d\d more/);
  await shot(app, 'money-1-deposit-code');
  await money.getByRole('button', { name: 'QA: simulate payment at the counter' }).click();
  await expect(money.getByText('Paid.')).toBeVisible();
  await expect(money.getByRole('link', { name: 'See the transaction' })).toBeVisible();

  // Send: address, amount, quote review, execute, live status until completed.
  await money.getByRole('button', { name: 'Send' }).click();
  const send = money.getByRole('form', { name: 'Send money' });
  await send.getByLabel('From wallet').selectOption(walletId);
  await send.getByLabel('Destination address').fill('0x52908400098527886E0F7030069857D2E4169EE7');
  await send.getByLabel(/^Amount/).fill('12.50');
  await send.getByRole('button', { name: 'Get quote' }).click();
  const quote = money.getByRole('region', { name: 'Quote' });
  await expect(quote).toContainText('You send');
  await expect(quote).toContainText('12.50 USDC');
  await expect(quote).toContainText(/Valid for \d:\d\d more/);
  await shot(app, 'money-2-quote');
  await money.getByRole('button', { name: /^Send 12\.50 USDC$/ }).click();
  const lifecycle = money.getByRole('list', { name: 'Lifecycle' });
  await expect(lifecycle).toBeVisible();
  // The badge, not the lifecycle's last step (which is labelled "Completed" before it is reached).
  const txStatus = money.getByRole('status', { name: 'Transaction status' });
  await expect(txStatus).toHaveText(/Processing/);
  await expect(txStatus).toHaveText(/Completed/, { timeout: 20_000 });
  await expect(money.getByRole('button', { name: 'Copy transaction hash' })).toBeVisible();
  await shot(app, 'money-3-sent');
});

/**
 * The journey above passes on either path: the status store polls every second as a fallback. Here
 * polling waits an hour, so only the transaction webhook (main's push, which re-reads the followed
 * transaction) can turn the status Completed.
 */
test('live: with polling an hour away, the transaction webhook alone turns the status Completed', async ({ app }) => {
  test.setTimeout(60_000);
  await ensureListener(app);
  // Settlement well after the first read (500 ms), so that read sees it still processing.
  await control(app, 'PUT', '/money', { settlementDelayMs: 3000, quoteTtlSec: 300 });
  await app.evaluate(() => localStorage.setItem('oms.transactionPollMs', String(3_600_000)));
  try {
    const money = await quoteSend(app, '2.00');
    await money.getByRole('button', { name: /^Send 2\.00 USDC$/ }).click();
    const txStatus = money.getByRole('status', { name: 'Transaction status' });
    await expect(txStatus).toHaveText(/Processing/);
    await expect(txStatus).toHaveText(/Completed/, { timeout: 20_000 });
  } finally {
    await app.evaluate(() => localStorage.removeItem('oms.transactionPollMs'));
    await control(app, 'PUT', '/money', { settlementDelayMs: 1500 });
  }
});

test('QA: an expired quote offers a new one instead of sending', async ({ app }) => {
  await control(app, 'PUT', '/money', { settlementDelayMs: 500, quoteTtlSec: 2 });
  try {
    const money = await quoteSend(app, '1.00');
    await expect(money.getByRole('region', { name: 'Quote' })).toContainText('This quote has expired.', { timeout: 10_000 });
    await expect(money.getByRole('button', { name: /^Send / })).toHaveCount(0);
    await shot(app, 'money-quote-expired');
    await control(app, 'PUT', '/money', { quoteTtlSec: 300 });
    await money.getByRole('button', { name: 'Get a new quote' }).click();
    await expect(money.getByRole('region', { name: 'Quote' })).toContainText(/Valid for \d:\d\d more/);
    await expect(money.getByRole('button', { name: /^Send 1\.00 USDC$/ })).toBeEnabled();
  } finally {
    await control(app, 'PUT', '/money', { quoteTtlSec: 300, settlementDelayMs: 1500 });
  }
});

test('support agent: traces a deposit from its on-chain hash to the transaction and its customer', async ({ app }) => {
  await control(app, 'PUT', '/money', { settlementDelayMs: 100 });
  const { customerId, walletId } = await fundedCustomer(app);
  await oms(app, 'sandbox', 'simulateDeposit', { walletId, amount: '7.25' });
  const page = await oms<Page<{ id: string; destination: { txHash: string | null; walletId: string | null } }>>(app, 'transactions', 'list', { walletId, limit: 5 });
  const deposit = page.items.find((t) => t.destination.txHash)!;
  await app.getByRole('link', { name: 'Transactions' }).click();
  await app.getByLabel('Transaction id, quote id or transaction hash').fill(deposit.destination.txHash!);
  await app.getByRole('button', { name: 'Find' }).click();
  const detail = app.getByRole('article');
  await expect(detail).toContainText(deposit.id);
  await expect(detail.getByRole('status', { name: 'Transaction status' })).toHaveText(/Completed/);
  await expect(detail.getByRole('link', { name: `Open customer ${customerId}` })).toBeVisible();
  await shot(app, 'money-trace-hash');
  await detail.getByRole('link', { name: `Open customer ${customerId}` }).click();
  await expect(app).toHaveURL(new RegExp(`#/customers/${customerId}`));
});
