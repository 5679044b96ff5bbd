// Which Electron fuses a production build flips, and where the binary to flip lives. Kept apart
// from the hook so a unit test can check the choice without packaging anything.
import { join } from 'node:path';

/**
 * Fuses are baked into the Electron binary and cannot be changed at run time, so a shipped console
 * cannot be turned into a general Node runtime (RunAsNode, NODE_OPTIONS, --inspect), its cookies
 * are encrypted at rest, and it only runs the app.asar it was shipped with (integrity-checked where
 * the platform supports it).
 * @param {Record<string, number>} FuseV1Options the enum from @electron/fuses
 * @param {string} version FuseVersion.V1
 * @param {{ platform: string, arch: string }} target
 */
export function productionFuses(FuseV1Options, version, target) {
  return {
    version,
    // Flipping a fuse breaks an ad-hoc signature on Apple silicon; electron-builder signs right after.
    resetAdHocDarwinSignature: target.platform === 'darwin' && target.arch === 'arm64',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  };
}

/**
 * The packaged Electron executable for an afterPack context (the same rule electron-builder uses:
 * Linux names it after `executableName`, the others after the product file name).
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { executableName?: string, appInfo: { productFilename: string } } }} context
 */
export function packagedBinaryPath(context) {
  const ext = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' }[context.electronPlatformName];
  if (ext === undefined) throw new Error(`fuses: unknown platform ${context.electronPlatformName}`);
  const name = context.electronPlatformName === 'linux' ? (context.packager.executableName ?? context.packager.appInfo.productFilename) : context.packager.appInfo.productFilename;
  return join(context.appOutDir, `${name}${ext}`);
}

/** electron-builder's Arch enum, as afterPack receives it. */
export const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };
