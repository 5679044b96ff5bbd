import { writeFile } from 'node:fs/promises';
import type { ExportFormat, ExportResult, ExportTarget } from '#shared/ipc/export.contract.ts';
import { AppFailure } from '../../lib/app-failure.ts';
import type { CallContext, DomainHandlers, Handlers } from '../../ipc/handlers.ts';
import { maskEmails } from '../../lib/redact.ts';
import { readers, type Collected, type ExportSources } from './export-datasets.ts';
import { toCsv, toJson, type Row } from './tabular.ts';

/**
 * The native save dialog, injected (Electron passes one built on dialog.showSaveDialog): it
 * returns the path the operator chose, or null when they closed it. Only main ever holds the path.
 */
export interface SaveDialog {
  choosePath(defaultName: string, format: ExportFormat): Promise<string | null>;
}

export interface ExportDeps {
  /** The console's handlers, the same ones each screen reads through. */
  handlers: () => Handlers;
  profileKind: () => string;
  saveDialog?: SaveDialog;
  now?: () => Date;
}

/** Datasets that hold personal data main masks, and can therefore be revealed on purpose. */
const REVEALABLE: ReadonlySet<ExportTarget['dataset']> = new Set(['inbox']);

/** A webhook payload is the OMS object in full: masked as the Inbox screen shows it, clear only when revealed. */
async function withPayloads(h: Handlers, data: Collected, reason: string | null, ctx: CallContext): Promise<Collected> {
  const rows: Row[] = [];
  for (const r of data.rows) {
    ctx.signal?.throwIfAborted();
    const seq = Number(r.seq);
    const body = reason ? (await h.inbox.revealBody({ seq, reason }, ctx)).body : (await h.inbox.get({ seq }, ctx)).body;
    rows.push({ ...r, payload: body });
  }
  return { ...data, columns: [...data.columns, 'payload'], rows };
}

/** Emails anywhere in a cell are masked too: a free-text field must not carry one out unrevealed. */
const masked = (rows: Row[]): Row[] => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? maskEmails(v) : v])));

export function fileNameFor(dataset: string, format: ExportFormat, kind: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace(/:/g, '').replace('T', '-');
  return `oms-${kind}-${dataset.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${stamp}Z.${format}`;
}

/** export.run: read, flatten, mask (unless revealed), write through the dialog or hand back for a download. */
export function exportHandlers(deps: ExportDeps): DomainHandlers<'export'> {
  const now = deps.now ?? (() => new Date());
  return {
    run: async ({ target, format, reveal }, ctx) => {
      if (reveal && !REVEALABLE.has(target.dataset)) {
        throw new AppFailure('INVALID_INPUT', 'reveal: only the webhook inbox export holds masked personal data (the payloads); this one has nothing to reveal.', { field: 'reveal' });
      }
      const h = deps.handlers();
      const sources: ExportSources = {
        logs: { audit: (i) => h.logs.audit(i, ctx), requests: (i) => h.logs.requests(i, ctx) },
        inbox: { list: (i) => h.inbox.list(i, ctx) },
        transactions: { list: (i) => h.transactions.list(i, ctx) },
        customers: { queue: (i) => h.customers.queue(i, ctx) },
      };
      let data = await readers[target.dataset](sources, target, ctx.signal);
      if (target.dataset === 'inbox') data = await withPayloads(h, data, reveal?.reason ?? null, ctx);
      const rows = reveal ? data.rows : masked(data.rows);
      const at = now();
      const content =
        format === 'csv'
          ? toCsv(data.columns, rows)
          : toJson({ dataset: target.dataset, exportedAt: at.toISOString(), filters: target.filters, piiMasked: !reveal, truncated: data.truncated }, rows);
      const base = { fileName: fileNameFor(target.dataset, format, deps.profileKind(), at), mimeType: format === 'csv' ? 'text/csv' : 'application/json', rows: rows.length, truncated: data.truncated } as const;
      if (ctx.caller.transport !== 'electron' || !deps.saveDialog) return { ...base, outcome: 'download', content } satisfies ExportResult;
      const path = await deps.saveDialog.choosePath(base.fileName, format);
      if (!path) return { ...base, outcome: 'cancelled', content: null };
      await writeFile(path, content, { encoding: 'utf8', mode: 0o600 });
      return { ...base, outcome: 'file', content: null };
    },
  };
}
