import { useEffect, useRef } from 'react';

/**
 * Confirmation for destructive actions, on the native <dialog> so focus is trapped and Esc cancels.
 * The safe choice (Cancel) has focus first.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      onCancel={(e) => (e.preventDefault(), props.onCancel())}
      data-testid="confirm-dialog"
    >
      <h2>{props.title}</h2>
      <p>{props.message}</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={props.onCancel} data-testid="confirm-cancel">
          Cancel
        </button>
        <button type="button" className="danger" onClick={props.onConfirm} data-testid="confirm-ok">
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
