import './export.css';
import { useState } from 'react';
import type { ExportDataset, ExportFormat, ExportResult } from '#shared/ipc/export.contract.ts';
import { RevealReason } from '../../components/RevealReason.tsx';
import { api } from '../../lib/api-client.ts';
import { currentTarget, DATASET_LABELS, REVEALABLE } from './export-targets.ts';
import { formatCount } from '../../lib/format.ts';

/** Browser mode: main hands the file back and the browser saves it as a download. */
function download(r: ExportResult): void {
  const url = URL.createObjectURL(new Blob([r.content ?? ''], { type: `${r.mimeType};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const rowsText = (n: number) => `${formatCount(n)} row${n === 1 ? '' : 's'}`;

function outcomeText(r: ExportResult): string {
  if (r.outcome === 'cancelled') return 'Export cancelled.';
  const cut = r.truncated ? ' (the first ones only: narrow the filters for the rest)' : '';
  return r.outcome === 'file' ? `Saved ${rowsText(r.rows)}${cut}.` : `Downloaded ${r.fileName}: ${rowsText(r.rows)}${cut}.`;
}

/**
 * CSV and JSON export of what a screen lists, with the screen's current filters. Main reads the
 * data and builds the file; personal data stays masked unless revealed with a reason (audited).
 */
export function ExportMenu({ dataset }: { dataset: ExportDataset }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const label = DATASET_LABELS[dataset];
  const run = async (format: ExportFormat, reason?: string) => {
    setBusy(true);
    setMessage('Exporting…');
    const r = await api().export.run({ target: currentTarget(dataset), format, ...(reason ? { reveal: { reason } } : {}) });
    setBusy(false);
    if (!r.ok) return setMessage(`Export failed: ${r.error.message}`);
    if (r.data.outcome === 'download') download(r.data);
    setMessage(outcomeText(r.data));
  };
  return (
    <div className="export-menu" role="group" aria-label={`Export ${label}`}>
      <span className="muted small" aria-hidden="true">
        Export
      </span>
      <button type="button" className="btn btn-small" disabled={busy} aria-label={`Export ${label} as CSV`} onClick={() => void run('csv')}>
        CSV
      </button>
      <button type="button" className="btn btn-small" disabled={busy} aria-label={`Export ${label} as JSON`} onClick={() => void run('json')}>
        JSON
      </button>
      {REVEALABLE.has(dataset) && <RevealReason what="payloads and export CSV" busy={busy} onReveal={(reason) => void run('csv', reason)} />}
      <span className="small export-status" role="status">
        {message}
      </span>
    </div>
  );
}
