import { api } from '../../lib/api-client.ts';
import { setFormatPrefs } from '../../lib/format.ts';

/** Reads the saved locale and UTC choice at start, so the first screen already speaks it. */
export async function loadDisplayPrefs(): Promise<void> {
  const r = await api().settings.displayPrefs({});
  if (r.ok) setFormatPrefs(r.data);
}
