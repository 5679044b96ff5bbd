import type { Configuration } from 'electron-builder';

/**
 * Where installed consoles look for updates: a plain HTTPS folder holding what `npm run dist` wrote
 * (latest*.yml beside the installers). Set OMS_CONSOLE_UPDATE_URL when building a release; the
 * placeholder can never resolve (.invalid), so a build without it checks and finds nothing.
 */
export const UPDATE_FEED_PLACEHOLDER = 'https://updates.oms-console.invalid/desktop';
export function updateFeedUrl(env: Record<string, string | undefined>): string {
  const url = env.OMS_CONSOLE_UPDATE_URL?.trim();
  if (!url) return UPDATE_FEED_PLACEHOLDER;
  if (!/^https:\/\/[^/\s]+/.test(url)) throw new Error(`OMS_CONSOLE_UPDATE_URL must be an https:// URL, got "${url}"`);
  return url.replace(/\/+$/, '');
}

/**
 * Installers for the console: `npm run dist` (scripts/dist.mjs) builds for the host platform.
 * Every file named here is checked to exist by test/unit/packaging/builder-config.test.ts, and the
 * whole object against electron-builder's own schema.
 */
const config: Configuration = {
  appId: 'dev.omsconsole.desktop',
  productName: 'OMS Console',
  executableName: 'oms-console',
  copyright: 'Copyright © 2026 OMS Console contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // The electron-vite output and package.json; production node_modules are added by electron-builder.
  files: ['out/**/*', 'package.json', '!**/*.map', '!out/**/*.d.ts'],
  asar: true,
  // keytar is an N-API module: the binary npm built for the host loads in Electron as it is. An
  // in-place rebuild needs Electron's headers from the network and, when it fails, leaves
  // node_modules without keytar.node at all.
  npmRebuild: false,
  // keytar's native module cannot be loaded from inside the archive, and the sandbox's thread copies
  // its first-start store with plain fs (seed-template.ts looks in app.asar.unpacked).
  asarUnpack: ['**/node_modules/keytar/**/*.node', '**/out/main/sandbox-seed-*.db'],
  protocols: [{ name: 'OMS Console link', schemes: ['oms-console'] }],
  // Flipped by electron-builder right before signing. A shipped console cannot be run as plain Node
  // (RunAsNode, NODE_OPTIONS, --inspect), keeps cookies encrypted, loads only its own integrity-checked
  // app.asar, and gives file:// pages nothing extra: the renderer is served from app://.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  // Written into app-update.yml for electron-updater; `npm run dist` never uploads (--publish never).
  publish: [{ provider: 'generic', url: updateFeedUrl(process.env) }],
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Office',
    synopsis: 'Operations console for the Open Money Stack API',
    maintainer: 'OMS Console contributors <oms-console@users.noreply.github.com>',
  },
  deb: {
    // electron-builder's defaults, stated so the keychain dependency (Secret Service via keytar) is explicit.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  mac: {
    // electron-updater on macOS installs from the zip; the dmg is for the first install.
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    icon: 'build/icon.icns',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // electron-builder's own notarisation (notarytool). It runs only when the environment holds
    // APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER (preferred) or APPLE_ID +
    // APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID; signing itself takes CSC_LINK + CSC_KEY_PASSWORD.
    notarize: true,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  // Signed when CSC_LINK/CSC_KEY_PASSWORD (or WIN_CSC_LINK/WIN_CSC_KEY_PASSWORD) are set; see build/README.md.
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
};

export default config;
