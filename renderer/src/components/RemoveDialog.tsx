import { errorMessage } from '../api';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * "Remove “X”?" for a named item: says what is lost, removes on confirm, and reports the outcome
 * (or the error) through `onStatus` so the page can show it.
 */
export function RemoveDialog<T extends { id: string; name: string }>(props: {
  item: T | undefined;
  what: string;
  consequence: string;
  onRemove: (item: T) => Promise<void>;
  onClose: () => void;
  onStatus: (message: string) => void;
}) {
  return (
    <ConfirmDialog
      open={!!props.item}
      title={`Remove “${props.item?.name ?? ''}”?`}
      message={props.consequence}
      confirmLabel={`Remove ${props.what}`}
      onCancel={props.onClose}
      onConfirm={() => {
        const target = props.item!;
        props.onClose();
        props.onRemove(target).then(
          () => props.onStatus(`Removed “${target.name}”.`),
          (e: unknown) => props.onStatus(errorMessage(e)),
        );
      }}
    />
  );
}
