import { join } from 'node:path';

export interface WindowOptionsInput {
  /** Remembered bounds (see desktop/window-state.ts); absent: the default size, centred. */
  bounds?: { x: number; y: number; width: number; height: number } | null;
  /** Matches the page's theme so no dark band flashes behind a light page (desktop/theme.ts). */
  backgroundColor?: string;
  /** Off in packaged builds: no way into the page's internals from the keyboard. */
  devTools?: boolean;
}

/**
 * The main window's options, kept free of the electron import so a test can pin every security
 * setting without an Electron runtime.
 */
export function mainWindowOptions(preloadDir: string, opts: WindowOptionsInput = {}) {
  const b = opts.bounds ?? null;
  return {
    ...(b ? { x: b.x, y: b.y, width: b.width, height: b.height } : { width: 1320, height: 860, center: true }),
    minWidth: 960,
    minHeight: 600,
    title: 'OMS Console',
    backgroundColor: opts.backgroundColor ?? '#f6f7f9',
    show: false,
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: opts.devTools ?? true,
    },
  } as const;
}
