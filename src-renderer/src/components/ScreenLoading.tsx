import { Component, useEffect, useState, type ReactNode } from 'react';
import { useReload } from '../stores/reload.store.ts';
import { ScreenError } from './ErrorBoundary.tsx';

/**
 * What a lazily loaded screen shows while its code arrives: nothing for the first 300 ms (a
 * cached chunk arrives well within that, and a spinner shown for a few frames reads as a flicker),
 * then the usual loading state.
 */
export function ScreenLoading({ delayMs = 300 }: { delayMs?: number }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(t);
  }, [delayMs]);
  if (!shown) return <div className="state state-loading" aria-busy="true" />;
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading this screen…
    </div>
  );
}

interface BoundaryState {
  failed: Error | null;
}

/**
 * A screen whose code could not be loaded (the console was rebuilt or stopped while this page
 * stayed open, so the old chunk is gone) says so and offers a reload, instead of a blank page.
 * A screen that throws while rendering shows what happened inside the shell, so the sidebar still
 * leads elsewhere; its Reload mounts the screen afresh.
 */
export class ScreenBoundary extends Component<{ children: ReactNode; resetKey: string }, BoundaryState> {
  override state: BoundaryState = { failed: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { failed: error instanceof Error ? error : new Error(String(error)) };
  }

  private readonly remount = () => {
    this.setState({ failed: null });
    useReload.getState().bump();
  };

  override componentDidUpdate(prev: { resetKey: string }): void {
    if (prev.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: null });
  }

  override render(): ReactNode {
    const { failed } = this.state;
    if (!failed) return this.props.children;
    if (!isChunkLoadError(failed)) return <ScreenError error={failed} onReload={this.remount} />;
    return (
      <div className="state state-error" role="alert">
        <strong>This screen could not be loaded.</strong>
        <p>The console may have been updated or stopped since this page opened. Reload to get the current version.</p>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}

/** Chromium says "Failed to fetch dynamically imported module"; Vite's preload helper "Unable to preload CSS". */
export function isChunkLoadError(e: Error): boolean {
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(e.message);
}
