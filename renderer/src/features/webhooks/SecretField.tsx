import { useState } from 'react';
import { useWebhooksStore } from '../../stores/webhooks';

/** Write-only: the secret goes to the keychain; the page only ever learns whether one is set. */
export function SecretField(props: { id: string; hasSecret: boolean; missingLabel?: string }) {
  const [open, setOpen] = useState(!props.hasSecret);
  const [value, setValue] = useState('');
  const { setSecret } = useWebhooksStore.getState();
  if (!open) {
    return (
      <span className="webhooks-secret">
        <span className="badge ok" data-testid="endpoint-secret-state">
          Secret set
        </span>
        <button type="button" onClick={() => setOpen(true)} data-testid="endpoint-secret-replace">
          Replace secret
        </button>
      </span>
    );
  }
  return (
    <form
      className="webhooks-secret"
      onSubmit={(e) => {
        e.preventDefault();
        void setSecret(props.id, value).then((ok) => {
          if (ok) {
            setValue('');
            setOpen(false);
          }
        });
      }}
    >
      <label>
        <span className="visually-hidden">Signing secret</span>
        <input
          type="password"
          autoComplete="off"
          placeholder="Paste the signing secret"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          data-testid="endpoint-secret-input"
        />
      </label>
      <button type="submit" disabled={!value} data-testid="endpoint-secret-save">
        Save to keychain
      </button>
      {props.hasSecret ? (
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      ) : (
        <span className="badge warn">{props.missingLabel ?? 'No secret: requests are refused'}</span>
      )}
    </form>
  );
}
