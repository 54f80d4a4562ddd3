import { useState } from 'react';
import type { VerificationSchemeInput } from '../../../../shared/models/webhooks';
import { useWebhooksStore, type EndpointDraft } from '../../stores/webhooks';
import { SCHEME_LABELS } from './format';

const KINDS = Object.keys(SCHEME_LABELS) as VerificationSchemeInput['kind'][];

/** New or changed endpoint: name, path, how requests are verified, and which mapping each event runs. */
export function EndpointForm(props: { draft: EndpointDraft }) {
  const mappings = useWebhooksStore((s) => s.mappings);
  const { saveEndpoint, edit } = useWebhooksStore.getState();
  const [draft, setDraft] = useState<EndpointDraft>(props.draft);
  const change = (patch: Partial<EndpointDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const mappingId = draft.flowId?.startsWith('mapping:') ? draft.flowId.slice('mapping:'.length) : '';
  const scheme = draft.scheme;
  const pathOk = /^\/[A-Za-z0-9._~\-/]*$/.test(draft.path);
  return (
    <form
      className="card webhooks-endpoint-form"
      aria-labelledby="endpoint-form-title"
      data-testid="endpoint-form"
      onSubmit={(e) => {
        e.preventDefault();
        void saveEndpoint(draft);
      }}
    >
      <h2 id="endpoint-form-title">{draft.id ? `Edit ${draft.name}` : 'New webhook endpoint'}</h2>
      <div className="form-grid">
        <label>
          Name
          <input
            required
            value={draft.name}
            onChange={(e) => change({ name: e.target.value })}
            data-testid="endpoint-name"
          />
        </label>
        <label>
          URL path
          <input
            required
            value={draft.path}
            onChange={(e) => change({ path: e.target.value })}
            aria-invalid={!pathOk}
            aria-describedby="endpoint-path-help"
            data-testid="endpoint-path"
          />
          <span id="endpoint-path-help" className="muted">
            Starts with “/”, e.g. /hooks/shop-orders
          </span>
        </label>
        <label>
          Verification
          <select
            value={scheme.kind}
            onChange={(e) => change({ scheme: { kind: e.target.value as never } })}
            data-testid="endpoint-scheme"
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {SCHEME_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {scheme.kind === 'hmac' ? (
          <label>
            Signature header
            <input
              value={scheme.header ?? 'x-signature'}
              onChange={(e) => change({ scheme: { ...scheme, header: e.target.value } })}
              data-testid="endpoint-hmac-header"
            />
          </label>
        ) : null}
        <label>
          Each event runs the mapping
          <select
            value={mappingId}
            onChange={(e) => {
              const id = e.target.value;
              change({
                flowId: id ? `mapping:${id}` : null,
                catchUpId: id && draft.catchUpId ? `mapping:${id}` : null,
              });
            }}
            data-testid="endpoint-mapping"
          >
            <option value="">(none: only store the events)</option>
            {mappings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="webhooks-check">
          <input
            type="checkbox"
            disabled={!mappingId}
            checked={Boolean(draft.catchUpId)}
            onChange={(e) => change({ catchUpId: e.target.checked && mappingId ? `mapping:${mappingId}` : null })}
            data-testid="endpoint-catchup"
          />
          Catch up missed events from the mapping’s source
        </label>
        <label>
          Record id in the body
          <input
            value={draft.entityIdPath ?? 'id'}
            onChange={(e) => change({ entityIdPath: e.target.value })}
            data-testid="endpoint-id-path"
          />
        </label>
        <label>
          Record version in the body
          <input
            value={draft.entityVersionPath ?? 'updated_at'}
            onChange={(e) => change({ entityVersionPath: e.target.value })}
          />
        </label>
      </div>
      <div className="form-actions">
        <button type="button" onClick={() => edit(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!draft.name.trim() || !pathOk} data-testid="endpoint-save">
          Save endpoint
        </button>
      </div>
    </form>
  );
}
