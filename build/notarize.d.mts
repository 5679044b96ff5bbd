export function notarizeCredentials(env: Record<string, string | undefined>): { ok: true; kind: 'api-key' | 'apple-id'; options: Record<string, string> } | { ok: false; reason: string };
export default function notarizeHook(context: { electronPlatformName: string; appOutDir: string; packager: { appInfo: { productFilename: string } } }, env?: Record<string, string | undefined>): Promise<void>;
