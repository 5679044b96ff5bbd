import { selectNotices, useNotify } from '../stores/notify.store.ts';

export function Toasts() {
  const notices = useNotify(selectNotices);
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
