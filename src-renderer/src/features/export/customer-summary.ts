import type { CustomerView } from '#shared/domain/customer.ts';
import type { TransactionView } from '#shared/domain/transaction.ts';
import { endorsementLabel, endorsementSays, missingSentence, statusWords } from '../customers/endorsement-words.ts';
import { shownAmount } from '../transactions/money-words.ts';

/**
 * Text from OMS or an operator goes into Markdown as text: characters that would start emphasis,
 * a link, a table cell or HTML are escaped (no text starts a line, so `#`, `-` and `+` stay as they are), so a name like `[click](http://x)` stays a name.
 */
export function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>|~]/g, '\\$&').replace(/\r\n|\r|\n/g, ' ');
}

const code = (s: string) => `\`${s.replace(/`/g, '')}\``;

function endorsementLines(c: CustomerView): string[] {
  if (c.endorsements.length === 0) return ['- None requested'];
  return c.endorsements.map((e) => {
    const why: string[] = [endorsementSays(e.status, c.status)];
    if (e.requirements.missing.length) why.push(missingSentence(e.requirements.missing));
    for (const issue of e.requirements.issues) why.push(issue);
    for (const r of e.rejectionReasons) if (r.reason) why.push(`Reason: ${r.reason}`);
    return `- **${mdText(endorsementLabel(e.name))}**: ${mdText(statusWords(e.status).label)} — ${mdText(why.join(' '))}`;
  });
}

function walletLines(c: CustomerView): string[] {
  if (c.wallets.length === 0) return ['- No wallets'];
  return c.wallets.map((w) => {
    const asset = [w.asset?.toUpperCase(), w.network].filter(Boolean).join(' on ');
    const balance = w.balance !== null ? `, balance ${w.balance}${w.asset ? ` ${w.asset.toUpperCase()}` : ''}` : '';
    return `- ${code(w.id)}${asset ? ` ${mdText(asset)}` : ''}${balance}${w.address ? `, address ${code(w.address)}` : ''}`;
  });
}

function transactionLines(txns: readonly TransactionView[] | null): string[] {
  if (txns === null) return ['- Could not be loaded'];
  if (txns.length === 0) return ['- None'];
  return txns.map((t) => {
    const { amount, asset } = shownAmount(t);
    const when = t.createdAt ? `${t.createdAt.slice(0, 16).replace('T', ' ')} UTC` : 'time unknown';
    return `- ${when} · ${code(t.id)} · ${mdText(t.type ?? 'transaction')} · ${mdText(t.status)}${amount ? ` · ${amount}${asset ? ` ${asset.toUpperCase()}` : ''}` : ''}`;
  });
}

/**
 * A customer for a support ticket, in Markdown: name, id, endorsements with why, wallets and the
 * last transactions. Email and phone only ever as main masked them: never the revealed values.
 * Amounts are the decimal strings OMS sent.
 */
export function customerSummaryMarkdown(c: CustomerView, txns: readonly TransactionView[] | null, at: Date): string {
  const name = [c.firstName, c.middleName, c.lastName].filter(Boolean).join(' ') || c.externalId || c.id;
  return [
    `### ${mdText(name)}`,
    '',
    `- Customer id: ${code(c.id)}`,
    `- Status: ${mdText(c.status)}`,
    ...(c.externalId ? [`- External id: ${code(c.externalId)}`] : []),
    `- Email: ${mdText(c.emailMasked ?? '—')} (masked)`,
    `- Phone: ${mdText(c.phoneMasked ?? '—')} (masked)`,
    '',
    '**Endorsements**',
    ...endorsementLines(c),
    '',
    '**Wallets**',
    ...walletLines(c),
    '',
    `**Last transactions** (newest first)`,
    ...transactionLines(txns),
    '',
    `_Copied from OMS Console at ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC_`,
    '',
  ].join('\n');
}
