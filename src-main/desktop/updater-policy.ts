import type { InFlightChanges } from './in-flight-changes.ts';

/** The settings-store row for Settings → Desktop → "Check for updates at start" (default on). */
export { UPDATE_CHECK_AT_START_KEY } from '#shared/domain/desktop-prefs.ts';

/** electron-updater, reduced to what the policy needs (the adapter is app/electron-updater.ts). */
export interface UpdaterPort {
  /** The newer version on the feed, or null when this one is the latest. Throws when the feed cannot be read. */
  check(): Promise<{ version: string } | null>;
  /** Downloads it and checks its sha512 against the feed (and, on Windows, the publisher's signature). */
  download(): Promise<void>;
  /** Quits and installs the downloaded update. */
  install(): void;
}

export interface UpdateDialog {
  /** A plain message with OK (only ever for a check the operator asked for). */
  tell(message: string, detail: string): Promise<void>;
  /** "Restart to update" or "Later"; true for restart. */
  offerRestart(version: string): Promise<boolean>;
}

export interface UpdateControllerDeps {
  updater: UpdaterPort;
  dialog: UpdateDialog;
  changes: Pick<InFlightChanges, 'count' | 'whenIdle'>;
  log: (line: string) => void;
  currentVersion: string;
  /** Why updates cannot work in this run (not installed, browser mode), or null when they can. */
  unavailable: string | null;
  checkAtStart: () => boolean;
}

export type UpdateState = 'idle' | 'checking' | 'downloading' | 'ready';

export interface UpdateController {
  readonly state: UpdateState;
  /** The quiet check at start: logs only, asks nothing unless an update is ready to install. */
  atStart(): Promise<void>;
  /** Help → Check for Updates: says what it found. */
  checkNow(): Promise<void>;
}

const brief = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);

/**
 * When to check, what to say, and when a restart may be offered. The update downloads in the
 * background; "Restart to update" waits until no change to OMS is in flight, and a restart accepted
 * while one has just started waits for it to finish. Declined, the update installs at the next quit.
 */
export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  let state: UpdateState = 'idle';
  let ready: string | null = null;
  let offering = false;

  const offer = async (version: string): Promise<void> => {
    if (offering) return;
    offering = true;
    try {
      if (deps.changes.count() > 0) {
        deps.log(`update ${version} ready; the restart offer waits for ${deps.changes.count()} change(s) to OMS in flight`);
        await deps.changes.whenIdle();
      }
      if (!(await deps.dialog.offerRestart(version))) {
        deps.log(`update ${version} will install when the console quits`);
        return;
      }
      if (deps.changes.count() > 0) await deps.changes.whenIdle();
      deps.log(`restarting to install ${version}`);
      deps.updater.install();
    } finally {
      offering = false;
    }
  };

  const run = async (quiet: boolean): Promise<void> => {
    if (deps.unavailable) {
      deps.log(`update check skipped: ${deps.unavailable}`);
      if (!quiet) await deps.dialog.tell('Updates are not available here.', deps.unavailable);
      return;
    }
    if (ready) return offer(ready);
    if (state !== 'idle') {
      if (!quiet) await deps.dialog.tell('Already checking for updates.', 'You will be asked to restart when an update is ready.');
      return;
    }
    state = 'checking';
    let found: { version: string } | null;
    try {
      found = await deps.updater.check();
    } catch (e) {
      state = 'idle';
      deps.log(`update check failed: ${brief(e)}`);
      if (!quiet) await deps.dialog.tell('Could not check for updates.', brief(e));
      return;
    }
    if (!found) {
      state = 'idle';
      deps.log(`update check: ${deps.currentVersion} is the latest`);
      if (!quiet) await deps.dialog.tell(`OMS Console ${deps.currentVersion} is up to date.`, '');
      return;
    }
    state = 'downloading';
    deps.log(`update ${found.version} found; downloading`);
    if (!quiet) void deps.dialog.tell(`OMS Console ${found.version} is available.`, 'It downloads in the background; you will be asked to restart when it is ready.');
    try {
      await deps.updater.download();
    } catch (e) {
      state = 'idle';
      deps.log(`update ${found.version} download failed: ${brief(e)}`);
      if (!quiet) await deps.dialog.tell('The update could not be downloaded.', brief(e));
      return;
    }
    state = 'ready';
    ready = found.version;
    await offer(found.version);
  };

  return {
    get state() {
      return state;
    },
    async atStart() {
      if (!deps.checkAtStart()) {
        deps.log('update check at start is off (Settings → Desktop)');
        return;
      }
      await run(true);
    },
    checkNow: () => run(false),
  };
}

/** The parts of electron-updater's AppUpdater the port uses (structural, so a test can hand it a real updater built without Electron). */
export interface AppUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (e: Error) => void): unknown;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/**
 * Downloads only when the policy asks (a check never starts one by itself), and a downloaded update
 * the operator put off installs at quit. Its error events are logged; the promises carry them too.
 */
export function updaterPort(u: AppUpdaterLike, log: (line: string) => void): UpdaterPort {
  u.autoDownload = false;
  u.autoInstallOnAppQuit = true;
  u.on('error', (e) => log(`updater error: ${brief(e)}`));
  return {
    async check() {
      const r = await u.checkForUpdates();
      return r?.isUpdateAvailable ? { version: r.updateInfo.version } : null;
    },
    async download() {
      await u.downloadUpdate();
    },
    // Not silent on Windows (the installer shows its progress); the console starts again after.
    install: () => u.quitAndInstall(false, true),
  };
}

/** For a run where updates cannot work: the controller never calls it (its `unavailable` says why). */
export const NO_UPDATER: UpdaterPort = {
  check: () => Promise.reject(new Error('no updater in this run')),
  download: () => Promise.reject(new Error('no updater in this run')),
  install: () => {},
};
