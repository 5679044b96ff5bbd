import { useEffect, useState } from 'react';
import type { DisplayPrefs } from '#shared/domain/display-prefs.ts';
import type { AppError } from '#shared/ipc/result.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';
import { formatAmount, formatDateTime, setFormatPrefs } from '../../lib/format.ts';
import './desktop-prefs.css';
import './locale-panel.css';

/** Locales offered by name; any other valid tag stored by hand still works (it shows as itself). */
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'pl-PL', 'sv-SE', 'ja-JP', 'zh-CN', 'hi-IN'];

const localeName = (tag: string): string => {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
};

/** A fixed instant for the example line, so it reads the same on every render. */
const EXAMPLE_AT = '2026-03-14T15:09:26Z';

/** Settings → Locale: one locale for money and times, and a UTC toggle for times; applied live. */
export function LocalePanel() {
  const [prefs, setPrefs] = useState<DisplayPrefs | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void api()
      .settings.displayPrefs({})
      .then((r) => live && (r.ok ? setPrefs(r.data) : setError(r.error)));
    return () => {
      live = false;
    };
  }, []);
  const save = async (patch: Partial<DisplayPrefs>) => {
    setError(null);
    const r = await api().settings.setDisplayPrefs(patch);
    if (!r.ok) return setError(r.error);
    setPrefs(r.data);
    setFormatPrefs(r.data);
  };
  const osLocale = new Intl.NumberFormat().resolvedOptions().locale;
  const offered = prefs?.locale && !LOCALES.includes(prefs.locale) ? [prefs.locale, ...LOCALES] : LOCALES;
  return (
    <section className="panel" aria-labelledby="locale-h">
      <div className="panel-head">
        <h2 id="locale-h">Locale</h2>
      </div>
      {prefs && (
        <>
          <label className="prefs-theme">
            Locale for money and times{' '}
            <select value={prefs.locale ?? ''} onChange={(e) => void save({ locale: e.target.value || null })}>
              <option value="">Follow the system ({osLocale})</option>
              {offered.map((tag) => (
                <option key={tag} value={tag}>
                  {localeName(tag)} ({tag})
                </option>
              ))}
            </select>
          </label>
          <label className="check prefs-utc">
            <input type="checkbox" checked={prefs.utc} onChange={(e) => void save({ utc: e.target.checked })} /> Show times in UTC{' '}
            <span className="muted small">— to compare timestamps with other systems</span>
          </label>
          <p className="help" aria-live="polite">
            Example: {formatAmount('1234567.5', 'usdc')} · {formatDateTime(EXAMPLE_AT)}
          </p>
        </>
      )}
      <InlineError error={error} />
    </section>
  );
}
