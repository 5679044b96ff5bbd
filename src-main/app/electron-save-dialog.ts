import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { SaveDialog } from '../services/export/export.ipc.ts';

/** Exports go where the operator picks in the OS's own dialog, starting in Downloads. */
export function electronSaveDialog(window: () => BrowserWindow | null): SaveDialog {
  return {
    choosePath: async (defaultName, format) => {
      const options = {
        title: 'Export',
        defaultPath: join(app.getPath('downloads'), defaultName),
        filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
      };
      const win = window();
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
