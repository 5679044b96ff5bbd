import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The user-level entry an AppImage console writes; named apart from the deb's `oms-console.desktop`. */
export const APPIMAGE_DESKTOP_FILE = 'oms-console-appimage.desktop';

export interface AppImageLinkDeps {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  scheme: string;
  /** Runs `xdg-mime default <file> x-scheme-handler/<scheme>`; rejects when it cannot. */
  setDefault(desktopFile: string, mimeType: string): Promise<void>;
  log(line: string): void;
}

export type AppImageLinkResult = 'not-appimage' | 'registered' | 'unchanged' | 'failed';

/**
 * One Exec argument, quoted as the Desktop Entry spec asks: inside double quotes, `"`, `` ` ``,
 * `$` and `\` are backslash-escaped, and a literal `%` is doubled so it is not a field code.
 */
export function execArg(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%')}"`;
}

export function appImageDesktopEntry(appImagePath: string, scheme: string): string {
  if (/[\n\r]/.test(appImagePath)) throw new Error('appimage-links: the AppImage path contains a line break');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=OMS Console',
    'Comment=Opens oms-console:// links in OMS Console (AppImage)',
    `Exec=${execArg(appImagePath)} %U`,
    'Terminal=false',
    // A link handler only: the AppImage is started from wherever the user keeps it.
    'NoDisplay=true',
    `MimeType=x-scheme-handler/${scheme};`,
    'Categories=Office;',
    '',
  ].join('\n');
}

/**
 * An AppImage installs no .desktop file, so the OS has nothing to hand oms-console:// links to
 * (Electron's setAsDefaultProtocolClient names a `oms-console.desktop` only the deb installs). On
 * each start from an AppImage this writes a user-level entry for the AppImage's current path and
 * makes it the scheme's default; it does nothing when the entry already says the same.
 */
export async function registerAppImageLinks(deps: AppImageLinkDeps): Promise<AppImageLinkResult> {
  const appImage = deps.env.APPIMAGE;
  if (deps.platform !== 'linux' || !appImage) return 'not-appimage';
  const home = deps.env.HOME;
  const dataHome = deps.env.XDG_DATA_HOME || (home ? join(home, '.local', 'share') : null);
  if (!dataHome) {
    deps.log('oms-console:// links not registered: neither XDG_DATA_HOME nor HOME is set');
    return 'failed';
  }
  const dir = join(dataHome, 'applications');
  const file = join(dir, APPIMAGE_DESKTOP_FILE);
  try {
    const entry = appImageDesktopEntry(appImage, deps.scheme);
    if (existsSync(file) && readFileSync(file, 'utf8') === entry) return 'unchanged';
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, entry, { mode: 0o644 });
    await deps.setDefault(APPIMAGE_DESKTOP_FILE, `x-scheme-handler/${deps.scheme}`);
    deps.log(`oms-console:// links registered for this AppImage (${file})`);
    return 'registered';
  } catch (e) {
    // Removed so the next start tries again instead of finding an "unchanged" entry.
    rmSync(file, { force: true });
    deps.log(`oms-console:// links not registered for this AppImage: ${e instanceof Error ? e.message : 'error'}; the deb package registers them`);
    return 'failed';
  }
}

/** `xdg-mime default` (xdg-utils), with the environment given (HOME and XDG_* decide where it writes). */
export function xdgMimeDefault(env: Record<string, string | undefined>): AppImageLinkDeps['setDefault'] {
  return (desktopFile, mimeType) =>
    new Promise((resolve, reject) => {
      execFile('xdg-mime', ['default', desktopFile, mimeType], { env: env as NodeJS.ProcessEnv, timeout: 10_000 }, (error, _out, stderr) => {
        if (error) reject(new Error(`xdg-mime failed: ${(stderr || error.message).trim().split('\n')[0]}`));
        else resolve();
      });
    });
}
