export interface PreventableEvent {
  preventDefault(): void;
}
export interface QuitApp {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

export const QUIT_CAP_MS = 5000;

/**
 * `before-quit` cannot await: the first quit is held back while the console shuts down in order
 * (webhook inbox committed, listener closed, sandbox stopped, database closed), then quit is
 * called again. A hung close never keeps the app alive past the cap.
 */
export function guardQuit(app: QuitApp, close: () => Promise<void>, opts: { capMs?: number; log?: (line: string) => void } = {}): { readonly state: 'running' | 'closing' | 'closed' } {
  const capMs = opts.capMs ?? QUIT_CAP_MS;
  const status = { state: 'running' as 'running' | 'closing' | 'closed' };
  app.on('before-quit', (event) => {
    if (status.state === 'closed') return;
    event.preventDefault();
    if (status.state === 'closing') return;
    status.state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cap = new Promise<'cap'>((resolve) => {
      timer = setTimeout(() => resolve('cap'), capMs);
    });
    const done = Promise.resolve()
      .then(close)
      .then(
        () => 'closed' as const,
        (e: unknown) => {
          opts.log?.(`shutdown failed: ${e instanceof Error ? e.message : 'error'}`);
          return 'failed' as const;
        },
      );
    void Promise.race([done, cap]).then((how) => {
      clearTimeout(timer);
      if (how === 'cap') opts.log?.(`shutdown did not finish within ${capMs} ms; quitting anyway`);
      status.state = 'closed';
      app.quit();
    });
  });
  return status;
}

/** macOS apps keep running with no window (the dock icon reopens one); elsewhere closing the last window quits. */
export function quitsWhenAllWindowsClosed(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/**
 * Owns the one main window. The console's services are built once per process; `activate` (dock
 * click) or a second launch only builds a new window around them.
 */
export class WindowKeeper<W extends { isDestroyed(): boolean }> {
  readonly #create: () => W;
  #win: W | null = null;
  created = 0;

  constructor(create: () => W) {
    this.#create = create;
  }

  current(): W | null {
    return this.#win && !this.#win.isDestroyed() ? this.#win : null;
  }

  ensure(): W {
    const existing = this.current();
    if (existing) return existing;
    this.created++;
    this.#win = this.#create();
    return this.#win;
  }
}
