import { useAppStore } from '../stores/app';

/** Start-up notices (settings recovered, keychain problems…) until the user dismisses them. */
export function NoticeBar() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} data-testid="notice">
          <span>{n.message}</span>
          <button type="button" aria-label="Dismiss notice" onClick={() => void dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
