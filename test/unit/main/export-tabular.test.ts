import { describe, expect, it } from 'vitest';
import { fileNameFor } from '../../../src-main/services/export/export.ipc.ts';
import { guardCell, quoteField, toCsv, toJson } from '../../../src-main/services/export/tabular.ts';

describe('CSV builder', () => {
  it('quotes by RFC 4180: commas, quotes, CR and LF inside a field; CRLF between records; BOM first', () => {
    const csv = toCsv(['id', 'note'], [
      { id: 'a', note: 'plain' },
      { id: 'b', note: 'one, two' },
      { id: 'c', note: 'say "hi"' },
      { id: 'd', note: 'line\nbreak' },
      { id: 'e', note: 'cr\rhere' },
      { id: 'f', note: null },
    ]);
    expect(csv).toBe('\uFEFFid,note\r\na,plain\r\nb,"one, two"\r\nc,"say ""hi"""\r\nd,"line\nbreak"\r\ne,"cr\rhere"\r\nf,\r\n');
  });

  it('prefixes text that a spreadsheet would run as a formula, and only that', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(guardCell(s)).toBe(`'${s}`);
    for (const s of ['Dora', 'a=b', 'x-1', 'cst_123', '']) expect(guardCell(s)).toBe(s);
    // Numbers and flags are values, not text a formula could hide in.
    expect(guardCell(-5)).toBe('-5');
    expect(guardCell(true)).toBe('true');
    expect(toCsv(['name'], [{ name: '=cmd|"/c calc"!A1' }])).toBe('\uFEFFname\r\n"\'=cmd|""/c calc""!A1"\r\n');
  });

  it('keeps amounts as the decimal strings they are (no float rounding, no exponent)', () => {
    const csv = toCsv(['amount'], [{ amount: '0.1000000000000000055511' }, { amount: '12345678901234567890.01' }]);
    expect(csv).toContain('\r\n0.1000000000000000055511\r\n12345678901234567890.01\r\n');
  });

  it('leaves a field alone when it needs no quoting', () => {
    expect(quoteField('txn_abc')).toBe('txn_abc');
  });

  it('fills a column a row lacks with an empty field', () => {
    expect(toCsv(['a', 'b'], [{ a: '1' }])).toBe('\uFEFFa,b\r\n1,\r\n');
  });
});

describe('JSON builder and file names', () => {
  it('writes the metadata and the rows with values as they are', () => {
    const parsed = JSON.parse(toJson({ dataset: 'transactions', piiMasked: true }, [{ id: 'txn_1', amount: '10.50', ok: true, n: null }])) as unknown;
    expect(parsed).toEqual({ dataset: 'transactions', piiMasked: true, rows: [{ id: 'txn_1', amount: '10.50', ok: true, n: null }] });
  });

  it('names the file after the profile kind, the dataset and the minute, in UTC', () => {
    expect(fileNameFor('reviewQueue', 'csv', 'local', new Date('2026-12-07T14:05:59.000Z'))).toBe('oms-local-review-queue-2026-12-07-1405Z.csv');
  });
});
