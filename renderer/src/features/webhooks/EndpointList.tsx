import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useWebhooksStore, type EndpointView } from '../../stores/webhooks';
import { SCHEME_LABELS } from './format';
import { SecretField } from './SecretField';

function CopyUrl(props: { url: string | null }) {
  const [copied, setCopied] = useState(false);
  if (!props.url) return <span className="muted">Start the listener to get the URL.</span>;
  return (
    <span className="webhooks-url">
      <code data-testid="endpoint-url">{props.url}</code>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard
            ?.writeText(props.url!)
            .then(() => (setCopied(true), setTimeout(() => setCopied(false), 1500)))
        }
        aria-label="Copy the URL to paste into the sending tool"
        data-testid="endpoint-copy"
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}

function EndpointCard(props: { endpoint: EndpointView; mappingName?: string }) {
  const e = props.endpoint;
  const { edit, sendTest, catchUp, removeEndpoint } = useWebhooksStore.getState();
  const [confirm, setConfirm] = useState(false);
  return (
    <li className="card" data-testid={`endpoint-${e.id}`}>
      <div className="webhooks-section-header">
        <h3>{e.name}</h3>
        {e.enabled ? null : <span className="badge warn">Disabled</span>}
      </div>
      <CopyUrl url={e.url} />
      <dl className="webhooks-facts">
        <dt>Verification</dt>
        <dd>{SCHEME_LABELS[e.scheme.kind]}</dd>
        <dt>Runs</dt>
        <dd>
          {props.mappingName ? `mapping “${props.mappingName}”` : e.flowId ? e.flowId : 'nothing (events are stored)'}
        </dd>
        <dt>Secret</dt>
        <dd>
          <SecretField id={e.id} hasSecret={e.hasSecret} />
        </dd>
      </dl>
      <div className="card-actions">
        <button
          type="button"
          disabled={!e.url || !e.hasSecret}
          onClick={() => void sendTest(e.id)}
          data-testid="endpoint-test"
        >
          Send test event
        </button>
        {e.catchUpId ? (
          <button type="button" onClick={() => void catchUp(e.id)} data-testid="endpoint-catchup-run">
            Catch up
          </button>
        ) : null}
        <button
          type="button"
          onClick={() =>
            edit({
              id: e.id,
              name: e.name,
              path: e.path,
              scheme: e.scheme,
              enabled: e.enabled,
              flowId: e.flowId ?? null,
              catchUpId: e.catchUpId ?? null,
              entityIdPath: e.entityIdPath,
              entityVersionPath: e.entityVersionPath,
            })
          }
          data-testid="endpoint-edit"
        >
          Edit
        </button>
        <button type="button" onClick={() => setConfirm(true)} data-testid="endpoint-remove">
          Remove
        </button>
      </div>
      <ConfirmDialog
        open={confirm}
        title={`Remove ${e.name}?`}
        message="Requests to its URL will be refused and its secret is deleted from the keychain. Received events stay in the feed."
        confirmLabel="Remove endpoint"
        onCancel={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          void removeEndpoint(e.id);
        }}
      />
    </li>
  );
}

export function EndpointList() {
  const endpoints = useWebhooksStore((s) => s.endpoints);
  const mappings = useWebhooksStore((s) => s.mappings);
  const names = new Map(mappings.map((m) => [`mapping:${m.id}`, m.name]));
  return (
    <ul className="card-list webhooks-endpoints" aria-label="Webhook endpoints">
      {endpoints.map((e) => (
        <EndpointCard key={e.id} endpoint={e} mappingName={e.flowId ? names.get(e.flowId) : undefined} />
      ))}
    </ul>
  );
}
