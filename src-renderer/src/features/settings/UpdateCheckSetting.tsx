import { useEffect, useState } from 'react';
import type { AppError } from '#shared/ipc/result.ts';
import { InlineError } from '../../components/States.tsx';
import { api } from '../../lib/api-client.ts';

/** Settings → Desktop: whether the desktop app looks for an update, quietly, when it starts. */
export function UpdateCheckSetting() {
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void api()
      .settings.desktopPrefs({})
      .then((r) => live && (r.ok ? setOn(r.data.updates.checkAtStart) : setError(r.error)));
    return () => {
      live = false;
    };
  }, []);
  const save = async (checkAtStart: boolean) => {
    setOn(checkAtStart);
    const r = await api().settings.setDesktopPrefs({ updates: { checkAtStart } });
    if (r.ok) setOn(r.data.updates.checkAtStart);
    else setError(r.error);
  };
  return (
    <fieldset className="prefs">
      <legend>Updates</legend>
      {on !== null && (
        <label className="check">
          <input type="checkbox" checked={on} onChange={(e) => void save(e.target.checked)} /> Check for updates when the console starts
        </label>
      )}
      <p className="help">Desktop app only: Help → Check for Updates asks at any time, and a restart is offered only when no change to OMS is under way. Browser mode never updates itself.</p>
      <InlineError error={error} />
    </fieldset>
  );
}
