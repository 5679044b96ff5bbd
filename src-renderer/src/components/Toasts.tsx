import { screenKey, selectNotices, useNotify } from '../stores/notify.store.ts';
import { selectRoute, useRoute } from '../stores/route.store.ts';

/** Notices of the screen on show only: a toast raised on one customer never speaks over another. */
export function Toasts() {
  const all = useNotify(selectNotices);
  const here = screenKey(useRoute(selectRoute));
  const notices = all.filter((n) => n.screen === here);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {notices.map((n) => (
        <div key={n.id} className={`toast toast-${n.tone}`}>
          {n.text}
          <button type="button" className="btn-x" aria-label="Dismiss notification" onClick={() => useNotify.getState().dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
