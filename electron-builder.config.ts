import type { Configuration } from 'electron-builder';

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
  // keytar's native module cannot be loaded from inside the archive.
  asarUnpack: ['**/node_modules/keytar/**/*.node'],
  protocols: [{ name: 'OMS Console link', schemes: ['oms-console'] }],
  afterPack: './build/after-pack.mjs',
  afterSign: './build/notarize.mjs',
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Office',
    synopsis: 'Operations console for the Open Money Stack API',
    maintainer: 'OMS Console contributors <oms-console@users.noreply.github.com>',
    // The .desktop entry makes the OS hand oms-console:// links to the app.
    mimeTypes: ['x-scheme-handler/oms-console'],
  },
  deb: {
    // electron-builder's defaults, stated so the keychain dependency (Secret Service via keytar) is explicit.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  mac: {
    target: ['dmg'],
    icon: 'build/icon.icns',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // build/notarize.mjs does it when credentials exist; electron-builder's own step stays off.
    notarize: false,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
};

export default config;
