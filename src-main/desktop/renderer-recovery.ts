/** What Electron reports in `render-process-gone` (the fields used here). */
export interface GoneDetails {
  reason: string;
  exitCode: number;
}

export interface RecoveryQuestion {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

/** A modal question (the adapter shows `dialog.showMessageBox`); an abort closes it unanswered. */
export interface RecoveryDialog {
  ask(question: RecoveryQuestion, signal: AbortSignal): Promise<number>;
}

export interface RecoverableWindow {
  isDestroyed(): boolean;
  reload(): void;
}

export interface RendererRecovery {
  gone(details: GoneDetails): Promise<void>;
  unresponsive(): Promise<void>;
  responsive(): void;
}

const RELOAD = 0;

/**
 * A crashed or hung renderer otherwise leaves a blank or frozen window with nothing in the log.
 * Each is logged (the caller's log goes through the file log's scrubber) and the operator is asked
 * whether to reload; one question at a time, and a "not responding" question is withdrawn when
 * the window recovers by itself. A renderer that exits cleanly (closing, navigating) is not a crash.
 */
export function createRendererRecovery(win: RecoverableWindow, deps: { log: (line: string) => void; dialog: RecoveryDialog }): RendererRecovery {
  let open: AbortController | null = null;
  let hung = false;

  const offerReload = async (question: RecoveryQuestion, why: string): Promise<void> => {
    if (open) return;
    const ctl = new AbortController();
    open = ctl;
    try {
      const choice = await deps.dialog.ask(question, ctl.signal);
      if (ctl.signal.aborted || choice !== RELOAD || win.isDestroyed()) return;
      deps.log(`window reloaded by the operator after ${why}`);
      win.reload();
    } catch (e) {
      deps.log(`reload offer failed: ${e instanceof Error ? e.message : 'error'}`);
    } finally {
      if (open === ctl) open = null;
    }
  };

  return {
    async gone(details) {
      if (details.reason === 'clean-exit') return;
      deps.log(`renderer gone: ${details.reason} (exit ${details.exitCode})`);
      hung = false;
      open?.abort();
      open = null;
      await offerReload(
        {
          title: 'OMS Console',
          message: 'The console window stopped working.',
          detail: `Reason: ${details.reason}. Reloading brings the screens back; nothing sent to OMS is lost, and a change that was in progress may need checking in the audit log.`,
          buttons: ['Reload', 'Not now'],
          defaultId: RELOAD,
          cancelId: 1,
        },
        `renderer ${details.reason}`,
      );
    },
    async unresponsive() {
      if (hung) return;
      hung = true;
      deps.log('window not responding');
      await offerReload(
        {
          title: 'OMS Console',
          message: 'The console window is not responding.',
          detail: 'You can wait for it, or reload the window. Reloading abandons what the window was doing; calls already sent to OMS still complete.',
          buttons: ['Reload', 'Keep waiting'],
          defaultId: 1,
          cancelId: 1,
        },
        'the window stopped responding',
      );
    },
    responsive() {
      if (!hung) return;
      hung = false;
      deps.log('window responding again');
      open?.abort();
    },
  };
}
