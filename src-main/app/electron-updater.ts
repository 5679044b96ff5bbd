import { dialog, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';
import { updaterPort, type UpdateDialog, type UpdaterPort } from '../desktop/updater-policy.ts';

/**
 * electron-updater's platform updater, configured by app-update.yml (written by electron-builder
 * from `publish`).
 * Imported by the Electron entry only: browser mode never loads it.
 */
export function createElectronUpdater(log: (line: string) => void): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  // Its own chatter goes to main.log through the caller's scrubbing log.
  const say = (level: string) => (m: unknown) => log(`updater ${level}: ${String(m).split('\n')[0]}`);
  autoUpdater.logger = { info: say('info'), warn: say('warn'), error: say('error'), debug: () => {} };
  return updaterPort(autoUpdater, log);
}

export function electronUpdateDialog(win: () => BrowserWindow | null): UpdateDialog {
  const show = (opts: Electron.MessageBoxOptions) => {
    const w = win();
    return w ? dialog.showMessageBox(w, opts) : dialog.showMessageBox(opts);
  };
  return {
    async tell(message, detail) {
      await show({ type: 'info', title: 'OMS Console', message, detail, buttons: ['OK'] });
    },
    async offerRestart(version) {
      const r = await show({
        type: 'info',
        title: 'OMS Console',
        message: `OMS Console ${version} is ready to install.`,
        detail: 'Restart now to update, or later: it installs when you next quit.',
        buttons: ['Restart to Update', 'Later'],
        defaultId: 0,
        cancelId: 1,
      });
      return r.response === 0;
    },
  };
}
