import { useEffect, useState } from 'react';
import { useWebhooksStore } from '../../stores/webhooks';
import { errorMessage } from '../../../../shared/error-message';

/** The delivery's payload as JSON: inspect always; edit while it is not delivered (then replay sends it). */
export function PayloadEditor(props: { id: string; payload: unknown; editable: boolean }) {
  const original = JSON.stringify(props.payload, null, 2);
  const [text, setText] = useState(original);
  useEffect(() => setText(original), [original]);
  const { editPayload } = useWebhooksStore.getState();
  let error: string | null = null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    error = errorMessage(e);
  }
  return (
    <div className="webhooks-payload">
      <label htmlFor={`payload-${props.id}`}>Payload (JSON)</label>
      <textarea
        id={`payload-${props.id}`}
        rows={12}
        spellCheck={false}
        readOnly={!props.editable}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error !== null}
        aria-describedby={`payload-${props.id}-status`}
        data-testid="payload-editor"
      />
      <p id={`payload-${props.id}-status`} className={error ? 'error-text' : 'muted'} data-testid="payload-status">
        {error
          ? `Not valid JSON: ${error}`
          : props.editable
            ? text === original
              ? 'Valid JSON.'
              : 'Valid JSON, not saved yet.'
            : 'Delivered payloads cannot be changed.'}
      </p>
      {props.editable ? (
        <div className="sync-actions">
          <button
            type="button"
            disabled={error !== null || text === original}
            onClick={() => void editPayload(props.id, parsed)}
            data-testid="payload-save"
          >
            Save payload
          </button>
          <button type="button" disabled={text === original} onClick={() => setText(original)}>
            Undo changes
          </button>
        </div>
      ) : null}
    </div>
  );
}
