import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../../shared/models/connection';
import type { Resource } from '../../../../shared/models/connector';
import { api, errorMessage, unwrap } from '../../api';
import { useMappings, type Suggestion } from '../../stores/mappings';

interface End {
  connectionId: string;
  resource: string;
}

/** Resources of a connection's connector, loaded once per connector. */
function useResources(connections: ConnectionView[]) {
  const [byConnector, setByConnector] = useState<Record<string, Resource[]>>({});
  useEffect(() => {
    for (const id of new Set(connections.map((c) => c.connectorId))) {
      if (byConnector[id]) continue;
      void unwrap(api.connectors.get({ id })).then(
        (def) => setByConnector((m) => ({ ...m, [id]: def.resources })),
        () => setByConnector((m) => ({ ...m, [id]: [] })),
      );
    }
  }, [connections, byConnector]);
  return (connectionId: string) => byConnector[connections.find((c) => c.id === connectionId)?.connectorId ?? ''] ?? [];
}

function EndPicker(props: {
  side: 'source' | 'target';
  value: End;
  connections: ConnectionView[];
  resources: (id: string) => Resource[];
  onChange: (v: End) => void;
}) {
  const resources = props.resources(props.value.connectionId);
  const label = props.side === 'source' ? 'Source' : 'Target';
  return (
    <fieldset className="end-picker">
      <legend>{props.side === 'source' ? 'Read from (source)' : 'Write to (target)'}</legend>
      <label>
        {label} connection
        <select
          value={props.value.connectionId}
          onChange={(e) => props.onChange({ connectionId: e.target.value, resource: '' })}
          data-testid={`${props.side}-connection`}
          required
        >
          <option value="">Choose…</option>
          {props.connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {label} resource
        <select
          value={props.value.resource}
          onChange={(e) => props.onChange({ ...props.value, resource: e.target.value })}
          data-testid={`${props.side}-resource`}
          required
          disabled={!props.value.connectionId}
        >
          <option value="">Choose…</option>
          {resources.map((r) => (
            <option key={r.name} value={r.name}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

/** Step 1: pick both ends; step 2: review the suggested rules; then the editor opens with live samples. */
export function NewMappingForm(props: { connections: ConnectionView[]; onCancel: () => void; onStarted: () => void }) {
  const store = useMappings();
  const resources = useResources(props.connections);
  const [source, setSource] = useState<End>({ connectionId: '', resource: '' });
  const [target, setTarget] = useState<End>({ connectionId: '', resource: '' });
  const [name, setName] = useState('');
  const [suggestion, setSuggestion] = useState<Suggestion>();
  const [accepted, setAccepted] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ready = source.connectionId && source.resource && target.connectionId && target.resource;
  const nameOf = (e: End) => `${props.connections.find((c) => c.id === e.connectionId)?.name ?? ''} ${e.resource}`;

  const suggest = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      const s = await store.suggest(source, target);
      setSuggestion(s);
      setAccepted(Object.fromEntries(s.rules.map((r) => [r.id, true])));
      if (!name) setName(`${nameOf(source)} → ${nameOf(target)}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const start = async (useRules: boolean) => {
    const rules = useRules && suggestion ? suggestion.rules.filter((r) => accepted[r.id]) : [];
    const keyRule = suggestion?.matchKey?.sourceRule;
    const matchKey = suggestion?.matchKey && rules.some((r) => r.id === keyRule) ? suggestion.matchKey : null;
    props.onStarted();
    await store.startNew({
      name: name.trim() || `${nameOf(source)} → ${nameOf(target)}`,
      source,
      target,
      rules,
      matchKey,
      unmappedRequired: 'error',
      requiredDefaults: {},
      piiAcknowledged: null,
    });
  };

  if (props.connections.length < 1) {
    return (
      <p className="muted">
        Add a connection first (Connections page): a mapping reads from one connection and writes to another.
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="new-mapping-title">
      <h2 id="new-mapping-title">New mapping</h2>
      <form
        className="new-mapping"
        onSubmit={(e) => void suggest(e)}
        onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
      >
        <div className="end-pickers">
          <EndPicker
            side="source"
            value={source}
            connections={props.connections}
            resources={resources}
            onChange={setSource}
          />
          <span className="end-arrow" aria-hidden>
            →
          </span>
          <EndPicker
            side="target"
            value={target}
            connections={props.connections}
            resources={resources}
            onChange={setTarget}
          />
        </div>
        <label className="name-field">
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. CRM contacts → billing customers"
            data-testid="mapping-name"
            maxLength={120}
          />
        </label>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <div className="card-actions">
          <button type="submit" className="primary" disabled={!ready || busy} data-testid="suggest-rules">
            {busy ? 'Suggesting…' : 'Suggest rules'}
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {suggestion ? (
        <div className="suggestions" data-testid="suggestions">
          <h3>Suggested rules</h3>
          <p className="muted">
            Matched by field name and type. Untick what is wrong; everything can be changed in the editor.
            {suggestion.unmatchedTargets.length
              ? ` Target fields without a suggestion: ${suggestion.unmatchedTargets.join(', ')}.`
              : ''}
          </p>
          <ul className="suggestion-list">
            {suggestion.rules.map((r) => {
              const s = suggestion.suggestions.find((x) => x.ruleId === r.id);
              return (
                <li key={r.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={!!accepted[r.id]}
                      onChange={(e) => setAccepted((a) => ({ ...a, [r.id]: e.target.checked }))}
                      data-testid={`suggestion-${r.target}`}
                    />
                    <strong>{r.target}</strong> ← {r.sources.join(' + ')}
                    {r.transforms.length ? (
                      <span className="muted"> via {r.transforms.map((t) => t.kind).join(' → ')}</span>
                    ) : null}
                    {s ? (
                      <span className="muted">
                        {' '}
                        ({s.reason}, score {s.score})
                      </span>
                    ) : null}
                  </label>
                </li>
              );
            })}
          </ul>
          {suggestion.matchKey ? (
            <p>
              Match key: <code>{suggestion.matchKey.targetField}</code> compared as {suggestion.matchKey.normalization},
              so existing records are updated instead of duplicated.
            </p>
          ) : null}
          <div className="card-actions">
            <button type="button" className="primary" onClick={() => void start(true)} data-testid="use-suggestions">
              Use {Object.values(accepted).filter(Boolean).length} rules and preview
            </button>
            <button type="button" onClick={() => void start(false)}>
              Start empty
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
