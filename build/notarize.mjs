// electron-builder afterSign hook: notarises the signed macOS app when Apple credentials are in
// the environment, and does nothing (saying so) otherwise, so local and CI builds without an Apple
// account still succeed. Credentials are read, passed to Apple's notarytool and never printed.
import { join } from 'node:path';

/**
 * What to notarise with, from the environment: an App Store Connect API key (preferred for CI) or
 * an Apple ID with an app-specific password. Returns the reason when it cannot.
 * @param {Record<string, string | undefined>} env
 */
export function notarizeCredentials(env) {
  if (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER) {
    return { ok: true, kind: 'api-key', options: { appleApiKey: env.APPLE_API_KEY, appleApiKeyId: env.APPLE_API_KEY_ID, appleApiIssuer: env.APPLE_API_ISSUER } };
  }
  if (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) {
    return { ok: true, kind: 'apple-id', options: { appleId: env.APPLE_ID, appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD, teamId: env.APPLE_TEAM_ID } };
  }
  return { ok: false, reason: 'no Apple credentials in the environment (APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID)' };
}

export default async function notarizeHook(context, env = process.env) {
  if (context.electronPlatformName !== 'darwin') return;
  const creds = notarizeCredentials(env);
  if (!creds.ok) {
    console.log(`  • notarisation skipped: ${creds.reason}`);
    return;
  }
  const appPath = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  const { notarize } = await import('@electron/notarize');
  console.log(`  • notarising ${appPath} (${creds.kind})`);
  await notarize({ appPath, ...creds.options });
}
