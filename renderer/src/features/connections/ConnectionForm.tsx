import { useState, type FormEvent } from 'react';
import {
  SECRET_FIELDS,
  type AuthKind,
  type AuthSettings,
  type ConnectionView,
} from '../../../../shared/models/connection';
import type { ConnectorSummary } from '../../../../shared/models/connector';
import { ApiError, errorMessage } from '../../api';
import { AUTH_KIND_LABELS, AUTH_SETTING_FIELDS, SECRET_LABELS } from './auth-fields';

export interface ConnectionFormValues {
  name: string;
  baseUrl: string;
  authKind: AuthKind;
  authSettings: AuthSettings;
  contact: string;
  /** Only the secrets the user typed: empty means "keep the stored one". */
  secrets: Record<string, string>;
}

/**
 * The connection form, for add and edit. Secret inputs are write-only: an existing secret shows as
 * "set ••••1234" with a Replace button, never its value (the renderer never has it).
 */
export function ConnectionForm(props: {
  connector: ConnectorSummary;
  baseUrlTemplate?: string;
  initial?: ConnectionView;
  submitLabel: string;
  onSubmit: (values: ConnectionFormValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { connector, initial } = props;
  const [values, setValues] = useState<ConnectionFormValues>({
    name: initial?.name ?? connector.name,
    baseUrl: initial?.baseUrl ?? props.baseUrlTemplate ?? '',
    authKind: initial?.authKind ?? connector.authKinds[0] ?? 'none',
    authSettings: initial?.authSettings ?? {},
    contact: initial?.integrator.contact ?? '',
    secrets: {},
  });
  const [replacing, setReplacing] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<{ message: string; field?: string }>();
  const [busy, setBusy] = useState(false);

  const secretFields = SECRET_FIELDS[values.authKind].filter((f) => f.userInput);
  const setSetting = (key: keyof AuthSettings, raw: string) => {
    const value = key === 'scopes' ? raw.split(/\s+/).filter(Boolean) : raw || undefined;
    setValues({ ...values, authSettings: { ...values.authSettings, [key]: value } });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(values);
    } catch (e) {
      const issues = e instanceof ApiError ? (e.details?.issues as { path: string }[] | undefined) : undefined;
      setError({
        message: errorMessage(e),
        field: (e instanceof ApiError && (e.details?.field as string)) || issues?.[0]?.path,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form connection-form"
      onSubmit={(e) => void submit(e)}
      aria-label={`${props.submitLabel} ${connector.name}`}
      data-testid="connection-form"
    >
      <label>
        Name
        <input
          required
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
          data-testid="field-name"
          autoFocus
        />
      </label>
      <label>
        Base URL
        <input
          required
          type="url"
          value={values.baseUrl}
          onChange={(e) => setValues({ ...values, baseUrl: e.target.value })}
          data-testid="field-baseUrl"
        />
      </label>
      <label>
        Authentication
        <select
          value={values.authKind}
          onChange={(e) => setValues({ ...values, authKind: e.target.value as AuthKind, authSettings: {} })}
          data-testid="field-authKind"
        >
          {connector.authKinds.map((kind) => (
            <option key={kind} value={kind}>
              {AUTH_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      {AUTH_SETTING_FIELDS[values.authKind].map((f) => {
        const current = values.authSettings[f.key];
        const text = Array.isArray(current) ? current.join(' ') : ((current as string | undefined) ?? '');
        return (
          <label key={f.key}>
            {f.label}
            {f.options ? (
              <select value={text} onChange={(e) => setSetting(f.key, e.target.value)} data-testid={`setting-${f.key}`}>
                <option value="">(default)</option>
                {f.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input
                value={text}
                placeholder={f.placeholder}
                onChange={(e) => setSetting(f.key, e.target.value)}
                data-testid={`setting-${f.key}`}
              />
            )}
          </label>
        );
      })}
      {secretFields.map(({ field, required }) => {
        const marker = initial?.secrets[field];
        const showInput = !marker || replacing[field];
        return (
          <label key={field}>
            {SECRET_LABELS[field] ?? field} {required ? '' : '(optional)'} — kept in your OS keychain
            {showInput ? (
              <input
                type="password"
                autoComplete="off"
                required={required && !marker}
                value={values.secrets[field] ?? ''}
                onChange={(e) => setValues({ ...values, secrets: { ...values.secrets, [field]: e.target.value } })}
                data-testid={`secret-${field}`}
              />
            ) : (
              <span className="secret-set">
                <span data-testid={`secret-${field}-hint`}>set {marker.hint}</span>
                <button
                  type="button"
                  onClick={() => setReplacing({ ...replacing, [field]: true })}
                  data-testid={`secret-${field}-replace`}
                >
                  Replace
                </button>
              </span>
            )}
          </label>
        );
      })}
      <label>
        Your contact for the API provider (sent in the User-Agent)
        <input
          value={values.contact}
          placeholder="https://your-company.example or it@your-company.example"
          onChange={(e) => setValues({ ...values, contact: e.target.value })}
          data-testid="field-contact"
        />
      </label>
      {error ? (
        <p className="error-text" role="alert" data-testid="form-error">
          {error.field ? <strong>{error.field}: </strong> : null}
          {error.message}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="connection-submit">
          {busy ? 'Saving…' : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
