import type { CustomerSearchPage } from '#shared/ipc/customers.contract.ts';

type Meta = Pick<CustomerSearchPage, 'source' | 'dropped' | 'withheld'>;

/** What the count line says about where rows came from and what main held back. */
function sourceNote(meta: Meta | null): string {
  if (!meta) return '';
  const parts: string[] = [];
  if (meta.source === 'directory') parts.push('from the customer directory');
  if (meta.dropped > 0) parts.push(`${meta.dropped} row${meta.dropped === 1 ? '' : 's'} OMS sent did not match and ${meta.dropped === 1 ? 'is' : 'are'} not shown`);
  if (meta.withheld > 0)
    parts.push(
      `${meta.withheld} customer${meta.withheld === 1 ? '' : 's'} matched only on a hidden email or phone that was searched letter by letter too often; reveal it from the customer (audited) to search by it`,
    );
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}

/**
 * The status line over an answered search ("50+ customers — scroll for more"); shared by the
 * screen and the first screen's early paint. No row yet while OMS has more pages: nothing to scroll.
 */
export function searchCountLine(rows: number, hasMore: boolean, meta: Meta | null): string {
  return rows === 0 && hasMore
    ? `No match in the customers read so far — more to search${sourceNote(meta)}`
    : `${rows}${hasMore ? '+' : ''} customer${rows === 1 ? '' : 's'}${hasMore ? ' — scroll for more' : ''}${sourceNote(meta)}`;
}
