export function productionFuses(FuseV1Options: Record<string, number | string>, version: string, target: { platform: string; arch: string }): Record<string | number, unknown>;
export function packagedBinaryPath(context: { appOutDir: string; electronPlatformName: string; packager: { executableName?: string; appInfo: { productFilename: string } } }): string;
export const ARCH_NAMES: Record<number, string>;
