import './error-screen.css';
import { Component, useState, type ReactNode } from 'react';
import { scrubText } from '#shared/text/scrub.ts';
import { api } from '../lib/api-client.ts';

/**
 * What a crashed screen shows: what happened in a sentence, the error's own message scrubbed as the
 * log's copy is (an error can carry an email or a key, and a screen ends up in screenshots), no stack.
 */
export function ScreenError({ error, onReload, reloadLabel = 'Reload' }: { error: Error; onReload: () => void; reloadLabel?: string }) {
  const [copy, setCopy] = useState<{ state: 'idle' | 'copied' | 'failed'; text?: string }>({ state: 'idle' });
  const copyDiagnostics = async () => {
    const r = await api().app.diagnostics({ error: error.message.slice(0, 500) });
    if (!r.ok) return setCopy({ state: 'failed' });
    try {
      await navigator.clipboard.writeText(r.data.text);
      setCopy({ state: 'copied' });
    } catch {
      // A clipboard the browser refused: the text is shown to select and copy by hand.
      setCopy({ state: 'failed', text: r.data.text });
    }
  };
  return (
    <div className="state state-error screen-error" role="alert" aria-labelledby="screen-error-title">
      <strong id="screen-error-title">Something went wrong on this screen.</strong>
      <p>The console stopped showing it after an unexpected error. Your other screens still work; the error has been written to the log.</p>
      <p className="screen-error-message">
        Error: <code>{scrubText(error.message || error.name, []).slice(0, 500)}</code>
      </p>
      <div className="screen-error-actions">
        <button type="button" className="btn" onClick={onReload}>
          {reloadLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => void copyDiagnostics()}>
          Copy diagnostics
        </button>
        <span role="status" className="small">
          {copy.state === 'copied' ? 'Diagnostics copied: paste them into your bug report.' : copy.state === 'failed' ? 'The clipboard could not be used.' : ''}
        </span>
      </div>
      {copy.text && <textarea className="screen-error-diagnostics" readOnly aria-label="Diagnostics" value={copy.text} rows={8} />}
    </div>
  );
}

interface RootState {
  failed: Error | null;
}

/**
 * The last resort around the whole console: only an error the screen boundary could not hold (the
 * shell itself failed) ends here. It reloads the window, as nothing of the shell is left to keep.
 */
export class RootBoundary extends Component<{ children: ReactNode }, RootState> {
  override state: RootState = { failed: null };

  static getDerivedStateFromError(error: unknown): RootState {
    return { failed: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { failed } = this.state;
    if (!failed) return this.props.children;
    return (
      <main className="root-error" aria-label="Error">
        <h1>OMS Console</h1>
        <ScreenError error={failed} onReload={() => window.location.reload()} reloadLabel="Reload window" />
      </main>
    );
  }
}
