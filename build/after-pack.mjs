// electron-builder afterPack hook: flips the production fuses (see fuses.mjs) before signing.
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { ARCH_NAMES, packagedBinaryPath, productionFuses } from './fuses.mjs';

export default async function afterPack(context) {
  const binary = packagedBinaryPath(context);
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  await flipFuses(binary, productionFuses(FuseV1Options, FuseVersion.V1, { platform: context.electronPlatformName, arch }));
  console.log(`  • fuses flipped for production  binary=${binary}`);
}
