import { join } from 'node:path';

/**
 * The main window's options, kept free of the electron import so a test can pin every security
 * setting without an Electron runtime.
 */
export function mainWindowOptions(preloadDir: string) {
  return {
    width: 1320,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'OMS Console',
    backgroundColor: '#0f1115',
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
    },
  } as const;
}
