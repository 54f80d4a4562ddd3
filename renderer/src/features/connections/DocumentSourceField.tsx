/**
 * Where an importer reads its document from (a URL or a file path) and the button that reads it:
 * the first step of the OpenAPI and WSDL imports alike.
 */
export function DocumentSourceField(props: {
  label: string;
  placeholder: string;
  /** Prefix of the test ids: `<prefix>-source`, `<prefix>-inspect`. */
  testId: string;
  value: string;
  onChange: (value: string) => void;
  onRead: () => void;
  busy: boolean;
  /** Whether a document has been read already (the button then stops saying "Reading…"). */
  read: boolean;
}) {
  return (
    <label>
      {props.label}
      <span className="inline-row">
        <input
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          placeholder={props.placeholder}
          data-testid={`${props.testId}-source`}
          autoFocus
        />
        <button
          type="button"
          onClick={props.onRead}
          disabled={props.busy || !props.value.trim()}
          data-testid={`${props.testId}-inspect`}
        >
          {props.busy && !props.read ? 'Reading…' : 'Read'}
        </button>
      </span>
    </label>
  );
}
